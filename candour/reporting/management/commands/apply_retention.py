from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from candour.reporting.services import close_expired_reports


class Command(BaseCommand):
    help = (
        "Close reports whose raw text has been kept longer than CANDOUR_RAW_RETENTION_DAYS, "
        "destroying the reporter's words and contact details. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_expired_reports()
        self.stdout.write(
            f"Closed {closed} report(s) older than {settings.CANDOUR_RAW_RETENTION_DAYS} days."
        )
