"""The learning team's downloads page and files (issue 23). 404 for anyone else."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from candour.accounts.current import current_user
from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.downloads import Table, respond
from candour.learning.exports import tables

TABLES: dict[str, Callable[[User], Table]] = {
    "coded-reports": tables.coded_reports,
    "themes": tables.themes,
}


def _analyst(request: HttpRequest) -> User:
    user = current_user(request)
    if not user.organisation_ids_with_role(Role.ANALYST):
        raise Http404
    return user


@login_required
@require_GET
def exports(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    return render(request, "learning/exports.html")


@login_required
@require_GET
def export(request: HttpRequest, table: str, file_format: str) -> HttpResponse:
    user = _analyst(request)
    build = TABLES.get(table)
    if build is None:
        raise Http404
    return respond(build(user), file_format)
