from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "candour.voice"
    label = "voice"
    verbose_name = "The voice of children, young people and families"

    def ready(self) -> None:
        from candour.core.hooks import provide_waiting
        from candour.voice.home import waiting

        provide_waiting("voice", waiting)
