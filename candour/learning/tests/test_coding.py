from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.learning import services
from candour.learning.agreement import cohens_kappa
from candour.learning.coding import services as local_codes
from candour.learning.coding.taxonomy_services import apply_version, read_version
from candour.learning.models import Axis, Code, CodedValue, DefenceState, TaxonomyVersion
from candour.reporting import services as reporting
from candour.reporting.tests.factories import reviewed_report, submit
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def test_version_one_of_the_taxonomy_is_loaded_with_every_axis() -> None:
    assert TaxonomyVersion.objects.get().number == 1
    axes = set(Code.objects.values_list("axis", flat=True))
    assert axes == {axis.value for axis in Axis}
    assert Code.objects.get(key="reasoning.garden_path").label == "The garden path"
    assert Code.objects.filter(axis=Axis.FACTOR, level="organisation").count() >= 4


def test_codes_are_retired_and_merged_never_deleted(world: World) -> None:
    document = read_version(1)
    document = {
        **document,
        "version": 2,
        "name": "v2",
        "codes": [],
        "retired": ["event.other"],
        "merged": {"reasoning.vivid_information": "reasoning.narrow_evidence"},
    }
    apply_version(document, taxonomy_version_model=TaxonomyVersion, code_model=Code)
    usable = set(Code.objects.usable_by(world.riverside).values_list("key", flat=True))
    assert "event.other" not in usable
    assert "reasoning.vivid_information" not in usable
    merged = Code.objects.get(key="reasoning.vivid_information")
    assert merged.current.key == "reasoning.narrow_evidence"
    assert Code.objects.filter(key="event.other").exists()


def test_kappa_matches_a_worked_example() -> None:
    # 20 agree yes, 15 agree no, 5 + 10 disagree: po = 0.70, pe = 0.50, kappa = 0.40.
    pairs = [(True, True)] * 20 + [(False, False)] * 15 + [(True, False)] * 5 + [(False, True)] * 10
    assert cohens_kappa(pairs) == pytest.approx(0.4)
    assert cohens_kappa([]) is None
    assert cohens_kappa([(True, True)] * 3) is None


def test_coding_needs_reviewed_redactions_and_says_which_defences_held(world: World) -> None:
    report = submit(world).report
    code = Code.objects.get(key="event.child_not_seen")
    with pytest.raises(ValidationError, match="Review the redactions"):
        services.save_coding(
            analyst=world.analyst, report=report, choices=[services.CodeChoice(code)]
        )
    reporting.review_redactions(actor=world.analyst, report=report, keep={}, add_phrases={})
    defence = Code.objects.get(key="defence.seeing_the_child")
    with pytest.raises(ValidationError, match="held or failed"):
        services.save_coding(
            analyst=world.analyst, report=report, choices=[services.CodeChoice(defence)]
        )
    coding = services.save_coding(
        analyst=world.analyst,
        report=report,
        choices=[services.CodeChoice(code), services.CodeChoice(defence, DefenceState.FAILED)],
    )
    assert coding.is_primary
    assert set(CodedValue.objects.values_list("code__key", "defence_state")) == {
        ("event.child_not_seen", ""),
        ("defence.seeing_the_child", "failed"),
    }


def test_a_second_analyst_codes_blind_then_sees_the_differences(world: World) -> None:
    second_analyst = make_person("second@riverside.example", world.riverside, Role.ANALYST)
    report = reviewed_report(world)
    first = services.save_coding(
        analyst=world.analyst,
        report=report,
        choices=[services.CodeChoice(Code.objects.get(key="factor.organisation.workload"))],
    )
    client = signed_in_client(second_analyst)
    url = reverse("learning:code-report", args=[report.reference])
    blind = client.get(url).content.decode()
    assert "Another analyst has coded this report" in blind
    assert 'value="factor.organisation.workload" checked' not in blind
    client.post(url, {"code": ["factor.team.handover"]})
    page = client.get(url).content.decode()
    assert "Where the two codings differ" in page
    assert "Caseload and workload" in page
    assert "Handover and continuity" in page
    second = report.codings.get(analyst=second_analyst)
    assert not second.is_primary
    assert {d.label for d in services.differences(first, second)} == {
        "Handover and continuity",
        "Caseload and workload",
    }


def test_agreement_by_code_over_a_period(world: World) -> None:
    second_analyst = make_person("second@riverside.example", world.riverside, Role.ANALYST)
    workload = Code.objects.get(key="factor.organisation.workload")
    handover = Code.objects.get(key="factor.team.handover")
    for both_workload in (True, True, False):
        report = reviewed_report(world)
        services.save_coding(
            analyst=world.analyst, report=report, choices=[services.CodeChoice(workload)]
        )
        services.save_coding(
            analyst=second_analyst,
            report=report,
            choices=[services.CodeChoice(workload if both_workload else handover)],
        )
    today = timezone.localdate()
    rows = {
        row.label: row
        for row in services.agreement_by_code(
            organisation_id=world.riverside.pk, start=today - timedelta(days=1), end=today
        )
    }
    assert rows["Caseload and workload"].reports == 3
    assert rows["Caseload and workload"].kappa == pytest.approx(0.0)
    body = signed_in_client(world.analyst).get(reverse("learning:agreement")).content.decode()
    assert "Caseload and workload" in body


