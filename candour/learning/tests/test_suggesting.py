"""Suggested codes on the coding page: cold start, training, evidence, verdicts, scoping."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.learning import services
from candour.learning.coding import services as coding_services
from candour.learning.coding import suggesting
from candour.learning.coding.services import train_suggester
from candour.learning.coding.taxonomy_services import read_version
from candour.learning.coding.training import RULES_FILE
from candour.learning.models import (
    Code,
    DefenceState,
    SuggestionDecision,
    TrainedSuggester,
)
from candour.lib.text.classifier import KeywordRules, Suggester
from candour.lib.text.classifier.tests.test_serialisation import MEDICATION, MISSING
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db

TIRED = "I was exhausted after a double shift and forgot to send the strategy minutes."
# Phrases no keyword rule knows, so only learning from coding can tie them to a code.
PURPLE = "The note went into the purple folder at the office and sat there for a week."
TEAL = "A teal lanyard was left on the desk beside the printer overnight."


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rolled-back tests reuse primary keys, so a suggester cached by one must not leak.
    suggesting._cache.clear()
    yield
    suggesting._cache.clear()


def _code(world: World, report: Report, *labels: str) -> None:
    choices = []
    for item in labels:
        key, _, state = item.partition(":")
        code = Code.objects.get(key=key)
        choices.append(services.CodeChoice(code, DefenceState(state) if state else None))
    services.save_coding(analyst=world.analyst, report=report, choices=choices)


def _by_label(report: Report, world: World) -> dict[str, suggesting.SuggestedCode]:
    return {s.label: s for s in suggesting.suggestions_for(report, world.analyst)}


def _coded_history(world: World) -> tuple[list[Report], list[Report]]:
    """Six reports coded as recording errors about a purple folder, six about a lanyard."""
    purple = [reviewed_report(world, f"{PURPLE} Visit number {i}.") for i in range(6)]
    teal = [reviewed_report(world, f"{TEAL} Meeting number {i}.") for i in range(6)]
    for report in purple:
        _code(world, report, "event.recording_error")
    for report in teal:
        _code(world, report, "event.other")
    return purple, teal


def test_the_rules_cover_every_code_and_both_states_of_each_defence() -> None:
    rules = json.loads(RULES_FILE.read_text("utf-8"))
    expected = set()
    for code in read_version(1)["codes"]:
        if code["axis"] == "defence":
            expected |= {f"{code['key']}:failed", f"{code['key']}:held"}
        else:
            expected.add(code["key"])
    assert set(rules) == expected
    assert all(len(patterns) >= 5 for patterns in rules.values())
    compiled = KeywordRules.from_mapping(rules)
    assert compiled.matches("Her caseload was huge and visits were back to back.")[
        "factor.organisation.workload"
    ] == ("caseload", "back to back")


def test_on_a_cold_start_the_keyword_rules_suggest_codes_with_their_evidence(
    world: World,
) -> None:
    report = reviewed_report(world, TIRED)

    found = _by_label(report, world)

    wellbeing = found["factor.individual.wellbeing"]
    assert wellbeing.title == "Fatigue, stress or ill health"
    assert set(wellbeing.evidence_terms) == {"exhausted", "double shift"}
    assert not wellbeing.learned
    assert wellbeing.strength == "strong"
    assert found["factor.individual.slip_lapse"].evidence_terms == ("forgot",)
    assert found["factor.individual.slip_lapse"].strength == "possible"
    assert not TrainedSuggester.objects.exists()

    page = signed_in_client(world.analyst).get(
        reverse("learning:code-report", args=[report.reference])
    )
    panel = page.content.decode().split('id="suggested-codes"')[1].split("</section>")[0]
    assert "Fatigue, stress or ill health" in panel
    assert "<q>exhausted</q>" in panel
    assert "Strong" in panel
    assert "Possible" in panel
    assert "It matches the starting keyword rules for this code." in panel
    assert not re.search(r"\b0\.\d", panel), "strength is shown in words, not as a number"


def test_training_learns_from_primary_coding_and_names_similar_earlier_reports(
    world: World,
) -> None:
    purple, _teal = _coded_history(world)

    trained = train_suggester(world.riverside, actor=world.analyst)

    assert trained.examples == 12
    assert trained.decisions == 0
    quality = trained.code_quality["event.recording_error"]
    assert quality["positives"] == 6
    assert quality["auc"] == pytest.approx(1.0)
    assert quality["shown"] is True
    event = AuditEvent.objects.get(event_type=AuditEventType.SUGGESTER_TRAINED)
    assert event.actor_id == world.analyst.pk
    assert event.data == {"examples": 12, "decisions": 0, "hidden": 0}

    new = reviewed_report(world, "Today the purple folder had another referral in it.")
    suggestion = _by_label(new, world)["event.recording_error"]
    assert suggestion.learned
    assert any("purple" in term for term in suggestion.evidence_terms)
    assert suggestion.similar_references
    assert set(suggestion.similar_references) <= {r.reference for r in purple}
    # Named by the similarity index, not by an index of past reports kept in the model.
    stored = Suggester.from_bytes(bytes(trained.model))
    text = "Today the purple folder had another referral in it."
    assert all(not found.similar_ids for found in stored.suggest(text, k=3))

    page = signed_in_client(world.analyst).get(
        reverse("learning:code-report", args=[new.reference])
    )
    html = page.content.decode()
    link = reverse("learning:code-report", args=[suggestion.similar_references[0]])
    assert f'href="{link}"' in html
    assert "It reads like reports your learning team gave this code." in html


def test_the_trained_model_reads_meaning_so_a_report_in_other_words_gets_its_code(
    world: World,
) -> None:
    # Hybrid features (issue 19): the static embedding sits beside the words.
    missing, medication = MISSING, MEDICATION
    for number in range(6):
        _code(world, reviewed_report(world, missing[number % 2]), "event.placement")
        _code(world, reviewed_report(world, medication[number % 2]), "event.plan_not_followed")

    trained = train_suggester(world.riverside)

    assert trained.code_quality["event.placement"]["shown"] is True
    # No word in common with any coded report: words alone score both codes alike.
    found = _by_label(reviewed_report(world, "Youngster vanished; constables hunted."), world)
    assert found["event.placement"].learned
    assert found["event.placement"].score > 0.6
    other = found.get("event.plan_not_followed")
    assert other is None or other.score < found["event.placement"].score


def test_merged_codes_are_learned_under_the_code_they_became(world: World) -> None:
    _coded_history(world)
    Code.objects.filter(key="event.other").update(
        merged_into=Code.objects.get(key="event.wrong_person")
    )

    trained = train_suggester(world.riverside)

    assert trained.code_quality["event.other"]["positives"] == 0
    assert trained.code_quality["event.wrong_person"]["positives"] == 6


def test_a_code_that_cross_validates_badly_is_never_suggested_and_the_page_says_why(
    world: World,
) -> None:
    # The same words, coded "another kind of event" half the time: nothing to learn.
    same = "A routine visit took place and the notes were typed up in the afternoon."
    for number in range(12):
        report = reviewed_report(world, same)
        _code(world, report, *(["event.other"] if number % 2 else ["event.plan_not_followed"]))

    trained = train_suggester(world.riverside)

    quality = trained.code_quality["event.other"]
    assert quality["positives"] == 6
    assert quality["auc"] < 0.7
    assert quality["shown"] is False
    assert "event.other" not in _by_label(reviewed_report(world, same), world)
    # Not even its keyword rules suggest it, though they match these words.
    by_rules = _by_label(
        reviewed_report(world, "The medication was left at the wrong house."), world
    )
    assert "event.other" not in by_rules

    overview = signed_in_client(world.analyst).get(reverse("learning:suggestions"))
    rows = overview.content.decode().split('id="code-quality"')[1]
    row = rows.split("Another kind of event</th>")[1].split("</tr>")[0]
    assert f"Never suggested: its AUC of {quality['auc']:.2f} is below 0.70" in row


def test_accepting_records_the_verdict_and_ticks_the_code_until_the_coding_is_saved(
    world: World,
) -> None:
    report = reviewed_report(world, TIRED + " I did not see the child, who was at nursery.")
    client = signed_in_client(world.analyst)
    url = reverse("learning:code-report", args=[report.reference])
    decide = reverse("learning:decide-suggestion", args=[report.reference])
    offered = _by_label(report, world)
    assert "defence.seeing_the_child:failed" in offered

    response = client.post(
        decide, {"label": "factor.individual.wellbeing", "decision": "accept"}, follow=True
    )
    client.post(decide, {"label": "defence.seeing_the_child:failed", "decision": "accept"})

    html = response.content.decode()
    # Back at the suggestions, not the top of the page, with the decision said there.
    assert response.redirect_chain[-1][0].endswith("#suggested-codes")
    assert "Accepted: Fatigue, stress or ill health is ticked in the form below" in html
    decision = SuggestionDecision.objects.get(code__key="factor.individual.wellbeing")
    assert decision.accepted
    assert decision.analyst == world.analyst
    assert decision.score == pytest.approx(offered["factor.individual.wellbeing"].score)
    event = AuditEvent.objects.filter(event_type=AuditEventType.SUGGESTION_DECIDED).first()
    assert event is not None
    assert event.data == {
        "code": "factor.individual.wellbeing",
        "accepted": True,
        "score": round(decision.score * 100),
    }
    assert "exhausted" not in json.dumps(event.data)

    page = client.get(url).content.decode()
    assert 'value="factor.individual.wellbeing" checked' in page
    failed = 'id="defence-defence.seeing_the_child-failed" name="defence_defence.seeing_the_child"'
    assert f'{failed} type="radio" value="failed" checked' in page
    panel = page.split('id="suggested-codes"')[1].split("</section>")[0]
    assert "Fatigue, stress or ill health" not in panel

    client.post(url, {"code": ["factor.individual.slip_lapse"]})
    saved = client.get(url).content.decode()
    assert 'value="factor.individual.wellbeing" checked' not in saved
    assert 'value="factor.individual.slip_lapse" checked' in saved
    assert f'{failed} type="radio" value="failed" checked' not in saved


def test_rejecting_records_the_verdict_and_removes_the_suggestion(world: World) -> None:
    report = reviewed_report(world, TIRED)
    client = signed_in_client(world.analyst)

    response = client.post(
        reverse("learning:decide-suggestion", args=[report.reference]),
        {"label": "factor.individual.wellbeing", "decision": "reject"},
        follow=True,
    )

    assert "Rejected: Fatigue, stress or ill health" in response.content.decode()
    assert not SuggestionDecision.objects.get().accepted
    assert "factor.individual.wellbeing" not in _by_label(report, world)
    page = client.get(reverse("learning:code-report", args=[report.reference])).content.decode()
    assert 'value="factor.individual.wellbeing" checked' not in page
    again = client.post(
        reverse("learning:decide-suggestion", args=[report.reference]),
        {"label": "factor.individual.wellbeing", "decision": "accept"},
        follow=True,
    )
    assert "That suggestion is no longer offered" in again.content.decode()
    assert SuggestionDecision.objects.count() == 1


def test_verdicts_feed_the_next_training_so_a_rejected_rule_loses_trust(world: World) -> None:
    first = reviewed_report(world, TIRED)
    later = reviewed_report(world, "Exhausted again, she missed the core group.")
    before = _by_label(later, world)["factor.individual.wellbeing"].score
    coding_services.decide_suggestion(
        analyst=world.analyst,
        report=first,
        code=Code.objects.get(key="factor.individual.wellbeing"),
        accepted=False,
        score=0.75,
    )

    trained = train_suggester(world.riverside)

    assert trained.decisions == 1
    after = _by_label(later, world)["factor.individual.wellbeing"]
    assert before == pytest.approx(0.5)
    assert after.score == pytest.approx(before / 2)
    assert after.strength == "possible"


def test_a_second_analyst_coding_blind_is_not_shown_suggestions(world: World) -> None:
    second = make_person("second@riverside.example", world.riverside, Role.ANALYST)
    report = reviewed_report(world, TIRED)
    _code(world, report, "factor.individual.wellbeing")

    assert suggesting.suggestions_for(report, second) == []
    page = signed_in_client(second).get(reverse("learning:code-report", args=[report.reference]))
    assert "Suggestions are not shown to a second analyst" in page.content.decode()
    refused = signed_in_client(second).post(
        reverse("learning:decide-suggestion", args=[report.reference]),
        {"label": "factor.individual.slip_lapse", "decision": "accept"},
    )
    assert refused.status_code == 302
    assert not SuggestionDecision.objects.exists()


def test_managers_staff_and_other_organisations_cannot_see_or_decide(world: World) -> None:
    report = reviewed_report(world, TIRED)
    decide = reverse("learning:decide-suggestion", args=[report.reference])
    data = {"label": "factor.individual.wellbeing", "decision": "accept"}
    for person in [world.manager, world.staff, world.other_admin, world.national_analyst]:
        client = signed_in_client(person)
        coding = reverse("learning:code-report", args=[report.reference])
        assert client.get(coding).status_code == 404
        assert client.post(decide, data).status_code == 404
        assert client.get(reverse("learning:suggestions")).status_code == 404
    assert not SuggestionDecision.objects.exists()
    other = f"{reverse('learning:suggestions')}?organisation={world.moorland.pk}"
    assert signed_in_client(world.analyst).get(other).status_code == 404
    with pytest.raises(PermissionDenied):
        coding_services.decide_suggestion(
            analyst=world.other_admin,
            report=report,
            code=Code.objects.get(key="factor.individual.wellbeing"),
            accepted=True,
            score=0.5,
        )


def test_similar_reports_named_are_earlier_ones_of_the_organisation_given_the_code(
    world: World,
) -> None:
    """Found by the one search engine (hybrid, ADR 0008), then kept if their primary
    coding gave the suggested code: never another organisation's, never a later one."""
    earlier = reviewed_report(world, f"{PURPLE} Visit one.")
    _code(world, earlier, "event.recording_error")
    other_code = reviewed_report(world, f"{PURPLE} Visit two.")
    _code(world, other_code, "event.other")
    unrelated = reviewed_report(world, TEAL)
    _code(world, unrelated, "event.recording_error")
    elsewhere = reviewed_report(world, PURPLE, organisation=world.moorland, team=None)
    services.save_coding(
        analyst=make_person("analyst@moorland.example", world.moorland, Role.ANALYST),
        report=elsewhere,
        choices=[services.CodeChoice(Code.objects.get(key="event.recording_error"), None)],
    )
    own = reviewed_report(world, f"{PURPLE} Visit three.")
    later = reviewed_report(world, f"{PURPLE} Visit four.")
    _code(world, later, "event.recording_error")

    found = suggesting._similar_coded(
        own, {"event.recording_error", "event.other", "event.wrong_person"}
    )

    assert found["event.recording_error"][0] == earlier.reference
    assert later.reference not in found["event.recording_error"]
    assert elsewhere.reference not in found["event.recording_error"]
    assert found["event.other"] == (other_code.reference,)
    assert found["event.wrong_person"] == ()
    assert suggesting._similar_coded(own, set()) == {}


