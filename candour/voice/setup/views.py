"""An organisation's feedback set-up, for its administrators: the duty contact who gets
possible disclosures at once, and the feedback links (with QR codes) teams hand out."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.current import current_user
from candour.core.access import get_administered_organisation
from candour.core.form_actions import submit
from candour.core.models import Team
from candour.voice import services
from candour.voice.models import FeedbackLink
from candour.voice.services import CHASE_AFTER
from candour.voice.setup import services as setup_services
from candour.voice.setup.access import duty_contact_of, get_administered_link, links_of
from candour.voice.setup.forms import DutyContactForm, FeedbackLinkForm

# Big enough to scan from a printed A4 page across a table; the SVG scales without blur.
QR_SCALE = 10


def public_url(link: FeedbackLink) -> str:
    """The address to hand out: the service's public address, not the one the admin used."""
    return settings.CANDOUR_BASE_URL.rstrip("/") + reverse("voice:start", args=[link.token])


def _qr(link: FeedbackLink) -> segno.QRCode:
    return segno.make(public_url(link), error="m")


@login_required
@require_http_methods(["GET", "POST"])
def duty_contact(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    organisation = get_administered_organisation(user, slug)
    contact = duty_contact_of(organisation)
    form = DutyContactForm(
        request.POST if request.method == "POST" else None,
        initial={"email": contact.email, "phone": contact.phone} if contact else None,
    )
    if request.method == "POST" and form.is_valid():
        services.set_duty_contact(
            actor=user,
            organisation=organisation,
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
        )
        messages.success(request, _("Duty contact saved"))
        return redirect("core:organisation", slug=organisation.slug)
    return render(
        request,
        "voice/setup/duty_contact.html",
        {
            "form": form,
            "organisation": organisation,
            "contact": contact,
            "chase_minutes": int(CHASE_AFTER.total_seconds() // 60),
        },
    )


@login_required
@require_GET
def links(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    organisation = get_administered_organisation(user, slug)
    rows = [(link, public_url(link)) for link in links_of(organisation)]
    return render(
        request,
        "voice/setup/links.html",
        {"organisation": organisation, "rows": rows, "contact": duty_contact_of(organisation)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_link(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    organisation = get_administered_organisation(user, slug)
    teams = Team.objects.administered_by(user).in_organisation(organisation).order_by("name")
    form = FeedbackLinkForm(
        request.POST if request.method == "POST" else None,
        teams=[(team.pk, team.name) for team in teams],
    )
    done = submit(
        request,
        form,
        lambda data: services.create_link(
            actor=user,
            organisation=organisation,
            team=next((t for t in teams if t.pk == data["team"]), None) if data["team"] else None,
            name=data["name"],
        ),
        success=lambda link: _("Feedback link %(name)s made") % {"name": link.name},
    )
    if done:
        return redirect("voice:link", slug=organisation.slug, pk=done.value.pk)
    return render(
        request, "voice/setup/add_link.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_GET
def link(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The page to print: a large QR code and the short address."""
    organisation, chosen = get_administered_link(current_user(request), slug, pk)
    qr_svg = _qr(chosen).svg_inline(
        scale=QR_SCALE, omitsize=True, title=_("QR code for %(url)s") % {"url": public_url(chosen)}
    )
    return render(
        request,
        "voice/setup/link.html",
        {
            "organisation": organisation,
            "link": chosen,
            "url": public_url(chosen),
            "short_url": public_url(chosen).split("://", 1)[-1],
            "qr_svg": qr_svg,
        },
    )


@login_required
@require_GET
def link_qr(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The QR code as an .svg file, for posters and leaflets."""
    _organisation, chosen = get_administered_link(current_user(request), slug, pk)
    buffer = io.BytesIO()
    _qr(chosen).save(buffer, kind="svg", scale=QR_SCALE, title=public_url(chosen))
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    filename = f"feedback-{slugify(chosen.name) or chosen.pk}.svg"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def deactivate_link(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = current_user(request)
    organisation, chosen = get_administered_link(user, slug, pk)
    if request.method == "POST":
        setup_services.deactivate_link(actor=user, link=chosen)
        messages.success(request, _("%(name)s no longer takes feedback") % {"name": chosen.name})
        return redirect("voice:links", slug=organisation.slug)
    return render(
        request,
        "voice/setup/deactivate_link.html",
        {"organisation": organisation, "link": chosen, "url": public_url(chosen)},
    )
