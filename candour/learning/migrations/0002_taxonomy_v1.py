"""Load version 1 of Candour's taxonomy from candour/learning/taxonomy_data/v1.json."""

from django.db import migrations


def load(apps, schema_editor):
    from candour.learning.coding.taxonomy_services import apply_version, read_version

    apply_version(
        read_version(1),
        taxonomy_version_model=apps.get_model("learning", "TaxonomyVersion"),
        code_model=apps.get_model("learning", "Code"),
    )


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
