from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "candour.ideas"
    label = "ideas"
    verbose_name = "Improvement ideas (kaizen)"

    def ready(self) -> None:
        from candour.core.hooks import provide_waiting
        from candour.ideas.effect import adopted_between
        from candour.ideas.home import waiting
        from candour.learning.changes import provide_changes

        provide_waiting("ideas", waiting)
        provide_changes("ideas", adopted_between)
