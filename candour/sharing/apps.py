from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "candour.sharing"
    label = "sharing"
    verbose_name = "Child protection information sharing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from candour.core.hooks import provide_shares_information, provide_waiting
        from candour.sharing.home import shares_information, waiting

        provide_shares_information(shares_information)
        provide_waiting("sharing", waiting)
