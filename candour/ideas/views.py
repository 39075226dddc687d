"""The improvement board: submit (with a check page), the board, one idea, and the
managers' responses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.downloads import respond
from candour.core.form_actions import attempt
from candour.core.models import Organisation
from candour.ideas import exports as idea_exports
from candour.ideas import services
from candour.ideas.access import (
    IdeaOrigin,
    get_idea_for_reader,
    home_team,
    idea_origin,
    shareable_organisations,
    shareable_teams,
    shows_author,
    team_in,
    teams_of,
)
from candour.ideas.board import board, bottlenecks
from candour.ideas.effect import idea_effects
from candour.ideas.forms import (
    CommentForm,
    IdeaForm,
    ImpactForm,
    MoveForm,
    ShareForm,
    StandardForm,
    ThanksForm,
)
from candour.ideas.history import history_rows
from candour.ideas.models import Idea
from candour.ideas.similar import similar_ideas
from candour.ideas.vocabulary import NEXT_STATUSES, IdeaStatus, ProblemKind

SOURCE_KEYS = ("source_theme", "source_lesson", "source_feedback", "source_survey")


@login_required
@require_GET
def idea_board(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    teams = teams_of(user)
    if not teams:
        raise Http404
    chosen = next((t for t in teams if str(t.pk) == request.GET.get("team")), None)
    chosen = chosen or home_team(user) or teams[0]
    ideas = Idea.objects.visible_to(user).filter(team=chosen)
    return render(
        request,
        "ideas/board.html",
        {
            "teams": teams,
            "team": chosen,
            "columns": board(ideas),
            "changed_url": reverse("ideas:changed"),
            "managed": set(Idea.objects.managed_by(user).values_list("pk", flat=True)),
            "can_see_measures": bool(user.roles() & {Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN}),
        },
    )


@login_required
@require_GET
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """Every idea the person can see, for quality teams: those who see the measures."""
    user = current_user(request)
    if not user.roles() & {Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN}:
        raise Http404
    return respond(idea_exports.ideas(user), file_format)


@login_required
@require_GET
def bottleneck_view(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    ideas = Idea.objects.managed_by(user)
    return render(request, "ideas/bottlenecks.html", {"bottlenecks": bottlenecks(ideas)})


def _source_of(user: User, form: IdeaForm) -> IdeaOrigin:
    data = form.cleaned_data
    return idea_origin(
        user,
        data.get("source_theme"),
        data.get("source_lesson"),
        data.get("source_feedback"),
        data.get("source_survey"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_idea(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    teams = teams_of(user)
    if not teams:
        raise Http404
    if request.method == "GET":
        home = home_team(user)
        ids = [
            int(request.GET[key]) if request.GET.get(key, "").isdigit() else None
            for key in SOURCE_KEYS
        ]
        initial: dict[str, object] = {"team": home.pk if home else None}
        initial.update((key, pk) for key, pk in zip(SOURCE_KEYS, ids, strict=True) if pk)
        # Checked as a posted source is, so an id from elsewhere shows nothing.
        origin = idea_origin(user, *ids)
        if origin.feedback is not None:
            # A child's or family's own suggestion starts the idea; it is the checked,
            # de-identified text, and the author can change it before sending.
            initial["problem_kind"] = ProblemKind.EXPERIENCE
            if origin.feedback.idea:
                initial["idea"] = origin.feedback.idea
            if origin.feedback.what_would_be_better:
                initial["problem"] = origin.feedback.what_would_be_better
        form = IdeaForm(initial=initial, teams=teams)
        return render(request, "ideas/form.html", {"form": form, "source": origin})
    form = IdeaForm(request.POST, teams=teams)
    stage = request.POST.get("stage", "check")
    valid = form.is_valid()
    source = _source_of(user, form) if valid else None
    if stage == "edit" or not valid:
        return render(
            request,
            "ideas/form.html",
            {"form": form, "source": source},
            status=200 if valid else 400,
        )
    data = form.cleaned_data
    team = next(t for t in teams if t.pk == data["team"])
    if stage != "confirm":
        return render(
            request,
            "ideas/check.html",
            {
                "form": form,
                "team": team,
                "kind": ProblemKind(data["problem_kind"]).label,
                "source": source,
                "similar": similar_ideas(user, data["problem"], data["idea"]),
            },
        )
    assert source is not None  # noqa: S101 - set for every valid form
    done = attempt(
        request,
        lambda: services.submit_idea(
            author=user,
            draft=services.IdeaDraft(
                team=team,
                problem_kind=data["problem_kind"],
                problem=data["problem"],
                idea=data["idea"],
                expected_benefit=data["expected_benefit"],
                name_hidden_from_colleagues=data["name_hidden_from_colleagues"],
                source=source.source,
                source_theme=source.theme,
                source_lesson=source.lesson,
                source_feedback=source.feedback,
                source_note=source.survey.title if source.survey else "",
            ),
        ),
        success=lambda idea: (
            _("Thank you. The managers of %(team)s will respond by %(date)s.")
            % {"team": team.name, "date": date_format(idea.respond_by, "j F Y")}
        ),
        form=form,
    )
    if not done:
        return render(request, "ideas/form.html", {"form": form, "source": source}, status=400)
    return redirect("ideas:idea", pk=done.value.pk)


@login_required
@require_GET
def similar_json(request: HttpRequest) -> JsonResponse:
    """Similar ideas as the person types (progressive enhancement of the check page)."""
    user = current_user(request)
    problem = request.GET.get("problem", "")[:2000]
    idea_text = request.GET.get("idea", "")[:2000]
    found = similar_ideas(user, problem, idea_text)
    return JsonResponse(
        {
            "ideas": [
                {
                    "title": item.idea.title,
                    "team": item.idea.team.name,
                    "status": str(IdeaStatus(item.idea.status).label),
                    "url": reverse("ideas:idea", args=[item.idea.pk]),
                }
                for item in found
            ]
        }
    )


@login_required
@require_GET
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    return _idea_page(request, user, get_idea_for_reader(user, pk))


# Each form on the idea page has its own id prefix, so the error summary's links (and the
# labels) reach the right "note" box when several forms on the page have one.
_FORM_IDS = {
    "move": "move-%s",
    "comment": "comment-%s",
    "thank": "thank-%s",
    "impact": "impact-%s",
    "share": "share-%s",
}


def _forms(
    idea: Idea, organisations: list[Organisation], data: QueryDict | None, action: str
) -> dict[str, BaseForm]:
    """The idea page's forms, the one named by `action` bound to `data` (a refused POST)."""

    def bound(name: str) -> dict[str, Any]:
        return {"data": data if name == action else None, "auto_id": _FORM_IDS[name]}

    return {
        "move": MoveForm(**bound("move"), next_statuses=NEXT_STATUSES[IdeaStatus(idea.status)]),
        "comment": CommentForm(**bound("comment")),
        "thank": ThanksForm(**bound("thank")),
        "impact": ImpactForm(
            **bound("impact"),
            initial={
                "what_changed": idea.what_changed,
                "minutes_saved_per_week": idea.minutes_saved_per_week,
                "errors_avoided_per_year": idea.errors_avoided_per_year,
                "children_experience": idea.children_experience,
                "cost": idea.cost,
            },
        ),
        "share": ShareForm(
            **bound("share"),
            organisations=organisations,
            teams=shareable_teams(idea, organisations) if organisations else [],
        ),
    }


