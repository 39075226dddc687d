"""Organisational health: the latent conditions, imported from councils' own data and the
DfE's published statistics (issue 7). People appear only as pseudonymous staff IDs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    STAFF_IN_POST = "staff_in_post", _("Staff in post, starters and leavers, agency workers")
    VACANCIES = "vacancies", _("Vacancies")
    CASELOADS = "caseloads", _("Cases held per worker")
    ABSENCE_SPELLS = "absence_spells", _("Sickness absence spells")
    DEMAND = "demand", _("Demand counts")


class ImportBatch(models.Model):
    """One file imported, all or nothing; rows point back to it so a batch can be undone."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="workforce_imports"
    )
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    filename = models.CharField(max_length=200)
    rows = models.PositiveIntegerField()
    encoding = models.CharField(max_length=20, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} import {self.pk}"


class _Imported(models.Model):
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # The team as the council names it, and Candour's team when it matches one.
    team_name = models.CharField(max_length=100, blank=True)
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class StaffPost(_Imported):
    person_reference = models.CharField(max_length=40)
    role = models.CharField(max_length=60)
    fte = models.DecimalField(max_digits=5, decimal_places=3)
    agency = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    leaving_reason = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"{self.person_reference} in {self.team_name}"


class Vacancy(_Imported):
    role = models.CharField(max_length=60)
    fte = models.DecimalField(max_digits=6, decimal_places=3)
    on_date = models.DateField()
    covered_by_agency = models.BooleanField(null=True, blank=True)

    def __str__(self) -> str:
        return f"vacancy in {self.team_name} on {self.on_date}"


class Caseload(_Imported):
    person_reference = models.CharField(max_length=40)
    on_date = models.DateField()
    cases = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.person_reference}: {self.cases} on {self.on_date}"


class AbsenceSpell(_Imported):
    person_reference = models.CharField(max_length=40)
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=40)
    disability_related = models.BooleanField(default=False)
    # Three places: an hour of an eight-hour day is 0.125 days.
    working_days_lost = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.person_reference} absent from {self.starts_on}"


class DemandCount(_Imported):
    period_start = models.DateField()
    period_type = models.CharField(max_length=8)  # week or month
    measure = models.CharField(max_length=20)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "measure", "period_start"], name="demand_series")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.period_start}: {self.count}"


class DfeValue(models.Model):
    """One figure the DfE published; None where it published a suppression code."""

    dataset = models.CharField(max_length=60)
    measure = models.CharField(max_length=80)
    time_period = models.CharField(max_length=12)
    year_ending = models.DateField()
    level = models.CharField(max_length=20)
    # A few rows cover two councils sharing a service, both codes joined ("E09000021 / E09000027").
    area_code = models.CharField(max_length=40)
    area_name = models.CharField(max_length=120)
    region_code = models.CharField(max_length=20, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    suppression = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [models.Index(fields=["measure", "area_code"], name="dfe_measure_area")]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "measure", "time_period", "area_code"], name="dfe_value_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.area_code} {self.time_period}"


class DfeNeighbour(models.Model):
    """A local authority's statistical neighbours (the DfE model), closest first."""

    area_code = models.CharField(max_length=20)
    neighbour_code = models.CharField(max_length=20)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["area_code", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["area_code", "rank"], name="dfe_neighbour_rank")
        ]

    def __str__(self) -> str:
        return f"{self.area_code} #{self.rank}: {self.neighbour_code}"


class WorkforceSettings(models.Model):
    """Per organisation: which DfE local authority it is, and its early-warning thresholds."""

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="workforce_settings"
    )
    # The DfE's new_la_code (E06/E08/E09/E10...), for comparisons with the national figures;
    # a shared service's two codes joined ("E09000021 / E09000027"), as in DfeValue.
    dfe_area_code = models.CharField(max_length=40, blank=True)
    # Overrides of candour.lib.statistics.spiral.SpiralThresholds, by field name.
    thresholds = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"workforce settings for {self.organisation_id}"


class ChartEvent(models.Model):
    """Something that explains a change on the charts: a national case, an inspection."""

    organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for national events.",
    )
    on_date = models.DateField()
    label = models.CharField(max_length=200)

    class Meta:
        ordering = ["on_date"]

    def __str__(self) -> str:
        return self.label


class HealthStatus(models.Model):
    """The early warning as it was computed: steady, strained or spiralling, with why."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="health_statuses"
    )
    # None: the whole organisation.
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period = models.DateField()
    status = models.CharField(max_length=12)
    evidence = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-computed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.status} for {self.organisation_id}/{self.team_id}"
