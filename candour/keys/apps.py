from django.apps import AppConfig


class KeysConfig(AppConfig):
    name = "candour.keys"
    label = "keys"
    verbose_name = "Encryption keys"