def test_the_suggestions_page_explains_the_training_and_each_codes_record(world: World) -> None:
    client = signed_in_client(world.analyst)
    url = reverse("learning:suggestions")
    cold = client.get(url).content.decode()
    assert "Not trained yet: suggestions come from the keyword rules alone." in cold
    _coded_history(world)
    report = reviewed_report(world, TIRED)
    coding_services.decide_suggestion(
        analyst=world.analyst,
        report=report,
        code=Code.objects.get(key="factor.individual.wellbeing"),
        accepted=True,
        score=0.75,
    )
    train_suggester(world.riverside)

    html = client.get(url).content.decode()

    assert "12 coded reports" in html
    assert "1 verdict on a suggestion" in html
    assert "the chance that a report with the code scores higher than one without it" in html
    assert _cells(html, "A recording error")[1:] == ["6", "1.00", "Shown", "No verdicts yet"]
    assert _cells(html, "Fatigue, stress or ill health")[1:] == [
        "0",
        "Not measured",
        "Keyword rules only",
        "1 of 1 (100%)",
    ]


def _cells(html: str, code: str) -> list[str]:
    row = html.split(f"{code}</th>")[1].split("</tr>")[0]
    return re.findall(r"<td[^>]*>\s*(.*?)\s*</td>", row, re.DOTALL)


def test_the_command_trains_each_organisation_with_coded_reports(world: World) -> None:
    _coded_history(world)
    out, err = io.StringIO(), io.StringIO()

    call_command("train_suggesters", stdout=out, stderr=err)

    trained = TrainedSuggester.objects.get()
    assert trained.organisation == world.riverside
    assert "Riverside: trained on 12 coded reports and 0 verdicts" in out.getvalue()
    assert "Training code suggesters" in err.getvalue()
    call_command("train_suggesters", "--organisation", world.riverside.slug, stdout=out, stderr=err)
    assert TrainedSuggester.objects.count() == 2
    with pytest.raises(CommandError, match="moorland"):
        call_command("train_suggesters", "--organisation", "moorland", stdout=out, stderr=err)
