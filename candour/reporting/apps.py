from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "candour.reporting"
    label = "reporting"
    verbose_name = "Confidential reporting"

    def ready(self) -> None:
        from candour.core.hooks import provide_report_counts, provide_waiting
        from candour.reporting.home import report_counts, waiting

        provide_report_counts(report_counts)
        provide_waiting("reporting", waiting)
