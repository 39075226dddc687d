import numpy as np
import pytest

from candour.lib.text.vectors.index import VectorIndex
from candour.lib.text.vectors.storage import ConcurrentUpdateError, StorageError


def clustered(count, dimensions=32, clusters=50, seed=0):
    """Unit vectors in tight clusters, as report vectors are."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dimensions))
    vectors = centres[rng.integers(0, clusters, count)] + 0.3 * rng.standard_normal(
        (count, dimensions)
    )
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def brute_force(vectors, ids, query, k, mask=None):
    scores = vectors @ (query / np.linalg.norm(query))
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    return [int(ids[i]) for i in np.argsort(-scores, kind="stable")[:k]]


def same(hits, others):
    """The same ids in the same order, scores equal to float32 rounding."""
    return [h.id for h in hits] == [o.id for o in others] and np.allclose(
        [h.score for h in hits], [o.score for o in others], atol=1e-6
    )


def test_search_returns_the_exact_nearest_best_first():
    vectors = clustered(500)
    ids = np.arange(500) * 7
    index = VectorIndex(32)
    index.add(ids, vectors, np.zeros(500))
    hits = index.search(vectors[3], k=5)
    assert [hit.id for hit in hits] == brute_force(vectors, ids, vectors[3], 5)
    assert hits[0].id == 21
    assert hits[0].score == pytest.approx(1.0)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_groups_limit_the_search_to_organisations():
    vectors = clustered(600)
    groups = np.arange(600) % 3
    index = VectorIndex(32)
    index.add(np.arange(600), vectors, groups)
    hits = index.search(vectors[0], k=10, groups=[1])
    assert all(groups[hit.id] == 1 for hit in hits)
    assert [h.id for h in hits] == brute_force(vectors, np.arange(600), vectors[0], 10, groups == 1)
    both = index.search(vectors[0], k=10, groups={1, 2})
    assert all(groups[hit.id] in (1, 2) for hit in both)
    assert index.search(vectors[0], k=10, groups=[99]) == []


def test_remove_and_replace_by_id():
    vectors = clustered(100)
    index = VectorIndex(32)
    index.add(np.arange(100), vectors, np.zeros(100))
    assert index.remove([5, 6, 1000]) == 2
    assert len(index) == 98
    assert 5 not in index
    assert all(hit.id not in (5, 6) for hit in index.search(vectors[5], k=20))
    index.add([7], vectors[50:51], [4])
    assert len(index) == 98
    assert index.search(vectors[50], k=2, groups=[4])[0].id == 7
    stored = index.vector(7)
    assert stored is not None
    assert np.allclose(stored, vectors[50], atol=1e-6)
    assert index.vector(5) is None
    assert index.search(vectors[50], k=2, exclude=[50])[0].id == 7


def test_incremental_adds_give_the_same_results_as_one_batch():
    vectors = clustered(3000)
    groups = np.arange(3000) % 5
    batch = VectorIndex(32)
    batch.add(np.arange(3000), vectors, groups)
    incremental = VectorIndex(32, max_segments=4)
    for start in range(0, 3000, 250):
        incremental.add(
            np.arange(start, start + 250), vectors[start : start + 250], groups[start : start + 250]
        )
    assert len(incremental.segments) <= 5
    for query in vectors[:20]:
        assert same(incremental.search(query, k=10), batch.search(query, k=10))
        assert same(
            incremental.search(query, k=10, groups=[2]), batch.search(query, k=10, groups=[2])
        )


def test_approximate_search_recall_against_brute_force():
    vectors = clustered(20_000, dimensions=64, clusters=400, seed=1)
    index = VectorIndex(64, exact_limit=1000, probes=16)
    index.add(np.arange(20_000), vectors, np.arange(20_000) % 10)
    assert index.needs_training
    index.train(seed=1)
    assert not index.needs_training
    queries = clustered(100, dimensions=64, clusters=400, seed=1)
    found = 0
    for query in queries:
        exact = {hit.id for hit in index.search(query, k=10, exact=True)}
        found += len(exact & {hit.id for hit in index.search(query, k=10)})
    assert found / 1000 >= 0.95
    index.add([50_000], queries[:1], [3])
    assert index.search(queries[0], k=1)[0].id == 50_000


def test_an_organisations_rows_are_one_slice_searched_exactly_even_when_trained():
    vectors = clustered(6_000, dimensions=32, clusters=100, seed=2)
    groups = np.array([7, 3, 11])[np.arange(6_000) % 3]
    index = VectorIndex(32, exact_limit=2_500, probes=2)
    index.add(np.arange(6_000), vectors, groups)
    index.train(lists=60, seed=2)
    (segment,) = index.segments
    assert list(np.unique(segment.groups)) == [3, 7, 11]
    assert (np.diff(segment.groups) >= 0).all()
    assert segment.group_ranges(np.array([3, 11, 99])) == [(0, 2_000), (4_000, 6_000)]
    query = vectors[5]
    hits = index.search(query, k=20, groups=[11])
    assert [h.id for h in hits] == brute_force(vectors, np.arange(6_000), query, 20, groups == 11)
    # Past exact_limit (two organisations, 4,000 rows) the probed lists are read, and only
    # the wanted organisations' rows of them.
    both = index.search(query, k=20, groups=[3, 11])
    assert both
    assert all(groups[hit.id] in (3, 11) for hit in both)
    rows = segment.list_rows(np.array([0, 5]), np.array([3]))
    assert (segment.groups[rows] == 3).all()
    assert set(segment.lists[rows]) <= {0, 5}
    assert len(rows) == int(((segment.groups == 3) & np.isin(segment.lists, [0, 5])).sum())
    assert (np.diff(rows) > 0).all()


def test_save_and_load_round_trip(tmp_path):
    vectors = clustered(3000)
    index = VectorIndex(32, exact_limit=500, storage="float16")
    index.add(np.arange(3000), vectors, np.arange(3000) % 4)
    index.train(lists=20)
    index.remove([1, 2])
    index.metadata["model"] = "m1"
    index.extras["weights"] = np.arange(5, dtype=np.float32)
    index.save(tmp_path)
    loaded = VectorIndex.load(tmp_path)
    assert loaded.metadata == {"model": "m1"}
    assert np.array_equal(loaded.extras["weights"], np.arange(5))
    assert len(loaded) == 2998
    assert loaded.segments[0].vectors.dtype == np.float16
    for query in vectors[:10]:
        assert same(loaded.search(query, k=10), index.search(query, k=10))
        assert same(loaded.search(query, k=5, groups=[3]), index.search(query, k=5, groups=[3]))
    from_bytes = VectorIndex.from_bytes(index.to_bytes())
    assert same(from_bytes.search(vectors[0], k=10), index.search(vectors[0], k=10))


def test_saving_after_an_add_writes_only_the_new_segment(tmp_path):
    vectors = clustered(2000)
    index = VectorIndex(32)
    index.add(np.arange(1000), vectors[:1000], np.zeros(1000))
    index.save(tmp_path)
    first = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.vectors.npy")}
    loaded = VectorIndex.load(tmp_path)
    loaded.add(np.arange(1000, 2000), vectors[1000:], np.ones(1000))
    loaded.save(tmp_path)
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.vectors.npy")}
    assert {name: after[name] for name in first} == first
    assert len(after) == 2
    assert len(VectorIndex.load(tmp_path)) == 2000


def test_a_stale_writer_cannot_overwrite_a_newer_generation(tmp_path):
    vectors = clustered(10)
    index = VectorIndex(32)
    index.add(np.arange(10), vectors, np.zeros(10))
    index.save(tmp_path)
    first, second = VectorIndex.load(tmp_path), VectorIndex.load(tmp_path)
    first.remove([1])
    first.save(tmp_path)
    second.remove([2])
    with pytest.raises(ConcurrentUpdateError):
        second.save(tmp_path)


def test_bad_input_and_bad_files_are_refused(tmp_path):
    index = VectorIndex(4)
    with pytest.raises(ValueError, match="dimensions"):
        index.add([1], np.ones((1, 3)), [0])
    with pytest.raises(ValueError, match="repeat"):
        index.add([1, 1], np.ones((2, 4)), [0, 0])
    with pytest.raises(ValueError, match="NaN"):
        index.add([1], np.full((1, 4), np.nan), [0])
    assert index.search(np.ones(4)) == []
    (tmp_path / "manifest.json").write_text('{"format": "something else"}')
    with pytest.raises(StorageError):
        VectorIndex.load(tmp_path)
