"""The learning team's feedback pages (check, theme, answer) and everyone's "you said,
we did". The child's own words appear only on the learning team's page, and only until
the feedback is checked and any safeguarding alert acknowledged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.accounts.models import User
from candour.core.form_actions import attempt, submit
from candour.voice import services
from candour.voice.models import Feedback, FeedbackTheme
from candour.voice.moderation import services as moderation
from candour.voice.moderation.access import (
    alert_on,
    confirmed_count,
    get_feedback_for_moderator,
    get_theme_for_moderator,
    moderation_queue,
    published_feedback,
    replies_to,
    replies_to_theme,
    tagged,
    teams_of,
    themes_for_moderator,
    themes_of,
    with_themes_and_replies,
    you_said_we_did,
)
from candour.voice.moderation.forms import (
    AddThemeForm,
    HideForm,
    MergeThemeForm,
    PublishForm,
    RenameThemeForm,
    ReplyForm,
    ThemeReplyForm,
    ThemesForm,
)
from candour.voice.moderation.presenters import deidentified, excerpt, highlight
from candour.voice.vocabulary import AgeBand, FeedbackStatus, Rating

PAGE_SIZE = 25


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    found = moderation_queue(user, request.GET.get("status"))
    page = Paginator(found.feedback, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "feedback": item,
            "excerpt": excerpt(item),
            "band": AgeBand(item.age_band).label,
            "rating": Rating(item.rating).label,
            "alert": getattr(item, "safeguarding_alert", None),
        }
        for item in page.object_list
    ]
    return render(
        request,
        "voice/moderation/queue.html",
        {
            "page": page,
            "rows": rows,
            "status": found.status,
            "statuses": [
                (value, label, found.counts[value]) for value, label in FeedbackStatus.choices
            ],
        },
    )


def _detail(
    request: HttpRequest,
    user: User,
    feedback: Feedback,
    *,
    errored: tuple[str, Form] | None = None,
) -> HttpResponse:
    """The feedback page; ``errored`` is a form sent back with its errors, by its name."""
    themes = themes_of(feedback.organisation)
    tags = tagged(feedback)
    forms: dict[str, Form] = {
        "publish_form": PublishForm(prefix="publish"),
        "hide_form": HideForm(prefix="hide"),
        "add_theme_form": AddThemeForm(prefix="theme"),
        "reply_form": ReplyForm(prefix="reply", themes=themes),
    }
    if errored is not None:
        forms[errored[0]] = errored[1]
    raw = services.raw_answers(feedback)
    if raw is not None:
        services.note_raw_words_viewed(actor=user, feedback=feedback)
    return render(
        request,
        "voice/moderation/feedback.html",
        {
            "feedback": feedback,
            "alert": alert_on(feedback),
            "band": AgeBand(feedback.age_band).label,
            "rating": Rating(feedback.rating).label,
            "highlighted": highlight(raw, feedback.redactions) if raw is not None else None,
            "answers": deidentified(feedback),
            "themes": [(theme, theme.pk in tags, tags.get(theme.pk, False)) for theme in themes],
            "replies": replies_to(feedback),
            "errored": errored[1] if errored else None,
            "published": feedback.status == FeedbackStatus.PUBLISHED,
            **forms,
        },
        status=400 if errored is not None else 200,
    )


@login_required
@require_GET
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    return _detail(request, user, get_feedback_for_moderator(user, pk))


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    feedback = get_feedback_for_moderator(user, pk)
    form = PublishForm(request.POST, prefix="publish")
    if not submit(
        request,
        form,
        lambda _data: services.publish_feedback(
            actor=user, feedback=feedback, remove_phrases=form.phrases()
        ),
        success=_("Checked and shown to staff. Check the suggested themes."),
    ):
        return _detail(request, user, feedback, errored=("publish_form", form))
    moderation.suggest_themes(feedback)
    return redirect(reverse("voice:moderate", args=[feedback.pk]) + "#themes")


@login_required
@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    feedback = get_feedback_for_moderator(user, pk)
    form = HideForm(request.POST, prefix="hide")
    if not submit(
        request,
        form,
        lambda data: services.hide_feedback(actor=user, feedback=feedback, reason=data["reason"]),
        success=_("Hidden: staff will not see it"),
    ):
        return _detail(request, user, feedback, errored=("hide_form", form))
    return redirect("voice:moderation-queue")


@login_required
@require_POST
def set_themes(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    feedback = get_feedback_for_moderator(user, pk)
    form = ThemesForm(request.POST, themes=themes_of(feedback.organisation))
    if form.is_valid():
        attempt(
            request,
            lambda: moderation.set_themes(
                actor=user, feedback=feedback, theme_ids=form.cleaned_data["themes"]
            ),
            success=_("Themes saved"),
        )
    else:
        messages.error(request, _("Choose from the organisation's themes"))
    return redirect(reverse("voice:moderate", args=[feedback.pk]) + "#themes")


@login_required
@require_POST
def add_theme(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    feedback = get_feedback_for_moderator(user, pk)
    form = AddThemeForm(request.POST, prefix="theme")
    if not submit(
        request,
        form,
        lambda data: moderation.add_theme(
            actor=user, organisation=feedback.organisation, label=data["label"]
        ),
        success=lambda theme: (
            _("Theme %(label)s added: tick it to use it") % {"label": theme.label}
        ),
    ):
        return _detail(request, user, feedback, errored=("add_theme_form", form))
    return redirect(reverse("voice:moderate", args=[feedback.pk]) + "#themes")


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    feedback = get_feedback_for_moderator(user, pk)
    themes = themes_of(feedback.organisation)
    form = ReplyForm(request.POST, prefix="reply", themes=themes)
    if not submit(
        request,
        form,
        lambda data: moderation.reply(
            actor=user,
            feedback=feedback,
            theme=next((theme for theme in themes if theme.pk == data["theme"]), None),
            team=feedback.team,
            you_said=data["you_said"],
            we_did=data["we_did"],
        ),
        success=_("Answer published in “You said, we did”"),
    ):
        return _detail(request, user, feedback, errored=("reply_form", form))
    return redirect(reverse("voice:moderate", args=[feedback.pk]) + "#replies")


@login_required
@require_GET
def you_said(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    found = you_said_we_did(user, request.GET.get("organisation"), request.GET.get("team"))
    return render(
        request,
        "voice/moderation/you_said_we_did.html",
        {
            "found": found,
            "published": FeedbackStatus.PUBLISHED,
        },
    )


@login_required
@require_GET
def theme_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    return render(request, "voice/moderation/themes.html", {"rows": themes_for_moderator(user)})


@login_required
@require_http_methods(["GET", "POST"])
def theme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A theme, its answers, and a form to answer it ("you said, we did")."""
    user = current_user(request)
    theme = get_theme_for_moderator(user, pk)
    teams = teams_of(theme.organisation)
    form = ThemeReplyForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["team"]
        team = next((t for t in teams if t.pk == chosen), None)
        if chosen is not None and team is None:
            form.add_error("team", _("Choose one of the organisation's teams"))
        elif attempt(
            request,
            lambda: moderation.reply(
                actor=user,
                theme=theme,
                team=team,
                you_said=form.cleaned_data["you_said"],
                we_did=form.cleaned_data["we_did"],
            ),
            success=_("Answer published in “You said, we did”"),
            form=form,
        ):
            return redirect(reverse("voice:theme", args=[theme.pk]) + "#replies")
    return _theme_page(request, theme, form=form)


