from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation
from candour.learning.models import (
    Alert,
    Bulletin,
    Code,
    CodedValue,
    Coding,
    JustCultureReview,
    Lesson,
)
from candour.reporting.models import Report


def own_and_other_codings(report: Report, user: User) -> tuple[Coding | None, list[Coding]]:
    """The analyst's own coding and everyone else's with codes (shown only after their
    own, blind; a coding of the outcome alone has nothing to compare)."""
    codings = list(Coding.objects.filter(report=report).select_related("analyst"))
    with_codes = set(
        CodedValue.objects.filter(coding__report=report).values_list("coding_id", flat=True)
    )
    own = next((c for c in codings if c.analyst_id == user.pk), None)
    return own, [c for c in codings if c.analyst_id != user.pk and c.pk in with_codes]


def codes_by_key(organisation: Organisation) -> dict[str, Code]:
    return {code.key: code for code in Code.objects.usable_by(organisation)}


def _chosen(allowed_ids: set[int], organisation_id: str | None) -> Organisation:
    """The organisation asked for if the person may see it there, else their first; 404
    for one they may not (never a hint that it exists)."""
    allowed = sorted(allowed_ids)
    if not allowed:
        raise Http404
    chosen = int(organisation_id) if organisation_id and organisation_id.isdigit() else allowed[0]
    if chosen not in allowed:
        raise Http404
    return Organisation.objects.get(pk=chosen)


def get_analyst_organisation(user: User, organisation_id: str | None) -> Organisation:
    """One organisation where the person is an analyst (the first, unless one is asked for)."""
    return _chosen(user.organisation_ids_with_role(Role.ANALYST), organisation_id)


def get_taxonomy_organisation(user: User, organisation_id: str | None) -> Organisation:
    """An organisation whose local codes the person may manage: as an analyst or admin."""
    return _chosen(
        user.organisation_ids_with_role(Role.ANALYST)
        | user.organisation_ids_with_role(Role.ORG_ADMIN),
        organisation_id,
    )


def local_codes_of(organisation: Organisation) -> list[Code]:
    return list(
        Code.objects.filter(organisation=organisation)
        .select_related("retired_in")
        .order_by("axis", "label")
    )


def get_local_code(organisation: Organisation, pk: str) -> Code:
    code = Code.objects.filter(organisation=organisation, pk=pk if pk.isdigit() else 0).first()
    if code is None:
        raise Http404
    return code


def get_lesson_for_reader(user: User, pk: int) -> Lesson:
    lesson = Lesson.objects.visible_to(user).filter(pk=pk).select_related("organisation").first()
    if lesson is None:
        raise Http404
    return lesson


def get_lesson_for_analyst(user: User, pk: int) -> Lesson:
    lesson = (
        Lesson.objects.filter(pk=pk)
        .filter(organisation_id__in=user.organisation_ids_with_role(Role.ANALYST))
        .select_related("organisation")
        .first()
    )
    if lesson is None:
        raise Http404
    return lesson


def get_bulletin_for_reader(user: User, pk: int) -> Bulletin:
    bulletin = (
        Bulletin.objects.visible_to(user).filter(pk=pk).select_related("organisation").first()
    )
    if bulletin is None:
        raise Http404
    return bulletin


def reviewed_reports(organisation: Organisation) -> list[Report]:
    """Reports a lesson may draw on: reviewed, so their text is de-identified."""
    return list(
        Report.objects.filter(
            organisation=organisation, redactions_reviewed_at__isnull=False
        ).order_by("-received_week", "-pk")[:200]
    )


def published_lessons_for_report(report: Report) -> list[Lesson]:
    return list(Lesson.objects.published().filter(reports=report).order_by("published_at"))


def lessons_from_report(report: Report) -> list[Lesson]:
    """Every lesson drawing on the report, drafts too (the report is the analyst's)."""
    return list(Lesson.objects.filter(reports=report).order_by("-pk"))


def alerts_from_report(report: Report) -> list[Alert]:
    return list(Alert.objects.filter(report=report).select_related("recipient").order_by("-pk"))


def reviews_of(report: Report) -> list[JustCultureReview]:
    return list(JustCultureReview.objects.filter(report=report).select_related("analyst"))


def alerts_for(user: User) -> list[Alert]:
    """Alerts of organisations where the person is the safety lead now, and all alerts of
    organisations where they are an analyst. Having once received an alert is not enough:
    a replaced safety lead loses access at once, not at the next `chase-hazard-alerts`."""
    return list(
        Alert.objects.filter(
            Q(organisation__safety_lead=user, organisation_id__in=user.organisation_ids())
            | Q(organisation_id__in=user.organisation_ids_with_role(Role.ANALYST))
        )
        .select_related("report", "recipient")
        .order_by("-raised_at")
    )


def get_alert_for_recipient(user: User, pk: int) -> Alert:
    """The alert, for the organisation's safety lead now, checked at each request: a new
    lead takes over at once, and the one replaced loses access at once, both before
    `chase-hazard-alerts` moves the alerts on."""
    alert = (
        Alert.objects.filter(pk=pk)
        .filter(organisation__safety_lead=user)
        .filter(organisation_id__in=user.organisation_ids())
        .select_related("organisation")
        .first()
    )
    if alert is None:
        raise Http404
    return alert


def alert_awaiting_consent(report: Report, pk: int) -> Alert:
    from candour.learning.models import AlertStatus

    alert = Alert.objects.filter(pk=pk, report=report, status=AlertStatus.AWAITING_CONSENT).first()
    if alert is None:
        raise Http404
    return alert


def alerts_awaiting_consent(report: Report) -> list[Alert]:
    from candour.learning.models import AlertStatus

    return list(Alert.objects.filter(report=report, status=AlertStatus.AWAITING_CONSENT))


def get_dashboard_organisation(user: User, organisation_id: str | None) -> Organisation:
    """An organisation whose dashboard the person may see: as its learning team or as
    one of its managers (issue 4). Staff get a 404, as for other learning pages."""
    return _chosen(
        user.organisation_ids_with_role(Role.ANALYST)
        | user.organisation_ids_with_role(Role.MANAGER),
        organisation_id,
    )


def get_member_organisation(user: User, organisation_id: str | None) -> Organisation:
    """One of the person's own organisations (the first, unless one is asked for)."""
    return _chosen(user.organisation_ids(), organisation_id)
