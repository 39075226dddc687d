"""Display values for the layout and the home page, so templates stay simple."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from candour.accounts.current import is_verified
from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core import hooks
from candour.core.models import Organisation, Team
from candour.core.querysets import TeamQuerySet
from candour.notifications.models import Notification


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool
    # On a page under this one (a theme under Themes, a trend under Health).
    within: bool = False


@dataclass(frozen=True)
class NavSection:
    """One item of the service navigation: a few sections, each with the role's pages.

    The section's link goes to its first page; the pages of the section a person is in
    are listed under the service navigation (issue 18: fifteen items wrapped to two rows).
    """

    text: str
    href: str
    current: bool
    pages: list[NavItem]


# Paths that belong to a section although no page of it links there (a report's pages
# under the learning team's queue, a lesson, an idea, an alert).
SECTION_PATHS: dict[str, tuple[str, ...]] = {
    "home": ("/home/", "/notifications/", "/account/"),
    "reports": ("/report/", "/reports/", "/learning/reports/", "/paper-and-phone/"),
    "learning": ("/lessons/", "/learning/", "/alerts/", "/national/", "/library/"),
    "ideas": ("/ideas/",),
    "feedback": ("/feedback/", "/safeguarding/"),
    "health": ("/health/", "/surveys/"),
    "sharing": ("/sharing/",),
    "organisation": ("/organisation/",),
}


def _sections_for(user: User) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(key, label, [(page label, href)]) of the sections this person may use."""
    roles = user.roles()
    unread = Notification.objects.visible_to(user).unread().count()
    notifications = _("Notifications (%(count)s)") % {"count": unread} if unread else None
    sections: list[tuple[str, str, list[tuple[str, str]]]] = [
        (
            "home",
            _("Home"),
            [
                (_("Home"), reverse("core:home")),
                (notifications or _("Notifications"), reverse("notifications:inbox")),
                (_("Your account"), reverse("accounts:account")),
            ],
        )
    ]
    reports: list[tuple[str, str]] = []
    if Role.ANALYST in roles:
        reports.append((_("Triage"), reverse("reporting:queue")))
    if roles & {Role.STAFF, Role.MANAGER, Role.ANALYST}:
        reports.append((_("What people reported"), reverse("reporting:reports")))
    reports.append((_("Report a mistake or near miss"), reverse("reporting:start")))
    if roles & {Role.ANALYST, Role.ADVOCATE}:
        # Typing in what was given on paper, by phone or in person (ADR 0035): an
        # advocate's main work, so their Reports section opens on it.
        assisted = (_("Paper and phone"), reverse("reporting:assisted"))
        reports.insert(len(reports) if Role.ANALYST in roles else 0, assisted)
    sections.append(("reports", _("Reports"), reports))
    learning = [(_("Lessons"), reverse("learning:lessons"))]
    if Role.ANALYST in roles:
        learning.append((_("Themes"), reverse("learning:themes")))
    if roles & {Role.ANALYST, Role.MANAGER}:
        learning.append((_("Dashboard"), reverse("learning:dashboard")))
    if Role.ANALYST in roles or user.is_safety_lead():
        learning.append((_("Alerts"), reverse("learning:alerts")))
    if Role.NATIONAL_ANALYST in roles:
        learning.append((_("Search across organisations"), reverse("learning:national-search")))
    sections.append(("learning", _("Learning"), learning))
    if user.team_ids_with_role(Role.STAFF) or roles & {Role.MANAGER, Role.ANALYST}:
        sections.append(("ideas", _("Ideas"), [(_("Ideas"), reverse("ideas:board"))]))
    health: list[tuple[str, str]] = []
    if roles & {Role.ANALYST, Role.MANAGER, Role.ORG_ADMIN}:
        sections.append(("feedback", _("Feedback"), [(_("Feedback"), reverse("voice:results"))]))
        health = [
            (_("Health"), reverse("workforce:health")),
            (_("Survey"), reverse("surveys:waves")),
        ]
    elif Role.STAFF in roles:
        # Staff read what children and families said about their own teams.
        sections.append(("feedback", _("Feedback"), [(_("Feedback"), reverse("voice:published"))]))
    if Role.NATIONAL_ANALYST in roles:
        health.append((_("Survey benchmark"), reverse("surveys:benchmark")))
    if health:
        sections.append(("health", _("Health"), health))
    administered = list(Organisation.objects.administered_by(user).values_list("slug", "kind"))
    # An administrator of a local authority keeps its flags: no query needed to tell.
    if any(
        kind in ("local_authority", "national_hub") for _slug, kind in administered
    ) or hooks.shares_information(user):
        sections.append(
            (
                "sharing",
                # Short, so that eight sections and Sign out sit in one row at 1280 px.
                _("Sharing"),
                [(_("Information sharing"), reverse("sharing:start"))],
            )
        )
    for slug, _kind in administered[:1]:
        sections.append(
            (
                "organisation",
                _("Organisation"),
                [(_("Organisation"), reverse("core:organisation", args=[slug]))],
            )
        )
    return sections


