"""``candour generate-load-data`` at a small scale: every part arrives, linked and valid."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from candour.accounts.models import Membership
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.recorder import record
from candour.audit.verification import verify_audit_chain
from candour.core.models import Organisation
from candour.demo.loadgen.generate import Generator, Volumes, _Org
from candour.ideas.models import Idea
from candour.learning.models import CodedValue, Coding, ThemeReport
from candour.reporting.models import Report
from candour.reporting.vocabulary import Status
from candour.voice.models import Feedback
from candour.workforce.models import AbsenceSpell, DemandCount, ImportBatch, StaffPost
from conftest import World

pytestmark = pytest.mark.django_db


def test_a_small_national_dataset_is_complete_and_its_audit_chain_verifies(
    world, tmp_path: Path
) -> None:
    before = Report.objects.count()
    out = StringIO()
    figures = tmp_path / "volumes.json"
    call_command(
        "generate_load_data",
        "--scale",
        "0.0005",
        "--organisations",
        "4",
        "--json",
        str(figures),
        "--no-progress",
        stdout=out,
    )

    # Two councils came with the world; two more were made, with teams and people.
    councils = Organisation.objects.filter(kind="local_authority")
    assert councils.count() == 4
    made = councils.exclude(pk__in=[world.riverside.pk, world.moorland.pk])
    for council in made:
        assert council.teams.count() == 8
        roles = set(Membership.objects.filter(organisation=council).values_list("role", flat=True))
        assert roles == {"org_admin", "analyst", "manager", "staff"}

    assert Report.objects.count() - before == 500
    assert Idea.objects.count() >= 500
    assert Feedback.objects.count() >= 500
    # Skewed: the first council (the demo's, where the benchmark signs in) has the most.
    per_org = dict(Report.objects.values_list("organisation").annotate(n=Count("pk")))
    assert per_org[world.riverside.pk] == max(per_org.values())

    # Closed reports with learning captured are coded across the axes; some are themed.
    coded = Coding.objects.filter(report__reference__startswith="CR-")
    assert coded.exists()
    assert CodedValue.objects.filter(coding__in=coded).count() >= 5 * coded.count()
    assert ThemeReport.objects.exists()
    assert Report.objects.exclude(status=Status.CLOSED).exists()  # a queue to work

    # Workforce files went through the real importer for every council that had none.
    assert ImportBatch.objects.values("organisation").distinct().count() >= 2
    assert StaffPost.objects.exists()
    assert AbsenceSpell.objects.exists()
    assert DemandCount.objects.exists()

    result = verify_audit_chain()
    assert result.ok
    assert result.checked >= 5000

    written = json.loads(figures.read_text())
    assert written["volumes"]["reports"] == 500
    assert written["rows"]["audit events"] == 5000
    assert "reports: 500 rows" in out.getvalue()


def test_the_scale_must_be_positive() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="more than 0"):
        call_command("generate_load_data", "--scale", "0", stdout=StringIO())


def test_load_generation_writes_the_audit_trail_through_the_recorder(world: World) -> None:
    """The generator's chain continues the one services wrote and verifies as one."""
    before = AuditEvent.objects.count()
    assert before > 0  # the world's organisations and people were audited
    generator = Generator(Volumes(organisations=1, audit_events=300))
    org = _Org(
        pk=world.riverside.pk,
        teams=[world.assessment.pk],
        staff=[world.staff.pk],
        managers=[world.manager.pk],
        analyst=world.analyst.pk,
        admin=world.admin.pk,
        share=1.0,
    )
    generator.audit([org])
    with transaction.atomic():
        after = record(AuditEventType.TEAM_CREATED, actor_id=world.admin.pk)

    assert AuditEvent.objects.count() == before + 301
    assert after.sequence == before + 301
    result = verify_audit_chain()
    assert result.ok
    assert result.checked == before + 301
    # Back-dated over the years of history, oldest first.
    generated = AuditEvent.objects.filter(object_type="load.object").order_by("sequence")
    days = [at.date() for at in generated.values_list("occurred_at", flat=True)]
    assert days == sorted(days)
    assert days[0] < after.occurred_at.date()
