"""FHIR R4 resources for an information-sharing answer (ADR 0025): plain JSON-ready dicts.

A current or recently ended plan is a `Flag` about the `Patient` named by NHS number,
authored by the social care team (a contained `Organization` with its phone, secure email
and out-of-hours number) that is part of the local authority (an `Organization` named by
ODS code where known). Earlier attendances in other settings are `Encounter`s. Identifiers
follow NHS England's systems; plan types are Candour's own code system, since CP-IS's
codes are not published for reuse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from candour.sharing.services import Answer, EarlierAttendance, Plan
from candour.sharing.vocabulary import LookupReason, PlanType

FHIR_VERSION = "4.0.1"
CONTENT_TYPE = "application/fhir+json; charset=utf-8"
NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"
FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category"
ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"

Json = dict[str, Any]


def canonical(path: str) -> str:
    """Candour's own definitions (plan types, the due-date extension) under its base URL."""
    return f"{settings.CANDOUR_BASE_URL.rstrip('/')}/api/fhir/R4/{path}"


def plan_type_system() -> str:
    return canonical("CodeSystem/cpis-plan-type")


def due_date_extension() -> str:
    return canonical("StructureDefinition/expected-due-date")


def _patient(nhs_number: str) -> Json:
    return {"type": "Patient", "identifier": {"system": NHS_NUMBER_SYSTEM, "value": nhs_number}}


def _organisation_reference(name: str, ods: str) -> Json:
    reference: Json = {"type": "Organization", "display": name}
    if ods:
        reference["identifier"] = {"system": ODS_SYSTEM, "value": ods}
    return reference


def _team(plan: Plan) -> Json:
    telecom: list[Json] = [{"system": "phone", "value": plan.team_phone, "use": "work", "rank": 1}]
    if plan.team_email:
        telecom.append({"system": "email", "value": plan.team_email, "use": "work"})
    team: Json = {
        "resourceType": "Organization",
        "id": "team",
        "name": plan.team_name,
        "telecom": telecom,
        "partOf": _organisation_reference(plan.authority, plan.authority_ods),
    }
    if plan.out_of_hours_phone:
        team["contact"] = [
            {
                "purpose": {"text": "Out of hours (duty)"},
                "telecom": [{"system": "phone", "value": plan.out_of_hours_phone}],
            }
        ]
    return team


def flag(plan: Plan, nhs_number: str, index: int) -> Json:
    period: Json = {"start": plan.start_date.isoformat()}
    if plan.ended and plan.end_date is not None:
        period["end"] = plan.end_date.isoformat()
    resource: Json = {
        "resourceType": "Flag",
        "id": f"plan-{index}",
        "contained": [_team(plan)],
        "status": "inactive" if plan.ended else "active",
        "category": [
            {"coding": [{"system": FLAG_CATEGORY_SYSTEM, "code": "safety", "display": "Safety"}]}
        ],
        "code": {
            "coding": [
                {
                    "system": plan_type_system(),
                    "code": plan.plan_type,
                    "display": str(PlanType(plan.plan_type).label),
                }
            ],
            "text": str(PlanType(plan.plan_type).label),
        },
        "subject": _patient(nhs_number),
        "period": period,
        "author": {"reference": "#team", "type": "Organization", "display": plan.team_name},
    }
    if plan.unborn and plan.expected_due_date is not None:
        resource["extension"] = [
            {"url": due_date_extension(), "valueDate": plan.expected_due_date.isoformat()}
        ]
    return resource


def encounter(attendance: EarlierAttendance, nhs_number: str, index: int) -> Json:
    return {
        "resourceType": "Encounter",
        "id": f"attendance-{index}",
        "status": "finished",
        "class": {"system": ACT_CODE_SYSTEM, "code": "EMER", "display": "emergency"},
        "subject": _patient(nhs_number),
        "period": {"start": attendance.attended_on.isoformat()},
        "serviceProvider": _organisation_reference(attendance.setting_name, attendance.setting_ods),
    }


