from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "candour.learning"
    label = "learning"
    verbose_name = "Learning from reports"

    def ready(self) -> None:
        from candour.core.hooks import provide_waiting
        from candour.learning.home import waiting

        provide_waiting("learning", waiting)
