from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "candour.surveys"
    label = "surveys"
    verbose_name = "Safety culture and wellbeing survey"

    def ready(self) -> None:
        from candour.learning.changes import provide_stream
        from candour.surveys.effect import survey_stream

        provide_stream("surveys", survey_stream)