def outcome(severity: str, code: str, text: str) -> Json:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": text}],
    }


def search_bundle(answer: Answer, nhs_number: str, now: dt.datetime) -> Json:
    """The answer as a searchset: current plans first, then ended ones, then attendances."""
    entries: list[Json] = []
    plans = [*answer.plans, *answer.ended_plans]
    for index, plan in enumerate(plans, start=1):
        entries.append({"resource": flag(plan, nhs_number, index), "search": {"mode": "match"}})
    for index, attendance in enumerate(answer.attendances, start=1):
        entries.append(
            {"resource": encounter(attendance, nhs_number, index), "search": {"mode": "include"}}
        )
    if answer.superseded_number:
        entries.append(
            {
                "resource": outcome(
                    "warning",
                    "informational",
                    "This NHS number has been superseded: check the child's current NHS number.",
                ),
                "search": {"mode": "outcome"},
            }
        )
    if answer.inactive_number:
        entries.append(
            {
                "resource": outcome(
                    "warning",
                    "informational",
                    "The flagging local authority's records say this NHS number is no longer "
                    "active: check the child's current NHS number.",
                ),
                "search": {"mode": "outcome"},
            }
        )
    bundle: Json = {
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": now.isoformat(),
        "total": len(plans),
    }
    if entries:  # FHIR JSON has no empty arrays
        bundle["entry"] = entries
    return bundle


def capability_statement(date: dt.date) -> Json:
    reasons = ", ".join(f"`{value}`" for value in LookupReason.values)
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": date.isoformat(),
        "publisher": "Candour",
        "kind": "instance",
        "name": "CandourInformationSharing",
        "title": "Candour child protection information sharing (FHIR R4)",
        "description": (
            "Unscheduled-care settings ask whether a child is on a child protection plan, "
            "looked after, or (on the expectant mother's NHS number) on an unborn child "
            "protection plan. The answer is the same minimal answer as the JSON API, as "
            "Flag resources, with the child's attendances in other settings in the last "
            "12 months as Encounters. Every lookup is audited, refused ones too, and the "
            "child's social care team is told of the attendance."
        ),
        "implementation": {
            "description": "Candour FHIR R4 endpoint",
            "url": canonical(""),
        },
        "fhirVersion": FHIR_VERSION,
        "format": ["application/fhir+json"],
        "rest": [
            {
                "mode": "server",
                "documentation": (
                    "Search by POST only (`POST Flag/_search`, form-encoded), so that the NHS "
                    "number never appears in a URL or an access log. 30 lookups a minute "
                    "per key; 429 with Retry-After beyond that."
                ),
                "security": {
                    "description": (
                        "Send the setting's key as `Authorization: Bearer cpis_...`; keys are "
                        "issued by the setting's managers at /sharing/keys/. A missing, wrong "
                        "or revoked key is refused with 401."
                    )
                },
                "resource": [
                    {
                        "type": "Flag",
                        "interaction": [
                            {
                                "code": "search-type",
                                "documentation": "POST [base]/Flag/_search only.",
                            }
                        ],
                        "searchParam": [
                            {
                                "name": "patient:identifier",
                                "type": "token",
                                "documentation": (
                                    f"Required: `{NHS_NUMBER_SYSTEM}|<NHS number>` (the "
                                    "system may be left out). A number with a wrong check "
                                    "digit is refused with 400."
                                ),
                            },
                            {
                                "name": "requester",
                                "type": "string",
                                "documentation": (
                                    "Required: the name or staff identifier of the clinician "
                                    "asking (1-100 characters): the key says only which "
                                    "system asked."
                                ),
                            },
                            {
                                "name": "reason",
                                "type": "token",
                                "documentation": f"Required: one of {reasons}.",
                            },
                            {
                                "name": "reason-other",
                                "type": "string",
                                "documentation": "Required when reason is `other`.",
                            },
                        ],
                    }
                ],
            }
        ],
    }
