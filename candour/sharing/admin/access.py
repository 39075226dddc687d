"""Reads for registering settings (the hub's administrators) and their keys (the setting's
managers and administrators)."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.core.models import Organisation, OrganisationKind
from candour.sharing import services
from candour.sharing.models import OdsCode, SettingKey, SharingSetting


def require_registrar(user: User) -> None:
    if not services.may_register_settings(user):
        raise Http404


def registrable_organisations() -> list[Organisation]:
    return list(Organisation.objects.exclude(kind=OrganisationKind.NATIONAL_HUB).order_by("name"))


def all_settings() -> list[SharingSetting]:
    return list(
        SharingSetting.objects.select_related("organisation").order_by("organisation__name")
    )


def keyed_setting(user: User) -> SharingSetting:
    """The active setting whose keys this person may manage."""
    for setting in SharingSetting.objects.visible_to(user).select_related("organisation"):
        if services.may_manage_keys(user, setting):
            return setting
    raise Http404


def keys_of(setting: SharingSetting) -> list[SettingKey]:
    return list(SettingKey.objects.filter(setting=setting).order_by("-created_at"))


def key_of(setting: SharingSetting, pk: int) -> SettingKey:
    key = SettingKey.objects.filter(setting=setting, pk=pk).select_related("setting").first()
    if key is None:
        raise Http404
    return key


def ods_codes() -> list[OdsCode]:
    """Organisations' ODS codes, which FHIR answers use to name them (ADR 0025)."""
    return list(OdsCode.objects.select_related("organisation").order_by("organisation__name"))
