from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "candour.reporting"
    label = "reporting"
    verbose_name = "Confidential reporting"
