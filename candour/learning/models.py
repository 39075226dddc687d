from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from candour.learning.querysets import (
    BulletinQuerySet,
    CodeQuerySet,
    CodingQuerySet,
    LessonQuerySet,
    OpenBulletinQuerySet,
    OpenLessonQuerySet,
    ThemeQuerySet,
)
from candour.reporting.vocabulary import Outcome

if TYPE_CHECKING:
    from candour.reporting.models import Report


class Axis(models.TextChoices):
    EVENT = "event", _("What kind of event")
    DEFENCE = "defence", _("Defences (Swiss cheese layers)")
    FACTOR = "factor", _("Contributing factors")
    REASONING = "reasoning", _("Reasoning traps")
    RECOVERY = "recovery", _("What caught it or limited it")


class TaxonomyVersion(models.Model):
    """A published version of the coding scheme; codes are never deleted, only retired."""

    number = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"v{self.number}"


class Code(models.Model):
    key = models.CharField(max_length=80, unique=True)
    axis = models.CharField(max_length=16, choices=Axis.choices)
    level = models.CharField(max_length=32, blank=True)
    label = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # Local codes belong to one organisation; national codes to none.
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    introduced_in = models.ForeignKey(
        TaxonomyVersion, on_delete=models.PROTECT, related_name="introduced"
    )
    retired_in = models.ForeignKey(
        TaxonomyVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="retired"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )

    objects: ClassVar[CodeQuerySet] = CodeQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["axis", "key"]

    def __str__(self) -> str:
        return self.label

    @property
    def current(self) -> Code:
        """Follow merges, so old coding counts under the code it was merged into."""
        code = self
        seen = set()
        while code.merged_into_id is not None and code.pk not in seen:
            seen.add(code.pk)
            code = code.merged_into  # type: ignore[assignment]
        return code


class DefenceState(models.TextChoices):
    HELD = "held", _("Held")
    FAILED = "failed", _("Failed")


class Coding(models.Model):
    """One analyst's coding of one report. A second analyst may code blind."""

    report = models.ForeignKey("reporting.Report", on_delete=models.PROTECT, related_name="codings")
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings"
    )
    taxonomy_version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT)
    is_primary = models.BooleanField(default=True)
    # The analyst's view of the outcome (ADR 0006); the reporter's own answer stays on
    # the report. Blank on codings saved before outcomes were coded: the reporter's counts.
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    note = models.TextField(blank=True)
    submitted_at = models.DateTimeField()

    objects: ClassVar[CodingQuerySet] = CodingQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "analyst"], name="coding_one_per_analyst")
        ]

    def __str__(self) -> str:
        return f"coding of {self.report_id} by {self.analyst_id}"


class CodedValue(models.Model):
    coding = models.ForeignKey(Coding, on_delete=models.CASCADE, related_name="values")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="+")
    defence_state = models.CharField(max_length=8, choices=DefenceState.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["coding", "code"], name="coded_value_once")]

    def __str__(self) -> str:
        return f"{self.code_id} {self.defence_state}".strip()


class Lesson(models.Model):
    """A short, de-identified story drawn from one or more reports, with what was done."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    story = models.TextField()
    commentary = models.TextField()
    action_taken = models.TextField(blank=True)
    reports = models.ManyToManyField("reporting.Report", related_name="lessons", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[LessonQuerySet] = LessonQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Bulletin(models.Model):
    """Lessons and trends for a period, for team meetings (HTML and PDF)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    introduction = models.TextField(blank=True)
    lessons = models.ManyToManyField(Lesson, related_name="bulletins")
    # The period's counts as they stood when published, so the bulletin never changes.
    counts = models.JSONField(default=dict)
    # The lessons' text as published, so that a later edit of a lesson cannot change it.
    lesson_texts = models.JSONField(default=list)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects: ClassVar[BulletinQuerySet] = BulletinQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return self.title


class _OpenCopy(models.Model):
    """What every open copy holds: whose it is, its title, the month it was opened (the
    only date the public sees), its figures (stored already suppressed: the small numbers
    never reach these tables), who opened it and when, and its withdrawal (ADR 0033)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    # The first day of the month it was opened.
    month = models.DateField()
    figures = models.JSONField(default=dict)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class OpenLesson(_OpenCopy):
    """A published lesson its organisation chose to show to anyone, in the open library.

    The text, the filters and the figures are copied exactly as previewed when it was
    opened, so a later edit of the lesson cannot change what the public reads (ADR 0033).
    """

    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="openings")
    story = models.TextField()
    commentary = models.TextField()
    action_taken = models.TextField(blank=True)

    objects: ClassVar[OpenLessonQuerySet] = OpenLessonQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-month", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lesson"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_open_copy_per_lesson",
            )
        ]


class OpenBulletin(_OpenCopy):
    """A bulletin its organisation chose to show to anyone: its lessons' text and its
    suppressed figures, copied as previewed; months only, never days (ADR 0033)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.PROTECT, related_name="openings")
    introduction = models.TextField(blank=True)
    first_month = models.DateField()
    last_month = models.DateField()
    lessons = models.JSONField(default=list)

    objects: ClassVar[OpenBulletinQuerySet] = OpenBulletinQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-last_month", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_open_copy_per_bulletin",
            )
        ]


class FacetKind(models.TextChoices):
    SETTING = "setting", _("Setting")
    FACTOR = "factor", _("Contributing factor")
    OUTCOME = "outcome", _("Outcome")
    THEME = "theme", _("Theme")


