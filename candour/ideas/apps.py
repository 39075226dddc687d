from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "candour.ideas"
    label = "ideas"
    verbose_name = "Improvement ideas (kaizen)"

    def ready(self) -> None:
        from candour.core.hooks import provide_waiting
        from candour.ideas.home import waiting

        provide_waiting("ideas", waiting)
