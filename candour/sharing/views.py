"""Pages for information sharing: the local authority's flags, and the settings' lookups."""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.core.form_actions import add_refusal, attempt, submit
from candour.core.keyset import keyset_page
from candour.lib import nhs_number
from candour.sharing import lookup_result, services
from candour.sharing.access import (
    attendances_of,
    flag_organisation,
    flag_organisations,
    get_flag_for_keeper,
    setting_of,
    settings_of,
)
from candour.sharing.forms import BirthForm, EndForm, FlagForm, ImportForm, LookupForm
from candour.sharing.models import ChildFlag, Lookup
from candour.sharing.oversight.access import overseen_authorities, overseen_settings
from candour.sharing.vocabulary import PlanType, Refusal


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if flag_organisations(user):
        return redirect("sharing:flags")
    if setting_of(user) is not None:
        return redirect("sharing:lookup")
    if services.may_register_settings(user):
        return redirect("sharing:settings")
    if overseen_settings(user):
        return redirect("sharing:setting-access-report")
    if overseen_authorities(user):
        return redirect("sharing:authority-access-report")
    raise Http404


@login_required
@require_GET
def flags(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = flag_organisation(user)
    today = timezone.localdate()
    rows = ChildFlag.objects.visible_to(user).filter(organisation=organisation)
    return render(
        request,
        "sharing/flags.html",
        {
            "organisation": organisation,
            "flags": [(flag, flag.is_current(today)) for flag in rows],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_flag(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = flag_organisation(user)
    form = FlagForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.record_flag(
            actor=user, organisation=organisation, draft=services.FlagDraft(**data)
        ),
        success=lambda flag: _("Flag %(reference)s recorded") % {"reference": flag},
    )
    if done:
        return redirect("sharing:flag", done.value.pk)
    return render(request, "sharing/new_flag.html", {"organisation": organisation, "form": form})


@login_required
@require_GET
def flag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    flag = get_flag_for_keeper(user, pk)
    return render(
        request,
        "sharing/flag.html",
        {
            "flag": flag,
            "current": flag.is_current(timezone.localdate()),
            "attendances": attendances_of(flag),
            "end_form": EndForm(),
            "birth_form": BirthForm()
            if flag.plan_type == PlanType.UNBORN_CHILD_PROTECTION
            else None,
        },
    )


@login_required
@require_POST
def record_birth(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    flag = get_flag_for_keeper(user, pk)
    form = BirthForm(request.POST)
    if form.is_valid():
        done = attempt(
            request,
            lambda: services.record_birth(
                actor=user,
                flag=flag,
                baby_nhs_number=form.cleaned_data["baby_nhs_number"],
                born_on=form.cleaned_data["born_on"],
            ),
            success=lambda baby: (
                _("The plan moved to the baby's NHS number as %(reference)s")
                % {"reference": baby.reference}
            ),
        )
        if done:
            return redirect("sharing:flag", done.value.pk)
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("sharing:flag", flag.pk)


@login_required
@require_POST
def end_flag(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    flag = get_flag_for_keeper(user, pk)
    form = EndForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.end_flag(
                actor=user, flag=flag, end_date=form.cleaned_data["end_date"]
            ),
            success=_("Plan ended"),
        )
    return redirect("sharing:flag", flag.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_flags(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = flag_organisation(user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.import_flags(
            actor=user, organisation=organisation, data=form.cleaned_data["file"].read()
        )
    return render(
        request,
        "sharing/import.html",
        {"organisation": organisation, "form": form, "result": result},
    )


@login_required
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    choices = settings_of(user)
    if not choices:
        if request.method == "POST":
            # Audited before the 404 that any page outside one's organisations gets.
            services.record_refused_lookup(refusal=Refusal.NO_SETTING, user=user)
        raise Http404
    form = LookupForm(request.POST if request.method == "POST" else None, settings=choices)
    setting = setting_of(user, request.POST.get("setting") or request.GET.get("setting"))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.look_up(
                setting=setting,
                nhs=form.cleaned_data["nhs_number"],
                reason=form.cleaned_data["reason"],
                reason_other=form.cleaned_data["reason_other"],
                user=user,
            )
        except services.LookupRateLimitedError:
            form.add_error(None, _("Too many lookups: wait a minute and try again"))
            status = 429
        except ValidationError as error:
            add_refusal(form, error)
        else:
            # Post, redirect, get: a refresh of the answer must not look the child up
            # again (another attendance, another message to the team).
            lookup_result.keep(
                request,
                answer=answer,
                nhs_number=nhs_number.format_spaced(form.cleaned_data["nhs_number"]),
                setting_id=(setting or choices[0]).pk,
            )
            return redirect("sharing:lookup-answer")
    elif request.method == "GET" and setting is not None:
        form = LookupForm(settings=choices, initial={"setting": setting.pk})
    return render(
        request,
        "sharing/lookup.html",
        {
            "setting": setting or choices[0],
            "several_settings": len(choices) > 1,
            "form": form,
            "manages_keys": setting is not None and services.may_manage_keys(user, setting),
            "guardian": setting is not None
            and any(s.pk == setting.pk for s in overseen_settings(user)),
        },
        status=status,
    )


@login_required
@require_GET
def lookup_answer(request: HttpRequest) -> HttpResponse:
    """The answer to the clinician's latest lookup, for 15 minutes: reads and writes nothing."""
    user = current_user(request)
    choices = settings_of(user)
    if not choices:
        raise Http404
    kept = lookup_result.shown(request)
    if kept is None:
        return redirect("sharing:lookup")
    setting = next((s for s in choices if s.pk == kept.setting_id), choices[0])
    return render(
        request,
        "sharing/lookup_answer.html",
        {
            "setting": setting,
            "several_settings": len(choices) > 1,
            "answer": kept.answer,
            "nhs_number": kept.nhs_number,
            "looked_up_at": datetime.fromtimestamp(kept.looked_up_at, tz=UTC),
        },
    )


LOOKUPS_PAGE_SIZE = 50


@login_required
@require_GET
def lookups(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    setting = setting_of(user, request.GET.get("setting"))
    if setting is None:
        raise Http404
    rows = Lookup.objects.visible_to(user).filter(setting=setting).select_related("asked_by", "key")
    page = keyset_page(rows, request.GET, key="pk", size=LOOKUPS_PAGE_SIZE)
    return render(
        request,
        "sharing/lookups.html",
        {
            "setting": setting,
            "several_settings": len(settings_of(user)) > 1,
            "lookups": page.items,
            "page": page,
        },
    )
