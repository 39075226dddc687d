from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "candour.notifications"
    label = "notifications"
    verbose_name = "Notifications"
