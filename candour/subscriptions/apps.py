from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "candour.subscriptions"
    label = "subscriptions"
    verbose_name = "Subscriptions and digests"