def _current_section(path: str, sections: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    """The section whose page is the longest prefix of the path, else by SECTION_PATHS."""
    best, length = "", 0
    for key, _label, pages in sections:
        for _text, href in pages:
            if path.startswith(href) and len(href) > length:
                best, length = key, len(href)
    if best:
        return best
    if path == reverse("core:start"):
        return "home"  # the start page, signed in: next to their home page
    if "/paper-and-phone/" in path:
        return "reports"  # the entry pages sit under their organisation's address
    for key, prefixes in SECTION_PATHS.items():
        if path.startswith(prefixes):
            return key
    return ""


def navigation_for(request: HttpRequest) -> list[NavSection]:
    user = request.user
    if not isinstance(user, User):
        return [
            NavSection(str(text), href, request.path == href, [])
            for text, href in (
                (_("Report a mistake or near miss"), reverse("reporting:start")),
                (_("Sign in"), reverse("accounts:sign-in")),
            )
        ]
    if user.requires_two_factor() and not is_verified(user):
        # Until the code is accepted every link leads back to the code page: show none.
        return []
    sections = _sections_for(user)
    current = _current_section(request.path, sections)
    path = request.path
    under = max(
        (
            href
            for _key, _label, pages in sections
            for _text, href in pages
            if path.startswith(href)
        ),
        key=len,
        default="",
    )
    return [
        NavSection(
            str(label),
            pages[0][1],
            key == current,
            [
                NavItem(str(text), href, path == href, path != href and href == under)
                for text, href in pages
            ],
        )
        for key, label, pages in sections
    ]


@dataclass(frozen=True)
class RoleLine:
    organisation: str
    role: str
    team: str


@dataclass(frozen=True)
class TeamSummary:
    name: str
    organisation: str
    people_count: int


@dataclass(frozen=True)
class AdministeredOrganisation:
    name: str
    slug: str
    team_count: int
    people_count: int


@dataclass
class HomePage:
    name: str
    roles: list[RoleLine]
    # When the person signed in before this session; None on a first sign-in.
    since: datetime | None = None
    waiting: list[hooks.Waiting] = field(default_factory=list)
    is_staff: bool = False
    is_analyst: bool = False
    is_manager: bool = False
    is_service_manager: bool = False
    is_national_analyst: bool = False
    is_admin: bool = False
    checks_child_plans: bool = False
    staff_teams: list[str] = field(default_factory=list)
    managed_teams: list[TeamSummary] = field(default_factory=list)
    service_teams: list[TeamSummary] = field(default_factory=list)
    analyst_organisations: list[str] = field(default_factory=list)
    administered: list[AdministeredOrganisation] = field(default_factory=list)
    national_organisations: list[tuple[str, str]] = field(default_factory=list)

    @property
    def to_act_on(self) -> list[hooks.Waiting]:
        return [item for item in self.waiting if item.kind == "act" and item.count]

    @property
    def changed(self) -> list[hooks.Waiting]:
        return [item for item in self.waiting if item.changed]

    @property
    def overdue(self) -> int:
        return sum(item.overdue for item in self.waiting)


def _team_summaries(teams: TeamQuerySet) -> list[TeamSummary]:
    counted = teams.with_people_count().order_by("organisation__name", "name")
    return [
        TeamSummary(team.name, team.organisation.name, team.people_count)  # type: ignore[attr-defined]
        for team in counted.select_related("organisation")
    ]


def _notifications_waiting(user: User, since: datetime | None) -> list[hooks.Waiting]:
    unread = Notification.objects.visible_to(user).unread()
    count = unread.count()
    arrived = unread.filter(created_at__gt=since).count() if since and count else 0
    return [
        hooks.Waiting(
            key="notifications",
            title=_("Unread notifications"),
            count=count,
            href=reverse("notifications:inbox"),
            changed=arrived,
            kind="watch",
        )
    ]


def home_page_for(user: User, since: datetime | None = None) -> HomePage:
    memberships = user.memberships.active().select_related("organisation", "team")
    page = HomePage(
        name=user.full_name,
        roles=[
            RoleLine(m.organisation.name, m.role_label, m.team.name if m.team else "")
            for m in memberships
        ],
        since=since,
    )
    page.waiting = sorted(
        hooks.waiting_for(user, since)
        + [item for item in _notifications_waiting(user, since) if item.count],
        key=lambda item: (-item.overdue, item.kind != "act", item.title),
    )
    roles = user.roles()
    page.is_staff = Role.STAFF in roles
    page.is_analyst = Role.ANALYST in roles
    page.is_manager = bool(user.team_ids_with_role(Role.MANAGER))
    service = user.service_manager_organisation_ids()
    page.is_service_manager = bool(service)
    page.is_national_analyst = Role.NATIONAL_ANALYST in roles
    page.is_admin = Role.ORG_ADMIN in roles
    # People of a registered setting (a health visitor) check a child's plan before a visit.
    page.checks_child_plans = page.is_staff and hooks.shares_information(user)
    if page.is_staff:
        page.staff_teams = [t.name for t in Team.objects.member_of(user)]
    if page.is_manager:
        page.managed_teams = _team_summaries(
            Team.objects.filter(pk__in=user.team_ids_with_role(Role.MANAGER))
        )
    if page.is_service_manager:
        page.service_teams = _team_summaries(Team.objects.filter(organisation_id__in=service))
    if page.is_analyst:
        page.analyst_organisations = [
            m.organisation.name for m in memberships if m.role == Role.ANALYST
        ]
    if page.is_admin:
        page.administered = [
            AdministeredOrganisation(*values)
            for values in Organisation.objects.administered_by(user)
            .annotate(
                team_count=Count("teams", distinct=True),
                people_count=Count(
                    "memberships__user",
                    filter=Q(memberships__revoked_at__isnull=True),
                    distinct=True,
                ),
            )
            .values_list("name", "slug", "team_count", "people_count")
        ]
    if page.is_national_analyst:
        page.national_organisations = [
            (o.name, o.get_kind_display()) for o in Organisation.objects.visible_to(user)
        ]
    return page


@dataclass(frozen=True)
class TeamRow:
    pk: int
    name: str
    staff_count: int
    manager_count: int


@dataclass(frozen=True)
class PersonRole:
    membership_id: int
    label: str


@dataclass(frozen=True)
class PersonRow:
    pk: int
    name: str
    email: str
    roles: list[PersonRole]


@dataclass(frozen=True)
class OrganisationOverview:
    name: str
    slug: str
    kind: str
    teams: list[TeamRow]
    people: list[PersonRow]
    case_reference_patterns: list[str]
    safety_lead: str
    pk: int = 0
    default_language: str = ""


def organisation_overview(organisation: Organisation) -> OrganisationOverview:
    from candour.accounts.models import Membership

    teams = [
        TeamRow(*values)
        for values in Team.objects.in_organisation(organisation)
        .annotate(
            staff_count=Count(
                "memberships",
                filter=Q(memberships__role=Role.STAFF, memberships__revoked_at__isnull=True),
            ),
            manager_count=Count(
                "memberships",
                filter=Q(memberships__role=Role.MANAGER, memberships__revoked_at__isnull=True),
            ),
        )
        .values_list("pk", "name", "staff_count", "manager_count")
    ]
    people: dict[int, PersonRow] = {}
    memberships = (
        Membership.objects.active()
        .in_organisation(organisation)
        .select_related("user", "team")
        .order_by("user__full_name", "role")
    )
    for membership in memberships:
        label = membership.role_label
        if membership.team is not None:
            label = _("%(role)s, %(team)s") % {"role": label, "team": membership.team.name}
        row = people.setdefault(
            membership.user_id,
            PersonRow(membership.user_id, membership.user.full_name, membership.user.email, []),
        )
        row.roles.append(PersonRole(membership.pk, label))
    return OrganisationOverview(
        organisation.name,
        organisation.slug,
        str(organisation.get_kind_display()),
        teams,
        list(people.values()),
        list(organisation.case_reference_patterns),
        organisation.safety_lead.full_name if organisation.safety_lead else "",
        organisation.pk,
        str(organisation.get_default_language_display()),
    )
