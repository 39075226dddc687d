"""The registry of every kind of event the audit trail records."""

from __future__ import annotations

from enum import StrEnum, unique

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


# @unique: two names for one stored value would make the trail ambiguous to read back.
@unique
class AuditEventType(StrEnum):
    ORGANISATION_CREATED = "organisation.created"
    TEAM_CREATED = "team.created"
    ORGANISATION_SETTINGS_CHANGED = "organisation.settings_changed"
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
    REPORT_SUBMITTED = "report.submitted"
    REPORT_RECEIPT_REISSUED = "report.receipt_reissued"
    REPORT_REDACTIONS_REVIEWED = "report.redactions_reviewed"
    REPORT_RAW_TEXT_VIEWED = "report.raw_text_viewed"
    REPORT_ASSIGNED = "report.assigned"
    REPORT_STATUS_CHANGED = "report.status_changed"
    REPORT_QUESTION_SENT = "report.question_sent"
    REPORT_REPLY_RECEIVED = "report.reply_received"
    REPORT_CLOSED = "report.closed"
    RECEIPT_ACCEPTED = "receipt.accepted"
    RECEIPT_REJECTED = "receipt.rejected"
    RECEIPT_RATE_LIMITED = "receipt.rate_limited"
    REPORT_DIGEST_SENT = "report.digest_sent"
    REPORT_CODED = "report.coded"
    LESSON_SAVED = "lesson.saved"
    LESSON_PUBLISHED = "lesson.published"
    LESSON_OPENED = "lesson.opened"
    LESSON_WITHDRAWN = "lesson.withdrawn"
    BULLETIN_PUBLISHED = "bulletin.published"
    BULLETIN_OPENED = "bulletin.opened"
    BULLETIN_WITHDRAWN = "bulletin.withdrawn"
    JUST_CULTURE_REVIEWED = "report.just_culture_reviewed"
    JUST_CULTURE_REFERRED = "report.just_culture_referred"
    LOCAL_CODE_ADDED = "taxonomy.local_code_added"
    LOCAL_CODE_RETIRED = "taxonomy.local_code_retired"
    ALERT_REMINDED = "alert.reminded"
    ALERT_ESCALATED = "alert.escalated"
    ALERT_REASSIGNED = "alert.reassigned"
    ALERT_RAISED = "alert.raised"
    ALERT_CONSENT_GIVEN = "alert.consent_given"
    ALERT_CONSENT_REFUSED = "alert.consent_refused"
    ALERT_SENT = "alert.sent"
    ALERT_ACKNOWLEDGED = "alert.acknowledged"
    ALERT_ACTED_ON = "alert.acted_on"
    SUGGESTION_DECIDED = "report.suggestion_decided"
    SUGGESTER_TRAINED = "learning.suggester_trained"
    SIMILARITY_INDEX_BUILT = "learning.similarity_index_built"
    NATIONAL_SEARCH = "learning.national_search"
    THEMES_FOUND = "theme.found"
    THEME_SAVED = "theme.saved"
    THEME_CONFIRMED = "theme.confirmed"
    THEME_DISMISSED = "theme.dismissed"
    THEME_MERGED = "theme.merged"
    THEME_SPLIT = "theme.split"
    THEME_REPORT_ATTACHED = "theme.report_attached"
    THEME_REPORT_DETACHED = "theme.report_detached"
    THEME_FEEDBACK_LINKED = "theme.feedback_linked"
    IDEA_SUBMITTED = "idea.submitted"
    IDEA_STATUS_CHANGED = "idea.status_changed"
    IDEA_COMMENTED = "idea.commented"
    IDEA_IMPACT_RECORDED = "idea.impact_recorded"
    IDEA_ESCALATED = "idea.escalated"
    IDEA_SHARED = "idea.shared"
    IDEA_THANKED = "idea.thanked"
    IDEA_STANDARD_CHANGED = "idea.response_standard_changed"
    FEEDBACK_RECEIVED = "feedback.received"
    FEEDBACK_LINK_CREATED = "feedback.link_created"
    FEEDBACK_LINK_DEACTIVATED = "feedback.link_deactivated"
    FEEDBACK_MODERATED = "feedback.moderated"
    FEEDBACK_RAW_TEXT_VIEWED = "feedback.raw_text_viewed"
    FEEDBACK_THEMED = "feedback.themed"
    FEEDBACK_REPLIED = "feedback.replied"
    FEEDBACK_CONTACT_GIVEN = "feedback.contact_given"
    FEEDBACK_REPLY_CODE_GIVEN = "feedback.reply_code_given"
    ENTERED_ON_BEHALF = "assisted.entered"
    SAFEGUARDING_ROUTED = "safeguarding.routed"
    SAFEGUARDING_ACKNOWLEDGED = "safeguarding.acknowledged"
    SAFEGUARDING_CHASED = "safeguarding.chased"
    DUTY_CONTACT_CHANGED = "safeguarding.duty_contact_changed"
    HEALTH_STATUS_CHANGED = "workforce.health_status_changed"
    HEALTH_THRESHOLDS_CHANGED = "workforce.health_thresholds_changed"
    WORKFORCE_IMPORTED = "workforce.imported"
    WORKFORCE_IMPORT_UNDONE = "workforce.import_undone"
    WORKFORCE_DFE_AREA_SET = "workforce.dfe_area_set"
    WORKFORCE_CHART_EVENT_ADDED = "workforce.chart_event_added"
    WORKFORCE_CHART_EVENT_DELETED = "workforce.chart_event_deleted"
    DFE_LOADED = "workforce.dfe_loaded"
    SURVEY_WAVE_OPENED = "survey.wave_opened"
    SURVEY_ANSWERED = "survey.answered"
    SURVEY_REMINDERS_SENT = "survey.reminders_sent"
    SURVEY_WAVE_CLOSED = "survey.wave_closed"
    SHARING_FLAG_RECORDED = "sharing.flag_recorded"
    SHARING_FLAG_ENDED = "sharing.flag_ended"
    SHARING_FLAGS_IMPORTED = "sharing.flags_imported"
    SHARING_LOOKUP = "sharing.lookup"
    SHARING_KEY_CREATED = "sharing.key_created"
    SHARING_KEY_REVOKED = "sharing.key_revoked"
    SHARING_SETTING_CHANGED = "sharing.setting_changed"
    SHARING_DIGESTS_REHASHED = "sharing.digests_rehashed"
    SHARING_FLAG_MOVED_AT_BIRTH = "sharing.flag_moved_at_birth"
    SHARING_FLAGS_RECONCILED = "sharing.flags_reconciled"
    SHARING_ODS_CODE_SET = "sharing.ods_code_set"
    API_TOKEN_CREATED = "api.token_created"  # noqa: S105 - an event name, not a secret
    API_TOKEN_REVOKED = "api.token_revoked"  # noqa: S105 - an event name, not a secret
    IDENTITY_PROVIDER_CHANGED = "sign_in.provider_changed"
    SUBSCRIPTION_FOLLOWED = "subscription.followed"
    SUBSCRIPTION_UNFOLLOWED = "subscription.unfollowed"
    SUBSCRIPTION_FREQUENCY_CHANGED = "subscription.frequency_changed"
    SUBSCRIPTION_UNSUBSCRIBED_BY_LINK = "subscription.unsubscribed_by_link"
    SUBSCRIPTION_DIGESTS_SENT = "subscription.digests_sent"

    @property
    def description(self) -> StrOrPromise:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[AuditEventType, StrOrPromise] = {
    AuditEventType.ORGANISATION_CREATED: _("Organisation created"),
    AuditEventType.TEAM_CREATED: _("Team created"),
    AuditEventType.ORGANISATION_SETTINGS_CHANGED: _("Organisation settings changed"),
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
    AuditEventType.REPORT_SUBMITTED: _("Report received"),
    AuditEventType.REPORT_RECEIPT_REISSUED: _("Report sent twice: receipt code given again"),
    AuditEventType.REPORT_REDACTIONS_REVIEWED: _("Report redactions reviewed"),
    AuditEventType.REPORT_RAW_TEXT_VIEWED: _("Reporter's own words opened"),
    AuditEventType.REPORT_ASSIGNED: _("Report assigned"),
    AuditEventType.REPORT_STATUS_CHANGED: _("Report status changed"),
    AuditEventType.REPORT_QUESTION_SENT: _("Question sent to reporter"),
    AuditEventType.REPORT_REPLY_RECEIVED: _("Reply received from reporter"),
    AuditEventType.REPORT_CLOSED: _("Report closed"),
    AuditEventType.RECEIPT_ACCEPTED: _("Receipt code accepted"),
    AuditEventType.RECEIPT_REJECTED: _("Receipt code rejected"),
    AuditEventType.RECEIPT_RATE_LIMITED: _("Receipt checks paused after too many attempts"),
    AuditEventType.REPORT_DIGEST_SENT: _("New-report digest sent"),
    AuditEventType.REPORT_CODED: _("Report coded"),
    AuditEventType.LESSON_SAVED: _("Lesson saved"),
    AuditEventType.LESSON_PUBLISHED: _("Lesson published"),
    AuditEventType.LESSON_OPENED: _("Lesson published openly in the open library"),
    AuditEventType.LESSON_WITHDRAWN: _("Lesson withdrawn from the open library"),
    AuditEventType.BULLETIN_PUBLISHED: _("Bulletin published"),
    AuditEventType.BULLETIN_OPENED: _("Bulletin published openly in the open library"),
    AuditEventType.BULLETIN_WITHDRAWN: _("Bulletin withdrawn from the open library"),
    AuditEventType.JUST_CULTURE_REVIEWED: _("Just-culture decision aid used"),
    AuditEventType.JUST_CULTURE_REFERRED: _("Report referred to the just-culture aid"),
    AuditEventType.LOCAL_CODE_ADDED: _("Local code added to the taxonomy"),
    AuditEventType.LOCAL_CODE_RETIRED: _("Local code retired"),
    AuditEventType.ALERT_REMINDED: _("Safety lead reminded of an alert"),
    AuditEventType.ALERT_ESCALATED: _("Unacknowledged alert escalated to administrators"),
    AuditEventType.ALERT_REASSIGNED: _("Alert moved to the new safety lead"),
    AuditEventType.ALERT_RAISED: _("Alert raised"),
    AuditEventType.ALERT_CONSENT_GIVEN: _("Reporter agreed to an alert"),
    AuditEventType.ALERT_CONSENT_REFUSED: _("Reporter declined an alert"),
    AuditEventType.ALERT_SENT: _("Alert sent to the safety lead"),
    AuditEventType.ALERT_ACKNOWLEDGED: _("Alert acknowledged"),
    AuditEventType.ALERT_ACTED_ON: _("Alert acted on"),
    AuditEventType.SUGGESTION_DECIDED: _("Suggested code accepted or rejected"),
    AuditEventType.SUGGESTER_TRAINED: _("Code suggester trained"),
    AuditEventType.SIMILARITY_INDEX_BUILT: _("Similar-reports index built"),
    AuditEventType.NATIONAL_SEARCH: _("Reports searched across organisations"),
    AuditEventType.THEMES_FOUND: _("Recurring themes found"),
    AuditEventType.THEME_SAVED: _("Theme named or described"),
    AuditEventType.THEME_CONFIRMED: _("Theme confirmed"),
    AuditEventType.THEME_DISMISSED: _("Theme dismissed"),
    AuditEventType.THEME_MERGED: _("Themes merged"),
    AuditEventType.THEME_SPLIT: _("Theme split"),
    AuditEventType.THEME_REPORT_ATTACHED: _("Report attached to a theme"),
    AuditEventType.THEME_REPORT_DETACHED: _("Report taken out of a theme"),
    AuditEventType.THEME_FEEDBACK_LINKED: _("Feedback themes linked to a theme"),
    AuditEventType.IDEA_SUBMITTED: _("Improvement idea submitted"),
    AuditEventType.IDEA_STATUS_CHANGED: _("Improvement idea moved on"),
    AuditEventType.IDEA_COMMENTED: _("Comment on an improvement idea"),
    AuditEventType.IDEA_IMPACT_RECORDED: _("Impact of an idea recorded"),
    AuditEventType.IDEA_ESCALATED: _("Improvement idea escalated"),
    AuditEventType.IDEA_SHARED: _("Improvement idea shared"),
    AuditEventType.IDEA_THANKED: _("Team thanked for an idea"),
    AuditEventType.IDEA_STANDARD_CHANGED: _("Response time for ideas changed"),
    AuditEventType.FEEDBACK_RECEIVED: _("Feedback received from a child or family"),
    AuditEventType.FEEDBACK_LINK_CREATED: _("Feedback link created"),
    AuditEventType.FEEDBACK_LINK_DEACTIVATED: _("Feedback link stopped"),
    AuditEventType.FEEDBACK_MODERATED: _("Feedback checked"),
    AuditEventType.FEEDBACK_RAW_TEXT_VIEWED: _("A child's or family's own words opened"),
    AuditEventType.FEEDBACK_THEMED: _("Feedback themes changed"),
    AuditEventType.FEEDBACK_REPLIED: _("Feedback answered"),
    AuditEventType.FEEDBACK_CONTACT_GIVEN: _("A child who told us a worry asked to be contacted"),
    AuditEventType.FEEDBACK_REPLY_CODE_GIVEN: _("A private code given to read the answer"),
    AuditEventType.ENTERED_ON_BEHALF: _(
        "A report or feedback given on paper, by phone or in person typed in"
    ),
    AuditEventType.SAFEGUARDING_ROUTED: _("Possible disclosure sent to the duty contact"),
    AuditEventType.SAFEGUARDING_ACKNOWLEDGED: _("Safeguarding alert acknowledged"),
    AuditEventType.SAFEGUARDING_CHASED: _("Unacknowledged safeguarding alert chased"),
    AuditEventType.DUTY_CONTACT_CHANGED: _("Duty contact changed"),
    AuditEventType.HEALTH_STATUS_CHANGED: _("Early-warning status changed"),
    AuditEventType.HEALTH_THRESHOLDS_CHANGED: _("Early-warning thresholds changed"),
    AuditEventType.WORKFORCE_IMPORTED: _("Workforce or demand file imported"),
    AuditEventType.WORKFORCE_IMPORT_UNDONE: _("Workforce or demand import undone"),
    AuditEventType.WORKFORCE_DFE_AREA_SET: _("Local authority for DfE comparisons set"),
    AuditEventType.WORKFORCE_CHART_EVENT_ADDED: _("Event added to the demand charts"),
    AuditEventType.WORKFORCE_CHART_EVENT_DELETED: _("Event removed from the demand charts"),
    AuditEventType.DFE_LOADED: _("DfE national statistics loaded"),
    AuditEventType.SURVEY_WAVE_OPENED: _("Survey wave opened"),
    AuditEventType.SURVEY_ANSWERED: _("Survey answered"),
    AuditEventType.SURVEY_REMINDERS_SENT: _("Survey reminders sent"),
    AuditEventType.SURVEY_WAVE_CLOSED: _("Survey wave closed"),
    AuditEventType.SHARING_FLAG_RECORDED: _("Child protection flag recorded"),
    AuditEventType.SHARING_FLAG_ENDED: _("Child protection flag ended"),
    AuditEventType.SHARING_FLAGS_IMPORTED: _("Child protection flags imported"),
    AuditEventType.SHARING_LOOKUP: _("Child protection flag looked up"),
    AuditEventType.SHARING_KEY_CREATED: _("Key for an unscheduled-care setting created"),
    AuditEventType.SHARING_KEY_REVOKED: _("Information-sharing key revoked"),
    AuditEventType.SHARING_SETTING_CHANGED: _("Unscheduled-care setting registered or changed"),
    AuditEventType.SHARING_DIGESTS_REHASHED: _("NHS number index rebuilt under a new key"),
    AuditEventType.SHARING_FLAG_MOVED_AT_BIRTH: _(
        "Unborn child's plan moved to the baby's NHS number"
    ),
    AuditEventType.SHARING_FLAGS_RECONCILED: _(
        "Child protection flags reconciled from a daily file"
    ),
    AuditEventType.SHARING_ODS_CODE_SET: _("Organisation's ODS code set for information sharing"),
    AuditEventType.API_TOKEN_CREATED: _("Personal API token created"),
    AuditEventType.API_TOKEN_REVOKED: _("Personal API token revoked"),
    AuditEventType.IDENTITY_PROVIDER_CHANGED: _(
        "Sign-in through the organisation's provider set up or changed"
    ),
    AuditEventType.SUBSCRIPTION_FOLLOWED: _("Started following a theme, factor, setting or team"),
    AuditEventType.SUBSCRIPTION_UNFOLLOWED: _("Stopped following a theme, factor, setting or team"),
    AuditEventType.SUBSCRIPTION_FREQUENCY_CHANGED: _("Digest frequency changed"),
    AuditEventType.SUBSCRIPTION_UNSUBSCRIBED_BY_LINK: _("Unsubscribed from digests by email link"),
    AuditEventType.SUBSCRIPTION_DIGESTS_SENT: _("Subscription digests queued"),
}