def _theme_page(
    request: HttpRequest,
    theme: FeedbackTheme,
    *,
    form: ThemeReplyForm | None = None,
    rename_form: RenameThemeForm | None = None,
    merge_form: MergeThemeForm | None = None,
) -> HttpResponse:
    form = form or ThemeReplyForm(teams=teams_of(theme.organisation))
    rename_form = rename_form or RenameThemeForm(prefix="rename", initial={"label": theme.label})
    merge_form = merge_form or MergeThemeForm(prefix="merge", themes=_merge_targets(theme))
    errored = next((f for f in (form, rename_form, merge_form) if f.errors), None)
    return render(
        request,
        "voice/moderation/theme.html",
        {
            "theme": theme,
            "confirmed": confirmed_count(theme),
            "replies": replies_to_theme(theme),
            "form": form,
            "rename_form": rename_form,
            "merge_form": merge_form,
            "errored": errored,
        },
        status=400 if errored else 200,
    )


@login_required
@require_POST
def rename_theme(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    theme = get_theme_for_moderator(user, pk)
    form = RenameThemeForm(request.POST, prefix="rename")
    if submit(
        request,
        form,
        lambda data: moderation.rename_theme(actor=user, theme=theme, label=data["label"]),
        success=_("Theme renamed"),
    ):
        return redirect("voice:theme", theme.pk)
    theme.refresh_from_db()
    return _theme_page(request, theme, rename_form=form)


def _merge_targets(theme: FeedbackTheme) -> list[FeedbackTheme]:
    return [other for other in themes_of(theme.organisation) if other.pk != theme.pk]


@login_required
@require_POST
def merge_theme(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    theme = get_theme_for_moderator(user, pk)
    targets = _merge_targets(theme)
    form = MergeThemeForm(request.POST, prefix="merge", themes=targets)
    if form.is_valid():
        into = next(t for t in targets if t.pk == form.cleaned_data["into"])
        if attempt(
            request,
            lambda: moderation.merge_theme(actor=user, theme=theme, into=into),
            success=_("Merged into %(label)s") % {"label": into.label},
            form=form,
        ):
            return redirect("voice:theme", into.pk)
    return _theme_page(request, theme, merge_form=form)


@login_required
@require_POST
def retire_theme(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    theme = get_theme_for_moderator(user, pk)
    retire = request.POST.get("retired") != "no"
    moderation.retire_theme(actor=user, theme=theme, retired=retire)
    messages.success(
        request,
        _("Theme retired: it is no longer offered or suggested")
        if retire
        else _("Theme brought back"),
    )
    return redirect("voice:theme", theme.pk)


@login_required
@require_GET
def published(request: HttpRequest) -> HttpResponse:
    """What children and families said about the person's teams, checked and
    de-identified, with its themes and the service's answers."""
    user = current_user(request)
    team = request.GET.get("team") or None
    found, teams = published_feedback(user, team)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "voice/moderation/published.html",
        {
            "page": page,
            "rows": [
                {
                    "item": item,
                    "band": AgeBand(item.feedback.age_band).label,
                    "rating": Rating(item.feedback.rating).label,
                    "answers": deidentified(item.feedback),
                }
                for item in with_themes_and_replies(list(page.object_list))
            ],
            "teams": teams,
            "team": team,
        },
    )
