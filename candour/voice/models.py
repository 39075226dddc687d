from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from candour.core.channels import Channel
from candour.voice.querysets import FeedbackQuerySet, SafeguardingAlertQuerySet
from candour.voice.vocabulary import AgeBand, AlertState, FeedbackStatus, Rating, WorkedWith


class FeedbackLink(models.Model):
    """A link (and QR code) a team hands out, so feedback arrives with its team."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="feedback_links"
    )
    # None: the whole service.
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    # Random, not guessable from the team: links are handed to children, not published.
    token = models.CharField(max_length=32, unique=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DutyContact(models.Model):
    """Where safeguarding disclosures in feedback go at once: the duty team's inbox."""

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="duty_contact"
    )
    email = models.EmailField()
    # Shown to staff on the alert, for a call if the email is not picked up.
    phone = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.email


class Feedback(models.Model):
    """What a child, young person, parent or carer told the service.

    The free text is kept de-identified; their own words are sealed under a data key of
    their own until the learning team has checked the feedback and any safeguarding
    alert has been acknowledged, then destroyed with the key.
    """

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="feedback"
    )
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="feedback"
    )
    link = models.ForeignKey(
        FeedbackLink, null=True, blank=True, on_delete=models.PROTECT, related_name="feedback"
    )
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    rating = models.CharField(max_length=12, choices=Rating.choices)
    worked_with = models.CharField(max_length=20, choices=WorkedWith.choices, blank=True)
    what_was_good = models.TextField(blank=True)
    what_would_be_better = models.TextField(blank=True)
    idea = models.TextField(blank=True)
    redactions = models.JSONField(default=dict)
    data_key = models.ForeignKey("keys.DataKey", null=True, on_delete=models.PROTECT)
    raw_sealed = models.BinaryField(null=True)
    # The Monday of the week it arrived: enough for trends, not enough to pick a child out.
    received_week = models.DateField()
    status = models.CharField(
        max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=200, blank=True)
    # The family's private code to read the answer to this feedback: only its slow,
    # peppered hash, as for a reporter's receipt.
    reply_code_digest = models.CharField(max_length=128, blank=True, db_index=True)
    # How it reached Candour: online, or entered from paper, a call or a meeting (ADR 0035).
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    # The language of the pages it was given on (ADR 0030), so an answer can be in it.
    language = models.CharField(max_length=8, default="en-gb")
    # Written in a language the safeguarding check cannot read (it reads English): a
    # person reads it first, routed to the duty team as a disclosure is (ADR 0030).
    needs_reading = models.BooleanField(default=False)
    # What it is written in: a language code, or a script when the language is unknown
    # (candour.lib.safeguarding.reading); blank when the check could read it.
    written_in = models.CharField(max_length=24, blank=True)

    objects: ClassVar[FeedbackQuerySet] = FeedbackQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-received_week", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"], name="feedback_org_status")]

    def __str__(self) -> str:
        return f"feedback {self.pk}"

    @property
    def reading_note(self) -> str:
        """ "Written in Polish: read by a person first", when the check could not read it."""
        from candour.voice.alerts.reasons import describe

        if not self.needs_reading:
            return ""
        return " ".join(describe([{"layer": "language", "written_in": self.written_in}]))

    @property
    def text(self) -> str:
        return "\n".join(
            part for part in (self.what_was_good, self.what_would_be_better, self.idea) if part
        )


