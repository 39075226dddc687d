from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "candour.voice"
    label = "voice"
    verbose_name = "The voice of children, young people and families"

    def ready(self) -> None:
        from candour.core.hooks import provide_waiting
        from candour.learning.changes import provide_stream
        from candour.voice.effect import rating_stream
        from candour.voice.home import waiting

        provide_waiting("voice", waiting)
        provide_stream("voice", rating_stream)
