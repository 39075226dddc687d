import numpy as np

from candour.lib.text.embedding.weights import TokenCounter


def test_counting_together_or_merged_counts_as_one_by_one():
    documents = [[1, 1, 2], [], [2, 3], [0, 3, 3, 3]]
    single = TokenCounter(5)
    for document in documents:
        single.add(document)
    together = TokenCounter(5)
    together.add_many(documents[:2])
    rest = TokenCounter(5)
    rest.add_many(documents[2:])
    together.merge(rest)
    assert together.frequencies.tolist() == [1, 1, 2, 2, 0]
    assert together.documents == 4
    assert np.array_equal(together.weights(), single.weights())
