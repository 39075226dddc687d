from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "candour.voice"
    label = "voice"
    verbose_name = "The voice of children, young people and families"
