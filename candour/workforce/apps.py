from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "candour.workforce"
    label = "workforce"
    verbose_name = "Organisational health"

    def ready(self) -> None:
        from candour.learning.changes import provide_stream
        from candour.workforce.effect import workforce_stream

        provide_stream("workforce", workforce_stream)
