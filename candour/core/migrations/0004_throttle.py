"""One throttle for every limit (ADR 0023): a counter table in core, filled from the two
it replaces (reporting's RateBucket and accounts' SignInThrottle), so that limits running
at the moment of the upgrade carry on rather than starting afresh."""

from django.db import migrations, models


def copy_counters(apps, schema_editor):
    Throttle = apps.get_model("core", "Throttle")
    RateBucket = apps.get_model("reporting", "RateBucket")
    SignInThrottle = apps.get_model("accounts", "SignInThrottle")
    Throttle.objects.bulk_create(
        Throttle(key=row.key, window_started_at=row.window_started_at, count=row.count)
        for row in RateBucket.objects.iterator()
    )
    # Sign-in keys are 64-character keyed hashes; bucket keys start with a purpose
    # ("report:", "receipt:"...), so the two never collide.
    Throttle.objects.bulk_create(
        Throttle(key=row.key, window_started_at=row.window_started_at, count=row.failures)
        for row in SignInThrottle.objects.iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_organisation_safety_lead"),
        ("reporting", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Throttle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=64, unique=True)),
                ("window_started_at", models.DateTimeField()),
                ("count", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(copy_counters, migrations.RunPython.noop, elidable=True),
    ]
