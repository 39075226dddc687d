from django.db import migrations


class Migration(migrations.Migration):
    """Sign-in counters moved to core.Throttle (core 0004 copied the rows)."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("core", "0004_throttle"),
    ]

    operations = [migrations.DeleteModel(name="SignInThrottle")]
