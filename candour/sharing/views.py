"""Pages for information sharing: the local authority's flags, and the settings' lookups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.core.keyset import keyset_page
from candour.sharing import services
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
    if request.method == "POST" and form.is_valid():
        try:
            flag = services.record_flag(
                actor=user,
                organisation=organisation,
                draft=services.FlagDraft(**form.cleaned_data),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Flag %(reference)s recorded") % {"reference": flag})
            return redirect("sharing:flag", flag.pk)
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
        try:
            baby = services.record_birth(
                actor=user,
                flag=flag,
                baby_nhs_number=form.cleaned_data["baby_nhs_number"],
                born_on=form.cleaned_data["born_on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The plan moved to the baby's NHS number as %(reference)s")
                % {"reference": baby.reference},
            )
            return redirect("sharing:flag", baby.pk)
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
        try:
            services.end_flag(actor=user, flag=flag, end_date=form.cleaned_data["end_date"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Plan ended"))
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
    form = LookupForm(request.POST or None, settings=choices)
    setting = setting_of(user, request.POST.get("setting") or request.GET.get("setting"))
    answer = None
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
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            form = LookupForm(settings=choices, initial={"setting": request.POST.get("setting")})
    elif request.method == "GET" and setting is not None:
        form = LookupForm(settings=choices, initial={"setting": setting.pk})
    return render(
        request,
        "sharing/lookup.html",
        {
            "setting": setting or choices[0],
            "several_settings": len(choices) > 1,
            "form": form,
            "answer": answer,
            "manages_keys": setting is not None and services.may_manage_keys(user, setting),
        },
        status=status,
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