@pytest.mark.parametrize("persona", ["staff", "manager", "admin", "national_analyst"])
def test_only_analysts_reach_coding_and_agreement(world: World, persona: str) -> None:
    report = reviewed_report(world)
    client = signed_in_client(getattr(world, persona))
    assert client.get(reverse("learning:code-report", args=[report.reference])).status_code == 404
    assert client.get(reverse("learning:agreement")).status_code == 404


def test_a_defence_held_by_one_analyst_and_failed_by_the_other_is_a_disagreement(
    world: World,
) -> None:
    second_analyst = make_person("second@riverside.example", world.riverside, Role.ANALYST)
    defence = Code.objects.filter(axis=Axis.DEFENCE).first()
    assert defence is not None
    for first_state, second_state in (("held", "failed"), ("held", "failed"), ("failed", "held")):
        report = reviewed_report(world)
        for analyst, state in ((world.analyst, first_state), (second_analyst, second_state)):
            services.save_coding(
                analyst=analyst,
                report=report,
                choices=[services.CodeChoice(defence, DefenceState(state))],
            )
    today = timezone.localdate()
    rows = {
        row.label: row
        for row in services.agreement_by_code(
            organisation_id=world.riverside.pk, start=today - timedelta(days=1), end=today
        )
    }
    held, failed = rows[f"{defence.label} (Held)"], rows[f"{defence.label} (Failed)"]
    assert held.kappa is not None
    assert held.kappa < 0
    assert failed.kappa is not None
    assert failed.kappa < 0
    assert defence.label not in rows


def test_the_analyst_codes_the_outcome_starting_from_the_reporters(world: World) -> None:
    report = reviewed_report(world)
    client = signed_in_client(world.analyst)
    url = reverse("learning:code-outcome", args=[report.reference])
    page = client.get(url).content.decode()
    assert re.search(r'<input[^>]*value="near_miss"[^>]*checked', page)
    assert "The reporter said: It was caught before it reached a child or family" in page
    saved = client.post(url, {"outcome": "no_harm"})
    assert saved["Location"] == reverse("reporting:learning-detail", args=[report.reference])
    assert report.codings.get().outcome == "no_harm"
    assert re.search(r'<input[^>]*value="no_harm"[^>]*checked', client.get(url).content.decode())
    # Coding the human factors afterwards keeps the outcome the analyst chose.
    client.post(
        reverse("learning:code-report", args=[report.reference]),
        {"code": ["factor.team.handover"]},
    )
    assert report.codings.get().outcome == "no_harm"
    refused = client.post(url, {"outcome": ""})
    assert refused.status_code == 400
    assert '<a href="#id_outcome_0">Choose the outcome</a>' in refused.content.decode()
    other = reviewed_report(world)
    assert services.save_coding(analyst=world.analyst, report=other, choices=[]).outcome == (
        "near_miss"
    )
    with pytest.raises(ValidationError):
        services.save_coding(analyst=world.analyst, report=other, choices=[], outcome="awful")


def test_analysts_add_and_retire_local_codes_for_their_own_organisation(world: World) -> None:
    url = reverse("learning:local-codes")
    client = signed_in_client(world.analyst)
    assert client.post(url, {"axis": "factor", "label": ""}).status_code == 400
    added = client.post(
        url, {"axis": "factor", "label": "Out-of-hours handover", "description": "EDT to day"}
    )
    assert added.status_code == 302
    code = Code.objects.get(label="Out-of-hours handover")
    assert code.organisation == world.riverside
    assert code.key.startswith(f"local.{world.riverside.pk}.factor.")
    assert AuditEvent.objects.filter(event_type=AuditEventType.LOCAL_CODE_ADDED).exists()
    # Moorland may add a code of the same name: the keys cannot clash.
    moorland_analyst = make_person("analyst@moorland.example", world.moorland, Role.ANALYST)
    other = local_codes.add_local_code(
        actor=moorland_analyst, organisation=world.moorland, axis="factor",
        label="Out-of-hours handover",
    )  # fmt: skip
    assert other.key != code.key
    report = reviewed_report(world)
    coding_url = reverse("learning:code-report", args=[report.reference])
    page = client.get(coding_url).content.decode()
    assert f'value="{code.key}"' in page
    assert f'value="{other.key}"' not in page
    with pytest.raises(ValidationError):
        services.save_coding(
            analyst=world.analyst, report=report, choices=[services.CodeChoice(other)]
        )
    client.post(coding_url, {"code": [code.key]})
    assert report.codings.get().values.get().code == code
    assert "Out-of-hours handover" in client.get(url).content.decode()
    assert signed_in_client(moorland_analyst).post(url, {"retire": code.pk}).status_code == 404
    client.post(url, {"retire": code.pk})
    code.refresh_from_db()
    assert code.retired_in is not None
    assert f'value="{code.key}"' not in client.get(coding_url).content.decode()
    assert report.codings.get().values.get().code == code  # old coding keeps it
    assert signed_in_client(world.admin).get(url).status_code == 200
    assert signed_in_client(world.staff).get(url).status_code == 404
    assert signed_in_client(world.manager).get(url).status_code == 404
