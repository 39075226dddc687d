from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "candour.core"
    label = "core"
    verbose_name = "Organisations and teams"
