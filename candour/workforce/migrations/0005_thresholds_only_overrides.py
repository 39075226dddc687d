"""Stored early-warning lines become overrides only (issue 20).

Before, saving the thresholds form stored every line, including the ones the form had
pre-filled, so an organisation kept the old fixed demand line (4 referrals per worker)
and never got the national lines. A stored line equal to a built-in default, old or
current, was the form's pre-fill, not a choice: it is removed. The defaults are written
out here, as they were, so that later changes to the code do not change this migration.
"""

from django.db import migrations

# (strain, worsening, relative, above_usual) of each line's defaults, before and after
# issue 20.
DEFAULT_LINES = {
    "caseload": [(20.0, 0.1, True, None)],
    "vacancy_rate": [(20.0, 3.0, False, None)],
    "agency_rate": [(20.0, 3.0, False, None)],
    "turnover_rate": [(17.0, 3.0, False, None)],
    "absence_rate": [(4.2, 0.5, False, None)],
    "demand_per_worker": [(4.0, 0.1, True, None), (None, 0.1, True, 0.2)],
}
DEFAULT_WHOLE = {"window": 6, "min_values": 3, "spiral_worsening": 3}


def _is_default(name, value):
    if name in DEFAULT_WHOLE:
        return value == DEFAULT_WHOLE[name]
    if name not in DEFAULT_LINES or not isinstance(value, dict):
        return False
    stored = (
        value.get("strain"),
        value.get("worsening"),
        bool(value.get("relative", False)),
        value.get("above_usual"),
    )
    return stored in DEFAULT_LINES[name]


def forwards(apps, schema_editor):
    WorkforceSettings = apps.get_model("workforce", "WorkforceSettings")
    for settings in WorkforceSettings.objects.exclude(thresholds={}):
        kept = {
            name: value
            for name, value in settings.thresholds.items()
            if not _is_default(name, value)
        }
        if kept != settings.thresholds:
            settings.thresholds = kept
            settings.save(update_fields=["thresholds"])


class Migration(migrations.Migration):
    dependencies = [("workforce", "0004_shared_service_area_code_length")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
