"""`candour load-demo-data`: loads once, is idempotent, and leaves a verifiable audit trail."""

import io

import pytest
from django.core.management import call_command

from candour.audit.models import AuditEvent


@pytest.mark.django_db
def test_demo_data_loads_once_and_verifies() -> None:
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "Demo data loaded." in out.getvalue()
    assert "alex.morgan@riverside.example" in out.getvalue()
    count = AuditEvent.objects.count()
    again = io.StringIO()
    call_command("load_demo_data", stdout=again)
    assert "already present" in again.getvalue()
    assert AuditEvent.objects.count() == count
    verified = io.StringIO()
    call_command("verify_audit", "--no-progress", stdout=verified)
    assert f"Audit trail OK: {count:,} events verified" in verified.getvalue()