def _idea_page(
    request: HttpRequest, user: User, idea: Idea, *, refused: BaseForm | None = None
) -> HttpResponse:
    """The idea page; after a refused action, that action's form with everything typed kept
    and its errors shown (status 400), the others empty."""
    manages = services.can_manage(user, idea)
    organisations = shareable_organisations(idea) if manages else []
    forms = _forms(idea, organisations, None, "")
    for name, form in forms.items():
        if refused is not None and form.__class__ is refused.__class__:
            forms[name] = refused
    return render(
        request,
        "ideas/idea.html",
        {
            "idea": idea,
            "show_author": shows_author(user, idea),
            "is_author": idea.author_id == user.pk,
            "manages": manages,
            "events": history_rows(user, idea, show_author=shows_author(user, idea)),
            "move_form": forms["move"],
            "comment_form": forms["comment"],
            "thanks_form": forms["thank"],
            "impact_form": forms["impact"],
            "share_form": forms["share"],
            "refused": refused,
            "shares": list(idea.shares.select_related("organisation", "team")),
            "effects": idea_effects(idea),
        },
        status=400 if refused is not None else 200,
    )


@login_required
@require_POST
def idea_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Every manager's and author's action on an idea; each re-checks who may do it.

    A refused form is shown again on the idea page with what was typed and chosen kept
    (it used to redirect, which wiped the manager's choice and words)."""
    user = current_user(request)
    idea = get_idea_for_reader(user, pk)
    if action not in _FORM_IDS:
        raise Http404
    if action in {"move", "impact", "share", "thank"} and not services.can_manage(user, idea):
        raise Http404
    organisations = shareable_organisations(idea) if action == "share" else []
    form = _forms(idea, organisations, request.POST, action)[action]
    if not form.is_valid():
        return _idea_page(request, user, idea, refused=form)
    try:
        done = attempt(
            request,
            lambda: _act(user, idea, action, form.cleaned_data, organisations),
            success=lambda said: said,
            form=form,
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    if not done:
        return _idea_page(request, user, idea, refused=form)
    return redirect("ideas:idea", pk=idea.pk)


def _act(
    user: User, idea: Idea, action: str, data: dict[str, Any], organisations: list[Organisation]
) -> str:
    if action == "move":
        services.move_idea(
            actor=user,
            idea=idea,
            to_status=data["to_status"],
            note=data["note"],
            plan=data["plan"],
            measure=data["measure"],
            review_on=data["review_on"],
            reason=data["reason"],
            what_changed=data["what_changed"],
        )
        return _("Moved to %(status)s; the author has been told") % {
            "status": IdeaStatus(data["to_status"]).label.lower()
        }
    if action == "comment":
        services.comment_on_idea(actor=user, idea=idea, note=data["note"])
        return _("Comment added")
    if action == "thank":
        services.thank_team(actor=user, idea=idea, note=data["note"])
        return _("Thanks sent to the team")
    if action == "impact":
        services.record_impact(actor=user, idea=idea, **data)
        return _("Impact recorded")
    organisation = next((o for o in organisations if o.pk == data["organisation"]), None)
    if organisation is None:
        raise ValidationError({"organisation": _("Choose an organisation")})
    team = team_in(organisation, data["team"])
    if data["team"] and team is None:
        raise ValidationError({"team": _("Choose a team in that organisation")})
    services.share_idea(actor=user, idea=idea, organisation=organisation, team=team)
    return _("Shared; their managers have been told")


@login_required
@require_http_methods(["GET", "POST"])
def response_standard(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    organisation = Organisation.objects.administered_by(user).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    standard = services.response_standard(organisation)
    form = StandardForm(request.POST or None, initial={"working_days": standard.working_days})
    if request.method == "POST" and form.is_valid():
        services.set_response_standard(
            actor=user, organisation=organisation, working_days=form.cleaned_data["working_days"]
        )
        messages.success(request, _("Response time saved"))
        return redirect("core:organisation", slug=organisation.slug)
    return render(request, "ideas/standard.html", {"form": form, "organisation": organisation})