class AlertBurst(models.Model):
    """Several possible disclosures from one feedback link in a short time (issue 16).

    A flood from a scripted link must not bury a real disclosure: the duty contact gets
    one email for the burst, with one link to read and acknowledge every alert in it, and
    the burst is chased as one, not each alert. Every alert in it is still kept and shown.
    """

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    link = models.ForeignKey(FeedbackLink, on_delete=models.PROTECT, related_name="bursts")
    started_at = models.DateTimeField()
    last_alert_at = models.DateTimeField()
    size = models.PositiveIntegerField(default=0)
    # The burst link's secret, as a keyed hash (like an alert's acknowledgement link).
    ack_digest = models.CharField(max_length=64, unique=True)
    sent_to = models.EmailField(blank=True)
    chased_at = models.DateTimeField(null=True, blank=True)
    chase_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"burst of {self.size} from link {self.link_id}"

    @property
    def minutes(self) -> int:
        """How many minutes the burst has lasted so far (at least one)."""
        return max(1, int((self.last_alert_at - self.started_at).total_seconds() // 60) + 1)


class SafeguardingAlert(models.Model):
    """Feedback whose words may mean a child is unsafe now, sent at once to the duty
    contact and tracked until a person acknowledges it."""

    feedback = models.OneToOneField(
        Feedback, on_delete=models.PROTECT, related_name="safeguarding_alert"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    categories = models.JSONField(default=list)
    urgent = models.BooleanField(default=False)
    # The words that raised it, for the duty worker to see why.
    matched = models.JSONField(default=list)
    # Which detector layer(s) raised it and their evidence (voice/alerts/reasons.py): the
    # patterns' words, or the nearest known disclosure, its category, similarity, bank version.
    layers = models.JSONField(default=list)
    state = models.CharField(max_length=16, choices=AlertState.choices, default=AlertState.SENT)
    sent_to = models.EmailField(blank=True)
    sent_at = models.DateTimeField()
    # The acknowledgement link's secret, as a keyed hash.
    ack_digest = models.CharField(max_length=64, unique=True)
    # When it was last chased, and how many times: chased again every CHASE_EVERY until
    # a person acknowledges it, to more people after the first chase.
    chased_at = models.DateTimeField(null=True, blank=True)
    chase_count = models.PositiveSmallIntegerField(default=0)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_by_name = models.CharField(max_length=200, blank=True)
    action = models.TextField(blank=True)
    # Part of a burst from one link: emailed and chased with the burst, not on its own.
    burst = models.ForeignKey(
        AlertBurst, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    # Sent when the link or the session was past its feedback limit: taken all the same.
    over_limit = models.BooleanField(default=False)
    # Who typed in feedback given on paper, by phone or in person: they may know the child
    # and hold the paper. Only on an alert, which only the duty team reads (ADR 0035).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects: ClassVar[SafeguardingAlertQuerySet] = SafeguardingAlertQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        # Not by state: "acknowledged" sorts before "sent", which once pushed waiting alerts
        # off a capped list. Lists ask for waiting and acknowledged alerts separately.
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"safeguarding alert on feedback {self.feedback_id}"

    @property
    def detected(self) -> bool:
        """Raised by the detector (words or meaning), not only because nobody could read it."""
        return any(layer.get("layer") in {"patterns", "similarity"} for layer in self.layers)

    @property
    def reading_note(self) -> str:
        """ "Written in Arabic: read by a person first", for writing the detector cannot read."""
        from candour.voice.alerts.reasons import describe

        return " ".join(
            describe([layer for layer in self.layers if layer.get("layer") == "language"])
        )

    @property
    def raised_by(self) -> list[str]:
        """Why it was raised, one sentence per layer, for the duty worker."""
        from candour.voice.alerts.reasons import describe

        return describe(self.layers)


class FeedbackTheme(models.Model):
    """A theme of what children and families say, from the default set or the service's own."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="feedback_themes"
    )
    key = models.CharField(max_length=80)
    label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    # Retired themes are no longer offered or suggested, but feedback already confirmed
    # as about them keeps the tag, so past results do not change.
    retired = models.BooleanField(default=False)
    # Learning's themes about the same thing (issue 23, ADR 0032): an action on one of them
    # is judged on the ratings of feedback confirmed as about these. The link lives here
    # because voice sits above learning in the house plan (ADR 0023); learning sets and reads
    # it through the relation, and keeps it within one organisation (themes/services.py).
    learning_themes = models.ManyToManyField(
        "learning.Theme", blank=True, related_name="linked_feedback_themes"
    )

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="feedback_theme_key")
        ]

    def __str__(self) -> str:
        return self.label


class FeedbackThemeTag(models.Model):
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="tags")
    theme = models.ForeignKey(FeedbackTheme, on_delete=models.PROTECT, related_name="tags")
    # None: suggested automatically and not yet confirmed by a person.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(default=1.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feedback", "theme"], name="feedback_theme_tag_once")
        ]

    def __str__(self) -> str:
        return f"{self.theme_id} on {self.feedback_id}"


class FeedbackReply(models.Model):
    """The service's answer to one piece of feedback, or to a theme: "you said, we did"."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    feedback = models.ForeignKey(
        Feedback, null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    theme = models.ForeignKey(
        FeedbackTheme, null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    you_said = models.TextField()
    we_did = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"reply {self.pk}"


class DisclosureContact(models.Model):
    """How a child who told us a worry would like to be reached, if they chose to say.

    Sealed under the feedback's own data key, as a reporter's contact details are under
    the report's, and gone when that key is destroyed.
    """

    feedback = models.OneToOneField(Feedback, on_delete=models.PROTECT, related_name="contact")
    sealed = models.BinaryField(null=True)
    given_on = models.DateField()

    def __str__(self) -> str:
        return f"contact for {self.feedback_id}"
