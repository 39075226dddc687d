from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "candour.accounts"
    label = "accounts"
    verbose_name = "People and roles"
