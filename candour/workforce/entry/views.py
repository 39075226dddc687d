"""Adding one row by hand, for organisations without an export: the row goes through the
same schema and all-or-nothing import as a file, so it is checked the same way."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from candour.accounts.current import current_user
from candour.core.access import get_administered_organisation
from candour.workforce.imports import services as imports
from candour.workforce.models import ImportKind


def _as_csv(names: list[str], values: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    writer.writerow([values.get(name, "") for name in names])
    return buffer.getvalue().encode("utf-8")


@login_required
@require_http_methods(["GET", "POST"])
def add_row(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    user = current_user(request)
    organisation = get_administered_organisation(user, slug)
    if kind not in ImportKind.values:
        raise Http404
    schema = imports.schema_for(kind)
    names = [column.name for column in schema.columns]
    values = {name: request.POST.get(name, "").strip() for name in names}
    problems: dict[str, str] = {}
    if request.method == "POST":
        result = imports.import_file(
            actor=user,
            organisation=organisation,
            kind=kind,
            filename=_("entered by hand"),
            content=_as_csv(names, values),
        )
        if result.ok:
            messages.success(request, _("Added"))
            return redirect("workforce:imports", slug=organisation.slug)
        for problem in result.problems:
            problems[problem.column or ""] = problem.reason
    return render(
        request,
        "workforce/imports/add_row.html",
        {
            "organisation": organisation,
            "kind": kind,
            "label": ImportKind(kind).label,
            "columns": [
                {
                    "name": column.name,
                    "label": column.name.replace("_", " ").capitalize(),
                    "hint": f"{column.description} {_('For example:')} {column.example}".strip(),
                    "required": column.required,
                    "value": values.get(column.name, ""),
                    "error": problems.get(column.name, ""),
                }
                for column in schema.columns
            ],
            "has_problems": bool(problems),
            "other_problems": [
                reason for column, reason in problems.items() if column not in names
            ],
        },
        status=400 if problems else 200,
    )
