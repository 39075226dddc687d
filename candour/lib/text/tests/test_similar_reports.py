import numpy as np
import pytest

from candour.lib.text.similar_reports import SharedReports, SimilarReports, StaleIndexError

FORMS = {
    1: "This report follows the Riverside incident reporting policy and will be reviewed.",
    2: "Moorland Council record: completed by the duty worker on the case system.",
}
INCIDENTS = [
    "[name] went missing from the children's home and police found her at the station.",
    "The young person was given a double dose of ADHD medication by two staff.",
    "A laptop holding case records was left on a train by a social worker.",
    "[name] cut her arms with a razor blade and was taken to A&E.",
    "Birth father arrived drunk at contact and the session was ended early.",
]
PARAPHRASES = [
    "YP absconded from the residential unit; located by police at a railway station.",
    "Two members of staff both gave the young person's methylphenidate, a double dose.",
    "A social worker lost a work laptop with case files while travelling by train.",
    "The young person self-harmed by cutting her forearms with a blade; went to hospital.",
    "Dad turned up smelling of alcohol at family time so contact was stopped early.",
]


def corpus():
    rows = []
    for number in range(60):
        group = 1 + number % 2
        text = f"{FORMS[group]} {INCIDENTS[number % 5]} Case {number}."
        rows.append((number, group, text))
    return rows


@pytest.fixture
def reports(embedder):
    rows = corpus()
    return SimilarReports.build(lambda: rows, embedder=embedder, min_reports=10)


def test_build_learns_the_form_sentences_and_finds_paraphrases(reports):
    assert FORMS[1] in reports.boilerplate
    assert "Riverside" not in reports.prepare(corpus()[0][2])
    for number, paraphrase in enumerate(PARAPHRASES):
        # By meaning alone (the embedding half of the hybrid search).
        vector = reports.embed([paraphrase])[0]
        hits = reports.index.search(vector, k=10)
        assert all(hit.id % 5 == number for hit in hits), paraphrase
    # The hybrid search: a paraphrase that shares its telling words finds its incident...
    for number in (0, 1, 2, 4):
        hits = reports.similar(PARAPHRASES[number], k=10)
        assert all(hit.id % 5 == number for hit in hits), PARAPHRASES[number]
    # ...but the self-harm paraphrase, whose only words in common with any report are
    # "young person", is pulled to the incident that says them (known weakness of
    # weighing words, measured on the generated reports in benchmarks/hybrid.py).


def test_similar_within_organisations_and_to_an_indexed_report(reports):
    hits = reports.similar(PARAPHRASES[0], k=5, groups=[2])
    assert {hit.id % 2 for hit in hits} == {1}
    neighbours = reports.similar_to(10, k=5)
    assert 10 not in {hit.id for hit in neighbours}
    assert all(hit.id % 5 == 0 for hit in neighbours)
    assert reports.similar_to(10_000) == []


def test_added_reports_are_found_and_removed_ones_are_not(reports):
    reports.add([500], ["A dog bit the child in the foster carer's garden."], [1])
    assert reports.similar("dog bite in the garden", k=1)[0].id == 500
    reports.remove([500])
    assert 500 not in {hit.id for hit in reports.similar("dog bite in the garden", k=5)}


def test_save_load_keeps_boilerplate_weights_and_results(reports, embedder, tmp_path):
    reports.save(tmp_path)
    loaded = SimilarReports.load(tmp_path, embedder)
    assert loaded.boilerplate == reports.boilerplate
    assert loaded.embedder.weights is not None
    assert np.array_equal(loaded.embedder.weights, reports.embedder.weights)
    assert loaded.similar(PARAPHRASES[2], k=10) == reports.similar(PARAPHRASES[2], k=10)


def test_an_index_from_another_model_is_refused(reports, embedder, tmp_path):
    reports.save(tmp_path)
    reports.index.metadata["embedder"] = "another-model:0000"
    reports.index.save(tmp_path)
    with pytest.raises(StaleIndexError):
        SimilarReports.load(tmp_path, embedder)


def test_shared_reports_reload_when_a_new_generation_is_saved(reports, tmp_path):
    shared = SharedReports(tmp_path, check_every=0)
    assert shared.get() is None
    reports.save(tmp_path)
    first = shared.get()
    assert first is not None
    assert shared.get() is first
    reports.add([900], ["Something new happened."], [1])
    reports.save(tmp_path)
    second = shared.get()
    assert second is not None
    assert second is not first
    assert 900 in second.index


def test_a_rare_word_shared_with_a_report_finds_it_though_the_meaning_is_vague(embedder):
    rows = [(number, 1, f"{INCIDENTS[number % 5]} Case {number}.") for number in range(40)] + [
        (99, 1, "The Brackenfield unit logged a routine visit.")
    ]
    reports = SimilarReports.build(lambda: rows, embedder=embedder, min_reports=50)
    assert reports.similar("Brackenfield", k=1)[0].id == 99
    assert reports.lexical.search("Brackenfield", k=1)[0][0] == 99


def test_the_word_index_is_saved_and_loaded_with_the_vectors(reports, tmp_path, embedder):
    reports.remove([0])
    reports.save(tmp_path)
    loaded = SimilarReports.load(tmp_path, embedder)
    assert len(loaded.lexical) == len(reports.lexical) == 59
    for paraphrase in PARAPHRASES:
        assert loaded.similar(paraphrase, k=5) == reports.similar(paraphrase, k=5)
    loaded.add([600], ["A ferret escaped at contact."], [1])
    assert loaded.similar("ferret", k=1)[0].id == 600


def test_an_index_saved_without_a_word_index_must_be_rebuilt(reports, tmp_path, embedder):
    reports.save(tmp_path)
    stored = reports.index
    del stored.metadata["lexical"]
    for key in [key for key in stored.extras if key.startswith("lex_")]:
        del stored.extras[key]
    stored.save(tmp_path)
    with pytest.raises(StaleIndexError, match="word index"):
        SimilarReports.load(tmp_path, embedder)


def test_building_in_two_processes_gives_the_same_index(reports, embedder):
    rows = corpus()
    parallel = SimilarReports.build(
        lambda: rows, embedder=embedder, min_reports=10, batch_size=7, workers=2
    )
    assert sorted(parallel.index.ids()) == sorted(reports.index.ids())
    for number, group, text in rows[::9]:
        assert parallel.similar(text, 5, groups=[group]) == reports.similar(text, 5, groups=[group])
        assert parallel.index.vector(number) == pytest.approx(reports.index.vector(number))


def test_a_build_reports_each_stage_s_time(embedder):
    rows = corpus()
    seconds: dict[str, float] = {}
    SimilarReports.build(lambda: rows, embedder=embedder, min_reports=10, stage_seconds=seconds)
    assert list(seconds) == [
        "form_sentences",
        "word_weights",
        "encoding_and_adding",
        "compacting",
        "quantiser_training",
    ]
    assert all(value >= 0 for value in seconds.values())
