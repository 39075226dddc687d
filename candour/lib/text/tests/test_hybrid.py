import pytest

from candour.lib.text.hybrid import fuse, rank_texts


def test_rank_fusion_puts_first_what_both_lists_rank_high():
    lexical = [(1, 9.0), (2, 5.0), (3, 1.0)]
    semantic = [(2, 0.9), (1, 0.8), (4, 0.7)]
    fused = fuse(lexical, semantic, k=3, lexical_weight=0.5, method="rrf")
    assert [f.id for f in fused] == [1, 2, 3]
    assert fuse([(1, 3.0)], [(1, 0.5)], k=1, method="rrf")[0].score == pytest.approx(1.0)


def test_score_fusion_weighs_bm25_against_the_best_match_and_the_cosine():
    lexical = [(1, 10.0), (2, 5.0)]
    semantic = [(2, 0.9), (3, 0.8)]
    fused = fuse(lexical, semantic, k=3, lexical_weight=0.5, method="scores")
    scores = {f.id: f.score for f in fused}
    assert scores[2] == pytest.approx(0.5 * 0.5 + 0.5 * 0.9)
    # Missing from a list: that list's lowest score.
    assert scores[1] == pytest.approx(0.5 * 1.0 + 0.5 * 0.8)
    assert scores[3] == pytest.approx(0.5 * 0.5 + 0.5 * 0.8)
    assert [f.id for f in fused] == [1, 2, 3]


def test_minmax_fusion_stretches_each_list_from_its_last_to_its_first():
    lexical = [(1, 10.0), (2, 6.0), (5, 2.0)]
    semantic = [(2, 0.9), (3, 0.7), (1, 0.5)]
    scores = {
        f.id: f.score for f in fuse(lexical, semantic, k=5, lexical_weight=0.4, method="minmax")
    }
    assert scores[2] == pytest.approx(0.4 * 0.5 + 0.6 * 1.0)
    assert scores[1] == pytest.approx(0.4 * 1.0 + 0.6 * 0.0)
    assert scores[3] == pytest.approx(0.6 * 0.5)
    assert scores[5] == pytest.approx(0.0)
    assert fuse([(1, 3.0)], [(1, 0.5)], k=1, method="minmax")[0].score == pytest.approx(1.0)


def test_weights_of_zero_and_one_give_each_list_alone():
    lexical = [(1, 2.0), (2, 1.0)]
    semantic = [(2, 0.9), (1, 0.1)]
    assert [f.id for f in fuse(lexical, semantic, k=2, lexical_weight=1.0)] == [1, 2]
    assert [f.id for f in fuse(lexical, semantic, k=2, lexical_weight=0.0)] == [2, 1]
    assert fuse(lexical, semantic, k=0) == []


def test_rank_texts_finds_a_text_by_a_rare_word_and_by_meaning(embedder):
    texts = [
        "Medication was given twice by two members of staff.",
        "The young person absconded from the residential unit.",
        "A laptop holding case records was left on the Tamworth train.",
    ]
    ranked = rank_texts("child went missing from the children's home", texts, embedder, k=3)
    assert ranked[0].position == 1
    ranked = rank_texts("Tamworth", texts, embedder, k=1)
    assert ranked[0].position == 2
    assert 0 < ranked[0].score <= 1
    assert rank_texts("anything", [], embedder, k=3) == []
