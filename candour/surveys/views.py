"""Survey pages: administrators open, remind and close waves; managers, analysts and
administrators read results; national analysts see the benchmark; and anyone with a
link answers (the link is the credential: no account session needed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.accounts.roles import Role
from candour.core.form_actions import attempt, submit
from candour.core.languages import use_organisation_language
from candour.core.safe_csv import csv_download
from candour.lib.statistics.suppression import SMALLEST_GROUP
from candour.surveys import services
from candour.surveys.access import (
    administered_organisation,
    can_read_results,
    get_wave_for_admin,
    get_wave_for_reader,
    invitation_for_link,
    is_national_analyst,
    teams_of,
    waves_for,
)
from candour.surveys.forms import WaveForm
from candour.surveys.items import item_set
from candour.surveys.presenters import answer_sections, wave_rows
from candour.surveys.results.figures import benchmark, trend_chart, trends, wave_results


@login_required
@require_GET
def waves(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not can_read_results(user):
        if is_national_analyst(user):
            return redirect("surveys:benchmark")
        raise Http404
    found = waves_for(user)
    admin_of = user.organisation_ids_with_role(Role.ORG_ADMIN)
    administered = {w.pk for w in found if w.organisation_id in admin_of}
    return render(
        request,
        "surveys/waves.html",
        {
            "rows": wave_rows(found, administered, timezone.localdate()),
            "can_open": bool(admin_of),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def open_wave(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = administered_organisation(user)
    teams = teams_of(organisation)
    form = WaveForm(request.POST or None, teams=teams)
    done = submit(
        request,
        form,
        lambda data: services.open_wave(
            actor=user,
            organisation=organisation,
            title=data["title"],
            teams=[t for t in teams if t.pk in set(data["teams"])],
            closes_on=data["closes_on"],
            extra_questions=data["extra_questions"].splitlines(),
        ),
        success=lambda opened: (
            _("Wave opened: %(count)s people have been sent their own link")
            % {"count": len(opened.tokens)}
        ),
    )
    if done:
        return redirect("surveys:wave", pk=done.value.wave.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "surveys/open.html", {"form": form, "organisation": organisation}, status=status
    )


@login_required
@require_GET
def wave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Counts only: who has or has not answered is never shown."""
    user = current_user(request)
    wave = get_wave_for_admin(user, pk)
    counts = services.wave_counts(wave)
    per_team = services.team_counts(wave)
    return render(
        request,
        "surveys/wave.html",
        {
            "wave": wave,
            "counts": counts,
            "teams": per_team,
            "smallest": SMALLEST_GROUP,
            "is_open": wave.is_open(timezone.localdate()),
        },
    )


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    wave = get_wave_for_admin(user, pk)
    try:
        attempt(
            request,
            lambda: services.send_reminders(actor=user, wave=wave),
            # No count: the number invited less the number reminded is the number who have
            # answered, and pressed again after a colleague answers it would show who did.
            success=_("Reminders sent to everyone who has not answered yet"),
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect("surveys:wave", pk=wave.pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    wave = get_wave_for_admin(user, pk)
    try:
        services.close_wave(actor=user, wave=wave)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("Wave closed: no more answers will be accepted"))
    return redirect("surveys:results", pk=wave.pk)


@login_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    wave = get_wave_for_reader(user, pk)
    found = wave_results(wave)
    waves_over_time, trend_rows = trends(wave.organisation)
    return render(
        request,
        "surveys/results.html",
        {
            "results": found,
            "wave": wave,
            "trend_waves": waves_over_time,
            "trend_rows": trend_rows,
            "trend_chart": trend_chart(waves_over_time, trend_rows),
            "attribution": found.questions.attribution,
        },
    )


@login_required
@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The results page's figures, after suppression: nothing the page does not show."""
    user = current_user(request)
    wave = get_wave_for_reader(user, pk)
    found = wave_results(wave, with_links=False)
    response, writer = csv_download(f"survey-{wave.pk}-results.csv")
    groups = [found.whole, *found.teams]
    writer.writerow([_("measure"), _("kind"), *(g.name for g in groups)])
    writer.writerow([_("respondents"), "", *(g.respondents.text for g in groups)])
    for row in found.composites:
        writer.writerow([row.title, row.label, *(cell.text for cell in row.cells)])
    for row in found.own_questions:
        writer.writerow(
            [row.title, _("your organisation's question: percent positive")]
            + [cell.text for cell in row.cells]
        )
    return response


@login_required
@require_GET
def benchmark_view(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not is_national_analyst(user):
        raise Http404
    return render(request, "surveys/benchmark.html", {"benchmark": benchmark()})


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey itself, on one page with a fieldset per question (works without
    JavaScript). No account is needed or looked at: the link is the credential."""
    invitation = invitation_for_link(token)
    if invitation is None:
        # A page that says what to do, not a bare "page not found": the person may have
        # mistyped or shortened the link in their message.
        return render(request, "surveys/unknown_link.html", status=404)
    wave = invitation.wave
    use_organisation_language(request, wave.organisation.default_language)
    today = timezone.localdate()
    if invitation.used:
        return render(request, "surveys/used.html", {"wave": wave}, status=410)
    if not wave.is_open(today):
        return render(request, "surveys/closed.html", {"wave": wave}, status=410)
    questions = item_set(wave.item_version)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            services.submit_answers(token=token, data=request.POST, today=today)
        except PermissionDenied:
            return render(request, "surveys/unknown_link.html", status=404)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "used":
                return render(request, "surveys/used.html", {"wave": wave}, status=410)
            if getattr(exc, "code", None) == "closed":
                return render(request, "surveys/closed.html", {"wave": wave}, status=410)
            errors = {key: messages_[0] for key, messages_ in exc.message_dict.items()}
        else:
            return redirect("surveys:thanks")
    sections = answer_sections(questions, services.wave_items(wave), request.POST, errors)
    return render(
        request,
        "surveys/answer.html",
        {
            "wave": wave,
            "sections": sections,
            "errors": errors,
            "attribution": questions.attribution,
            "free_text": [
                (free, request.POST.get(free.key, ""), errors.get(free.key, ""))
                for free in questions.free_text
            ],
        },
        status=400 if errors else 200,
    )


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")
