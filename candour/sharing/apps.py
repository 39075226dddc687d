from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "candour.sharing"
    label = "sharing"
    verbose_name = "Child protection information sharing"
    default_auto_field = "django.db.models.BigAutoField"
