from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataKey(models.Model):
    """One record's data key, stored only wrapped by the key-encryption key.

    Destroying it (``wrapped = NULL``) makes everything sealed with it unreadable.
    """

    purpose = models.CharField(max_length=64)
    wrapped = models.BinaryField(null=True)
    kek_id = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data key")

    def __str__(self) -> str:
        return f"data key {self.pk} ({self.purpose})"

    @property
    def is_destroyed(self) -> bool:
        return self.wrapped is None
