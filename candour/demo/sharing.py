"""Demo data for information sharing: Riverside's flags and the community trust's lookups.

Loaded by `candour load-demo-data`; on its own, after the rest of the demo:
    candour shell -c "from candour.demo import sharing; sharing.load()"
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from candour.accounts.models import User
from candour.core.models import Organisation
from candour.lib.nhs_number import numbers_for_trials
from candour.sharing import services
from candour.sharing.models import ChildFlag
from candour.sharing.vocabulary import LookupReason, PlanType

LOCAL_AUTHORITY = "Riverside Borough Council"
SETTING = "Riverside Community Health NHS Trust"
MANAGER = "priya.shah@riverside.example"
SETTING_PERSON = "lee.carter@riversidehealth.example"

# (plan type, started days ago, ended days ago or None); numbers from the NHS test range.
FLAGS = (
    (PlanType.CHILD_PROTECTION, 120, None),
    (PlanType.LOOKED_AFTER, 400, None),
    (PlanType.UNBORN_CHILD_PROTECTION, 30, None),  # due in 100 days (ADR 0025)
    (PlanType.CHILD_PROTECTION, 500, 60),  # expired: no longer answers
)


def load() -> int:
    """Register the trust as a setting, record Riverside's flags and one lookup; return flags."""
    if ChildFlag.objects.filter(organisation__name=LOCAL_AUTHORITY).exists():
        return 0
    council = Organisation.objects.get(name=LOCAL_AUTHORITY)
    trust = Organisation.objects.get(name=SETTING)
    manager = User.objects.get(email=MANAGER)
    setting = services.register_setting(actor=None, organisation=trust)
    today = timezone.localdate()
    flags = []
    for number, (plan_type, started, ended) in zip(numbers_for_trials(), FLAGS, strict=False):
        flags.append(
            services.record_flag(
                actor=manager,
                organisation=council,
                draft=services.FlagDraft(
                    nhs_number=number,
                    plan_type=plan_type,
                    start_date=today - timedelta(days=started),
                    end_date=today - timedelta(days=ended) if ended else None,
                    team_name="Assessment Team 1",
                    team_phone="01632 960 123",
                    team_email="assessment.team@riverside.example",
                    expected_due_date=(
                        today + timedelta(days=100)
                        if plan_type == PlanType.UNBORN_CHILD_PROTECTION
                        else None
                    ),
                ),
            )
        )
    services.look_up(
        setting=setting,
        nhs=flags[0].nhs_number,
        reason=LookupReason.ATTENDING_NOW,
        user=User.objects.get(email=SETTING_PERSON),
    )
    return len(flags)
