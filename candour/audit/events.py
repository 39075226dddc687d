"""The registry of every kind of event the audit trail records."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class AuditEventType(StrEnum):
    ORGANISATION_CREATED = "organisation.created"
    TEAM_CREATED = "team.created"
    USER_CREATED = "account.created"
    USER_DEACTIVATED = "account.deactivated"
    MEMBERSHIP_GRANTED = "membership.granted"
    MEMBERSHIP_REVOKED = "membership.revoked"
    SIGN_IN_SUCCEEDED = "sign_in.succeeded"
    SIGN_IN_FAILED = "sign_in.failed"
    SIGN_IN_LOCKED_OUT = "sign_in.locked_out"
    SIGNED_OUT = "sign_in.signed_out"
    SIGNED_OUT_EVERYWHERE = "sign_in.signed_out_everywhere"
    TWO_FACTOR_ENROLLED = "two_factor.enrolled"
    TWO_FACTOR_VERIFIED = "two_factor.verified"
    TWO_FACTOR_FAILED = "two_factor.failed"
    DEMO_DATA_LOADED = "system.demo_data_loaded"
    DATA_KEY_DESTROYED = "keys.data_key_destroyed"

    @property
    def description(self) -> StrOrPromise:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[AuditEventType, StrOrPromise] = {
    AuditEventType.ORGANISATION_CREATED: _("Organisation created"),
    AuditEventType.TEAM_CREATED: _("Team created"),
    AuditEventType.USER_CREATED: _("Account created"),
    AuditEventType.USER_DEACTIVATED: _("Account deactivated"),
    AuditEventType.MEMBERSHIP_GRANTED: _("Role granted"),
    AuditEventType.MEMBERSHIP_REVOKED: _("Role removed"),
    AuditEventType.SIGN_IN_SUCCEEDED: _("Signed in"),
    AuditEventType.SIGN_IN_FAILED: _("Sign-in failed"),
    AuditEventType.SIGN_IN_LOCKED_OUT: _("Sign-in locked after repeated failures"),
    AuditEventType.SIGNED_OUT: _("Signed out"),
    AuditEventType.SIGNED_OUT_EVERYWHERE: _("Signed out on every device"),
    AuditEventType.TWO_FACTOR_ENROLLED: _("Authenticator app set up"),
    AuditEventType.TWO_FACTOR_VERIFIED: _("Security code accepted"),
    AuditEventType.TWO_FACTOR_FAILED: _("Security code rejected"),
    AuditEventType.DEMO_DATA_LOADED: _("Demo data loaded"),
    AuditEventType.DATA_KEY_DESTROYED: _("Encryption key destroyed"),
}
