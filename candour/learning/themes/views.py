"""Theme pages: the list, one theme's profile, and the analysts' curation actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.core.form_actions import attempt, submit
from candour.core.forms import form_errors
from candour.learning.access import get_analyst_organisation
from candour.learning.models import Theme, ThemeStatus
from candour.learning.themes import services as themes
from candour.learning.themes.access import (
    find_report_for_theme,
    get_theme_for_analyst,
    other_live_themes,
    theme_reports,
    themes_of,
)
from candour.learning.themes.effect import changes_on_theme
from candour.learning.themes.forms import (
    AttachForm,
    FeedbackThemesForm,
    MergeForm,
    SplitForm,
    ThemeForm,
)
from candour.learning.themes.profile import build_profile, candidates


@login_required
@require_GET
def theme_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = get_analyst_organisation(user, request.GET.get("organisation"))
    everything = themes_of(organisation)
    return render(
        request,
        "learning/themes/list.html",
        {
            "organisation": organisation,
            "confirmed": [t for t in everything if t.status == ThemeStatus.CONFIRMED],
            "suggested": [t for t in everything if t.status == ThemeStatus.SUGGESTED],
            "set_aside": [
                t for t in everything if t.status in (ThemeStatus.DISMISSED, ThemeStatus.MERGED)
            ],
        },
    )


@login_required
@require_POST
def find_themes(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = get_analyst_organisation(user, request.POST.get("organisation"))
    result = themes.find_themes(organisation, actor=user)
    messages.success(
        request,
        _("Looked at %(reports)s reports and suggested %(suggested)s themes")
        % {"reports": result.reports, "suggested": result.suggested},
    )
    return redirect("learning:themes")


@login_required
@require_http_methods(["GET", "POST"])
def theme_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = get_analyst_organisation(user, request.GET.get("organisation"))
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        theme = themes.create_theme(
            actor=user,
            organisation=organisation,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("Theme started: add reports to it below"))
        return redirect("learning:theme", pk=theme.pk)
    return render(request, "learning/themes/form.html", {"form": form, "theme": None})


def _feedback_themes_form(theme: Theme, data: QueryDict | None = None) -> FeedbackThemesForm:
    return FeedbackThemesForm(
        data,
        choices=themes.linkable_feedback_themes(theme),
        initial={
            "feedback_themes": list(theme.linked_feedback_themes.values_list("pk", flat=True))
        },
    )


def _detail(
    request: HttpRequest, theme: Theme, form: FeedbackThemesForm | None = None
) -> HttpResponse:
    profile = build_profile(theme, timezone.localdate())
    live = theme.status in (ThemeStatus.SUGGESTED, ThemeStatus.CONFIRMED)
    return render(
        request,
        "learning/themes/detail.html",
        {
            "theme": theme,
            "profile": profile,
            "live": live,
            "candidates": candidates(theme) if live else [],
            "merge_form": MergeForm(themes=other_live_themes(theme)),
            "split_form": SplitForm(reports=profile.reports),
            "attach_form": AttachForm(),
            "form": form or _feedback_themes_form(theme),
            "changes": changes_on_theme(theme.pk),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_GET
def theme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    return _detail(request, get_theme_for_analyst(user, pk))


@login_required
@require_POST
def theme_feedback_themes(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the feedback themes about the same thing; on an error the page again, the
    choices kept."""
    user = current_user(request)
    theme = get_theme_for_analyst(user, pk)
    form = _feedback_themes_form(theme, request.POST)
    if submit(
        request,
        form,
        lambda data: themes.link_feedback_themes(
            actor=user, theme=theme, feedback_theme_ids=data["feedback_themes"]
        ),
        success=_("Feedback themes saved"),
    ):
        return redirect("learning:theme", pk=theme.pk)
    return _detail(request, theme, form)


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    theme = get_theme_for_analyst(user, pk)
    form = ThemeForm(
        request.POST or None, initial={"name": theme.name, "description": theme.description}
    )
    if submit(
        request,
        form,
        lambda data: themes.update_theme(
            actor=user, theme=theme, name=data["name"], description=data["description"]
        ),
        success=_("Theme saved"),
    ):
        return redirect("learning:theme", pk=theme.pk)
    return render(request, "learning/themes/form.html", {"form": form, "theme": theme})


@login_required
@require_POST
def theme_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    theme = get_theme_for_analyst(user, pk)
    action = request.POST.get("action")
    if action == "confirm":
        attempt(
            request,
            lambda: themes.confirm_theme(actor=user, theme=theme),
            success=_("Theme confirmed"),
        )
    elif action == "dismiss":
        attempt(
            request,
            lambda: themes.dismiss_theme(actor=user, theme=theme),
            success=_("Theme dismissed: it will not be suggested again"),
        )
    return redirect("learning:theme", pk=theme.pk)


@login_required
@require_POST
def theme_merge(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    theme = get_theme_for_analyst(user, pk)
    form = MergeForm(request.POST, themes=other_live_themes(theme))
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("learning:theme", pk=theme.pk)
    target = get_theme_for_analyst(user, form.cleaned_data["target"])
    if attempt(
        request,
        lambda: themes.merge_themes(actor=user, source=theme, target=target),
        success=_("Merged: its reports are now in this theme"),
    ):
        return redirect("learning:theme", pk=target.pk)
    return redirect("learning:theme", pk=theme.pk)


@login_required
@require_POST
def theme_split(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    theme = get_theme_for_analyst(user, pk)
    members = list(theme.reports.all())
    form = SplitForm(request.POST, reports=members)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("learning:theme", pk=theme.pk)
    done = attempt(
        request,
        lambda: themes.split_theme(
            actor=user,
            theme=theme,
            reports=theme_reports(theme, form.cleaned_data["reports"]),
            name=form.cleaned_data["name"],
        ),
        success=_("Split: the reports you chose are in this new theme"),
    )
    return redirect("learning:theme", pk=done.value.pk if done else theme.pk)


@login_required
@require_POST
def theme_reports_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a report (by reference) or take one out."""
    user = current_user(request)
    theme = get_theme_for_analyst(user, pk)
    form = AttachForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("learning:theme", pk=theme.pk)
    report = find_report_for_theme(user, theme, form.cleaned_data["reference"])
    if report is None:
        messages.error(request, _("There is no report with that reference in this organisation"))
        return redirect("learning:theme", pk=theme.pk)
    named = {"reference": report.reference}
    if request.POST.get("action") == "detach":
        attempt(
            request,
            lambda: themes.detach_report(actor=user, theme=theme, report=report),
            success=_("%(reference)s taken out of the theme") % named,
        )
        return redirect("learning:theme", pk=theme.pk)
    done = attempt(request, lambda: themes.attach_report(actor=user, theme=theme, report=report))
    if done and done.value:
        messages.success(request, _("%(reference)s added to the theme") % named)
    elif done:
        messages.info(request, _("%(reference)s was already in the theme") % named)
    return redirect("learning:theme", pk=theme.pk)
