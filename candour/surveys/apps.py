from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "candour.surveys"
    label = "surveys"
    verbose_name = "Safety culture and wellbeing survey"
