from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "candour.api"
    label = "api"
    verbose_name = "JSON API and personal API tokens"
