import numpy as np
import pytest

from candour.lib.text.lexical import LexicalIndex, fold_plural, words

REPORTS = {
    1: "The foster carer found the child missing from the placement overnight.",
    2: "Medication was given twice by two members of staff at the residential home.",
    3: "Police found the missing young person at the railway station in Tamworth.",
    4: "A laptop holding case records was left on a train.",
    5: "Medication errors: the dose was missed and the chart was not signed.",
}
GROUPS = {1: 7, 2: 7, 3: 8, 4: 8, 5: 7}


@pytest.fixture
def index():
    found = LexicalIndex()
    ids = sorted(REPORTS)
    found.add(ids, [REPORTS[i] for i in ids], [GROUPS[i] for i in ids])
    return found


def test_words_drop_punctuation_and_stop_words_and_fold_plurals():
    assert words("The carers' children were MISSING; police found them!") == [
        "carer",
        "children",
        "missing",
        "police",
        "found",
    ]
    assert fold_plural("stories") == "story"
    assert fold_plural("glass") == "glass"
    assert fold_plural("bus") == "bus"


def test_a_rare_shared_word_outweighs_a_common_one(index):
    hits = index.search("railway station Tamworth missing", k=5)
    assert hits[0][0] == 3
    assert {pk for pk, _ in hits} == {1, 3}
    assert hits[0][1] > hits[1][1] > 0


def test_search_keeps_to_the_groups_asked_for_and_leaves_out_excluded_ids(index):
    assert [pk for pk, _ in index.search("missing", k=5, groups=[7])] == [1]
    assert [pk for pk, _ in index.search("medication", k=5, exclude=[2])] == [5]
    assert index.search("medication", k=5, groups=[99]) == []
    assert index.search("", k=5) == []


def test_removed_reports_are_not_found_and_no_longer_count_in_word_frequencies(index):
    before = index.search("medication chart", k=5)
    assert index.remove([5]) == 1
    after = index.search("medication chart", k=5)
    assert [pk for pk, _ in after] == [2]
    # One report fewer holds "medication": the word now weighs more.
    assert after[0][1] > dict(before)[2]
    assert len(index) == 4


def test_adding_in_batches_and_merging_parts_gives_the_same_scores_as_one_build(index):
    batched = LexicalIndex(max_parts=2)
    for pk in sorted(REPORTS):
        batched.add([pk], [REPORTS[pk]], [GROUPS[pk]])
    assert len(batched.parts) <= 2
    for query in ("missing child", "medication dose", "train laptop records"):
        found, expected = batched.search(query, k=5), index.search(query, k=5)
        assert [pk for pk, _ in found] == [pk for pk, _ in expected]
        assert [score for _, score in found] == pytest.approx([score for _, score in expected])
    batched.add([4], ["A phone was left on a bus."], [8])  # replaces report 4
    assert [pk for pk, _ in batched.search("laptop", k=5)] == []
    batched.compact()
    assert len(batched.parts) == 1
    assert [pk for pk, _ in batched.search("phone bus", k=5)] == [4]


def test_the_index_survives_a_round_trip_through_plain_arrays(index):
    index.remove([1])
    arrays = index.to_arrays("lex_")
    assert all(isinstance(array, np.ndarray) and array.dtype != object for array in arrays.values())
    loaded = LexicalIndex.from_arrays(arrays, "lex_")
    assert loaded.search("missing police", k=5) == index.search("missing police", k=5)
    with pytest.raises(ValueError, match="no lexical index"):
        LexicalIndex.from_arrays({}, "lex_")


def test_ids_must_not_repeat_and_must_match_the_texts():
    index = LexicalIndex()
    with pytest.raises(ValueError, match="repeat"):
        index.add([1, 1], ["a b", "c d"], [0, 0])
    with pytest.raises(ValueError, match="texts"):
        index.add([1, 2], ["a b"], [0, 0])


def test_buckets_of_pre_tokenised_words_are_the_text_s_term_ids():
    from candour.lib.text.embedding.tokenizer import normalise, pre_tokenise
    from candour.lib.text.lexical import bucket_ids, bucket_of, term_ids

    text = "The carers' children were MISSING; police found them twice!"
    buckets = bucket_ids(pre_tokenise(normalise(text)))
    assert buckets.tolist() == term_ids(text).tolist()
    assert len(buckets) == len(words(text))
    assert bucket_of("the") == -1
    assert bucket_of(";") == -1
    assert bucket_of("carers") == bucket_of("carer")
    assert bucket_ids([]).tolist() == []


def test_a_query_is_scored_on_its_rarest_words_up_to_the_limit():
    from candour.lib.text.lexical import rarest_terms

    frequencies = np.zeros(10, dtype=np.int64)
    frequencies[[1, 2, 3, 4, 5]] = [90, 5, 40, 5, 1]
    terms = np.array([1, 2, 2, 3, 4, 5, 9])  # 9 is in no report
    assert rarest_terms(terms, frequencies, 100).tolist() == [1, 2, 3, 4, 5]
    assert rarest_terms(terms, frequencies, 100, limit=3).tolist() == [2, 4, 5]
    # Equal frequencies: the lower bucket is kept.
    assert rarest_terms(terms, frequencies, 100, limit=2).tolist() == [2, 5]
    assert rarest_terms(terms, frequencies, 100, common_share=0.3).tolist() == [2, 4, 5]
    # Only common words: they are scored rather than nothing.
    assert rarest_terms(np.array([1, 3]), frequencies, 100, common_share=0.1).tolist() == [1, 3]
    assert rarest_terms(np.array([9]), frequencies, 100).tolist() == []


def test_a_capped_query_ranks_by_its_rare_words(index):
    capped = LexicalIndex(max_query_terms=1)
    ids = sorted(REPORTS)
    capped.add(ids, [REPORTS[i] for i in ids], [GROUPS[i] for i in ids])
    # "medication" is in two reports, "laptop" in one: only "laptop" is scored.
    assert [pk for pk, _ in capped.search("medication laptop", k=5)] == [4]
    assert {pk for pk, _ in index.search("medication laptop", k=5)} == {2, 4, 5}
