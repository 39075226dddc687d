from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "candour.audit"
    label = "audit"
    verbose_name = "Audit trail"
