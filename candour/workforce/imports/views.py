"""Importing workforce and demand files, for an organisation's administrators (issue 7)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from candour.accounts.current import current_user
from candour.core.access import get_administered_organisation
from candour.lib.tabular.columns import Choice
from candour.workforce.imports import services as imports
from candour.workforce.imports.forms import ImportForm
from candour.workforce.imports.services import ImportResult
from candour.workforce.models import ImportKind


@dataclass(frozen=True)
class GuideColumn:
    name: str
    required: bool
    kind: str
    aliases: str
    example: str
    description: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    kind: str
    label: str
    description: str
    columns: tuple[GuideColumn, ...]


def column_guides() -> list[Guide]:
    """What each import expects, read from the schemas that check the files."""
    guides = []
    for kind, label in ImportKind.choices:
        schema = imports.schema_for(kind)
        columns = tuple(
            GuideColumn(
                name=column.name,
                required=column.required,
                kind=column.kind.describe(),
                aliases=", ".join(column.aliases),
                example=column.example,
                description=column.description,
                codes=tuple(column.kind.options) if isinstance(column.kind, Choice) else (),
            )
            for column in schema.columns
        )
        guides.append(Guide(kind, str(label), schema.description, columns))
    return guides


@login_required
@require_http_methods(["GET", "POST"])
def imports_page(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    organisation = get_administered_organisation(user, slug)
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    result: ImportResult | None = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        result = imports.import_file(
            actor=user,
            organisation=organisation,
            kind=form.cleaned_data["kind"],
            filename=upload.name or "upload.csv",
            content=upload.read(),
        )
        if result.ok:
            form = ImportForm()
    return render(
        request,
        "workforce/imports/imports.html",
        {
            "organisation": organisation,
            "form": form,
            "result": result,
            "result_kind": ImportKind(result.kind).label if result else "",
            "batches": imports.batches_of(organisation),
            "guides": column_guides(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def undo(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = current_user(request)
    organisation = get_administered_organisation(user, slug)
    batch = imports.batch_of(organisation, pk)
    if batch is None:
        raise Http404
    if request.method == "POST":
        rows = imports.undo_import(actor=user, batch=batch)
        messages.success(
            request,
            ngettext(
                "Import undone: %(rows)d row removed",
                "Import undone: %(rows)d rows removed",
                rows,
            )
            % {"rows": rows},
        )
        return redirect("workforce:imports", slug=organisation.slug)
    return render(
        request,
        "workforce/imports/undo.html",
        {"organisation": organisation, "batch": batch, "title": _("Undo this import?")},
    )
