from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "candour.workforce"
    label = "workforce"
    verbose_name = "Organisational health"