class OpenLessonFacet(models.Model):
    """One thing an open lesson can be filtered by: a setting, factor or outcome code, or a
    confirmed theme's name, copied with the open lesson."""

    open_lesson = models.ForeignKey(OpenLesson, on_delete=models.CASCADE, related_name="facets")
    kind = models.CharField(max_length=16, choices=FacetKind.choices)
    value = models.CharField(max_length=200)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["open_lesson", "kind", "value"], name="one_facet_once")
        ]
        indexes = [models.Index(fields=["kind", "value"], name="open_lesson_facet")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class JustCultureConclusion(models.TextChoices):
    OUTSIDE_LEARNING = (
        "outside_learning",
        _(
            "Harm was intended: this is outside the learning system. Refer it under the "
            "organisation's procedures."
        ),
    )
    HEALTH = (
        "health",
        _(
            "Ill health or substance misuse played a part: support the person through "
            "occupational health; this is not a matter for blame."
        ),
    )
    INDIVIDUAL = (
        "individual",
        _(
            "A workable, routine procedure was knowingly departed from and a comparable peer "
            "would probably not have done the same: individual accountability may be considered, "
            "weighing the mitigating circumstances. Fix the system too."
        ),
    )
    SYSTEM = (
        "system",
        _(
            "A system failure: people in the same circumstances would probably have done the "
            "same. Learn from it and fix the conditions."
        ),
    )


class JustCultureReferral(models.Model):
    """An analyst's referral of a report to the just-culture aid; only referred reports open it."""

    report = models.OneToOneField(
        "reporting.Report", on_delete=models.PROTECT, related_name="just_culture_referral"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    referred_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"referral of {self.report_id}"


class JustCultureReview(models.Model):
    """The incident decision tree, for the rare report referred to it. Analysts only."""

    report = models.ForeignKey(
        "reporting.Report", on_delete=models.PROTECT, related_name="just_culture_reviews"
    )
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    deliberate_harm = models.BooleanField()
    deliberate_harm_reason = models.TextField()
    incapacity = models.BooleanField(null=True)
    incapacity_reason = models.TextField(blank=True)
    foresight = models.BooleanField(null=True)
    foresight_reason = models.TextField(blank=True)
    substitution = models.BooleanField(null=True)
    substitution_reason = models.TextField(blank=True)
    mitigating_circumstances = models.TextField(blank=True)
    conclusion = models.CharField(max_length=24, choices=JustCultureConclusion.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"just culture review of {self.report_id}"


class AlertStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("Waiting for the reporter's consent")
    RAISED = "raised", _("Raised")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACTED_ON = "acted_on", _("Acted on")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Alert(models.Model):
    """An urgent hazard found in a report, sent to the organisation's safety lead."""

    report = models.ForeignKey("reporting.Report", on_delete=models.PROTECT, related_name="alerts")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    hazard = models.TextField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alerts_received"
    )
    could_identify_reporter = models.BooleanField()
    status = models.CharField(max_length=24, choices=AlertStatus.choices)
    sent_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    action_taken = models.TextField(blank=True)
    acted_on_at = models.DateTimeField(null=True, blank=True)
    # Chasing an alert nobody acknowledges: the lead is reminded, then administrators told.
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"alert {self.pk} on {self.report_id}"


class SuggestionDecision(models.Model):
    """An analyst's verdict on a suggested code; the next trained suggester learns from it."""

    report = models.ForeignKey(
        "reporting.Report", on_delete=models.PROTECT, related_name="suggestion_decisions"
    )
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="+")
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted = models.BooleanField()
    score = models.FloatField()
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "code", "analyst"], name="suggestion_decision_once"
            )
        ]

    def __str__(self) -> str:
        return f"{'accepted' if self.accepted else 'rejected'} {self.code_id} on {self.report_id}"


class TrainedSuggester(models.Model):
    """A code suggester trained on one organisation's coding; the newest one is used."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    trained_at = models.DateTimeField()
    examples = models.PositiveIntegerField()
    decisions = models.PositiveIntegerField()
    # candour.lib.text.classifier.Suggester.to_bytes(): arrays and JSON, never pickle.
    model = models.BinaryField()
    # Code key -> {"positives": n, "auc": cross-validated AUC or null, "shown": bool}.
    code_quality = models.JSONField(default=dict)

    class Meta:
        ordering = ["-trained_at", "-pk"]

    def __str__(self) -> str:
        return f"suggester for {self.organisation_id} at {self.trained_at:%Y-%m-%d %H:%M}"


class ThemeStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested by Candour")
    CONFIRMED = "confirmed", _("Confirmed by an analyst")
    DISMISSED = "dismissed", _("Dismissed")
    MERGED = "merged", _("Merged into another theme")


class Theme(models.Model):
    """A recurring group of reports (an error trap), found automatically or by analysts."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=ThemeStatus.choices)
    # The words that set the group apart, kept from when it was found, to explain it.
    key_terms = models.JSONField(default=list, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    # None: found automatically by `candour find-themes`.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reports: models.ManyToManyField[Report, ThemeReport] = models.ManyToManyField(
        "reporting.Report", through="ThemeReport", related_name="themes"
    )

    objects: ClassVar[ThemeQuerySet] = ThemeQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["status", "name"]

    def __str__(self) -> str:
        return self.name


class ThemeReport(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="memberships")
    report = models.ForeignKey(
        "reporting.Report", on_delete=models.PROTECT, related_name="theme_memberships"
    )
    # None: attached automatically.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["theme", "report"], name="theme_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} in theme {self.theme_id}"
