from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "candour.ideas"
    label = "ideas"
    verbose_name = "Improvement ideas (kaizen)"