# Events caused by a reporter. Their time is kept to the day and they are left out of
# the organisation's audit page, so that the trail cannot be used to tell when, and so
# by whom, a report was made or answered (ADR 0005).
REPORTER_EVENTS: frozenset[AuditEventType] = frozenset(
    {
        AuditEventType.REPORT_SUBMITTED,
        AuditEventType.REPORT_RECEIPT_REISSUED,
        AuditEventType.REPORT_REPLY_RECEIVED,
        AuditEventType.RECEIPT_ACCEPTED,
        AuditEventType.RECEIPT_REJECTED,
        AuditEventType.RECEIPT_RATE_LIMITED,
        AuditEventType.ALERT_CONSENT_GIVEN,
        AuditEventType.ALERT_CONSENT_REFUSED,
        AuditEventType.FEEDBACK_RECEIVED,
        AuditEventType.FEEDBACK_CONTACT_GIVEN,
        AuditEventType.FEEDBACK_REPLY_CODE_GIVEN,
        AuditEventType.SURVEY_ANSWERED,
    }
)

# Kept to the day as well: whoever typed in a paper or phone item is on the audit page
# (they are accountable for it), but the hour would tie them to the item (ADR 0035).
DAY_ONLY_EVENTS: frozenset[AuditEventType] = REPORTER_EVENTS | {AuditEventType.ENTERED_ON_BEHALF}
