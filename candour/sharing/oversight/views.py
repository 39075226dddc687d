"""The monthly access report, as a page and as CSV (through the safe CSV writer)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from candour.accounts.current import current_user
from candour.core.safe_csv import csv_download
from candour.sharing.oversight.access import (
    overseen_authorities,
    overseen_authority,
    overseen_setting,
    overseen_settings,
)
from candour.sharing.oversight.report import Month, Report, authority_report, setting_report


def _csv(report: Report, name: str) -> HttpResponse:
    response, writer = csv_download(f"access-report-{name}-{report.month.code}.csv")
    writer.writerow(
        [
            _("When"),
            _("Setting"),
            _("Asked by"),
            _("Reason"),
            _("Result"),
            _("Flags"),
            _("Local authority"),
            _("Unusual"),
        ]
    )
    for row in report.rows:
        writer.writerow(
            [
                timezone.localtime(row.asked_at).strftime("%Y-%m-%d %H:%M"),
                row.setting,
                row.asked_by,
                row.reason,
                row.result,
                " ".join(row.children),
                "; ".join(row.authorities),
                _("yes") if row.unusual else "",
            ]
        )
    return response


def _page(request: HttpRequest, report: Report, extra: dict[str, object]) -> HttpResponse:
    return render(request, "sharing/access_report.html", {"report": report, **extra})


@login_required
@require_GET
def setting_access_report(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    setting = overseen_setting(user, request.GET.get("setting"))
    month = Month.parse(request.GET.get("month"), timezone.localdate())
    report = setting_report(setting, month)
    if request.GET.get("download") == "csv":
        return _csv(report, f"setting-{setting.pk}")
    return _page(
        request,
        report,
        {
            "kind": "setting",
            "query": f"setting={setting.pk}&",
            "several": len(overseen_settings(user)) > 1,
        },
    )


@login_required
@require_GET
def authority_access_report(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = overseen_authority(user, request.GET.get("organisation"))
    month = Month.parse(request.GET.get("month"), timezone.localdate())
    report = authority_report(organisation, month)
    if request.GET.get("download") == "csv":
        return _csv(report, f"authority-{organisation.pk}")
    return _page(
        request,
        report,
        {
            "kind": "authority",
            "query": f"organisation={organisation.pk}&",
            "several": len(overseen_authorities(user)) > 1,
        },
    )
