"""The DfE files Candour reads, and the name Candour gives each published column.

Where a DfE figure matches a workforce or demand import measure it takes the same name
(referrals, s47, icpc, cp_plans_started, cin), so a council's own counts sit beside it.
The older CSWW headline file's columns take the names of the newer indicators file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Dataset:
    key: str
    filename: str
    title: str
    # Each year's figures are for the year to this month and day (CSWW: 30 September).
    year_end_month: int
    year_end_day: int
    measures: Mapping[str, str]  # published column -> Candour's measure name

    def matches(self, path: Path) -> bool:
        return path.name == self.filename


# Columns every file shares: when, where, and (in the children in need files) a category.
GEOGRAPHY_COLUMNS = frozenset(
    {
        "time_period",
        "time_identifier",
        "geographic_level",
        "country_code",
        "country_name",
        "region_code",
        "region_name",
        "old_la_code",
        "new_la_code",
        "la_name",
        "category",
    }
)

_CSWW_INDICATORS = (
    "inpost_fte",
    "inpost_headcount",
    "starters_fte",
    "starters_headcount",
    "leavers_fte",
    "leavers_headcount",
    "turnover_rate_fte",
    "turnover_rate_headcount",
    "agency_fte",
    "agency_headcount",
    "agency_rate_fte",
    "agency_rate_headcount",
    "agency_cover_fte",
    "agency_cover_rate_fte",
    "vacancy_fte",
    "vacancy_rate_fte",
    "vacancy_agency_cover_rate_fte",
    "case_holders_fte",
    "cases",
    "caseload_fte",
    "working_days_lost_fte",
    "absence_rate_fte",
)

_C3_FACTORS = (
    "Alcohol_Misuse_child",
    "Alcohol_Misuse_parent",
    "Alcohol_Misuse_person",
    "Drug_Misuse_child",
    "Drug_Misuse_parent",
    "Drug_Misuse_person",
    "Domestic_Abuse_child",
    "Domestic_Abuse_parent",
    "Domestic_Abuse_person",
    "Mental_Health_child",
    "Mental_Health_parent",
    "Mental_Health_person",
    "Learning_Disability_child",
    "Learning_Disability_parent",
    "Learning_Disability_person",
    "Physical_Disability_child",
    "Physical_Disability_parent",
    "Physical_Disability_person",
    "Young_Carer",
    "Privately_fostered",
    "Unaccompanied_asylum_seeker",
    "Going_missing",
    "Child_sexual_exploitation",
    "Trafficking",
    "Gangs",
    "Socially_unacceptable_behaviour",
    "Self_harm",
    "Neglect",
    "Emotional_Abuse",
    "Physical_Abuse_unknown",
    "Physical_Abuse_child_on_child",
    "Physical_Abuse_adult_on_child",
    "Sexual_Abuse_unknown",
    "Sexual_Abuse_child_on_child",
    "Sexual_Abuse_adult_on_child",
    "Female_Genital_Mutilation",
    "Faith_linked_abuse",
    "Child_criminal_exploitation",
    "Other",
)

CSWW_INDICATORS = Dataset(
    key="csww_indicators",
    filename="csww_indicators_2017_to_2025.csv",
    title="Children's social work workforce: indicators, 2017 to 2025",
    year_end_month=9,
    year_end_day=30,
    measures={column: column for column in _CSWW_INDICATORS},
)

CSWW_HEADLINE = Dataset(
    key="csww_headline",
    filename="csww_headline_measures_2017_to_2022.csv",
    title="Children's social work workforce: headline measures, 2017 to 2022 (older release)",
    year_end_month=9,
    year_end_day=30,
    measures={
        "social_worker_fte": "inpost_fte",
        "leaver_fte": "leavers_fte",
        "turnover_rate_fte_%": "turnover_rate_fte",
        "working_days_lost_fte": "working_days_lost_fte",
        "absence_rate_fte_%": "absence_rate_fte",
        "agency_fte": "agency_fte",
        "agency_worker_rate_fte_%": "agency_rate_fte",
        "agency_cover_fte": "agency_cover_fte",
        "agency_cover_rate_fte_%": "agency_cover_rate_fte",
        "vacancy_fte": "vacancy_fte",
        "vacancy_rate_fte_%": "vacancy_rate_fte",
        "vacancy_agency_cover_rate_fte_%": "vacancy_agency_cover_rate_fte",
        "case_holders_fte": "case_holders_fte",
        "cases": "cases",
        "caseload_fte": "caseload_fte",
        "social_worker_headcount": "inpost_headcount",
        "leaver_headcount": "leavers_headcount",
        "turnover_rate_headcount_%": "turnover_rate_headcount",
        "agency_headcount": "agency_headcount",
        "agency_worker_rate_headcount_%": "agency_rate_headcount",
    },
)

CHILDREN_IN_NEED = Dataset(
    key="cin",
    filename="b1_children_in_need_2013_to_2025.csv",
    title="Children in need: episodes and children, 2013 to 2025",
    year_end_month=3,
    year_end_day=31,
    measures={
        "Anypoint_episodes": "cin_episodes_in_year",
        "Anypoint_child": "cin_children_in_year",
        "Started_episodes": "cin_episodes_started",
        "Started_child": "cin_children_started",
        "Ended_episodes": "cin_episodes_ended",
        "Ended_child": "cin_children_ended",
        "At31_episodes": "cin",
        "awaiting_assessment": "cin_awaiting_assessment",
    },
)

REFERRALS = Dataset(
    key="referrals",
    filename="c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    title="Referrals and re-referrals, 2013 to 2025",
    year_end_month=3,
    year_end_day=31,
    measures={
        "referral_count": "referrals",
        "rereferral_count": "rereferrals",
        "rereferral_percent": "rereferral_rate",
        "no_further_action_count": "referrals_no_further_action",
        "no_further_action_percent": "referrals_no_further_action_rate",
        "not_in_need_count": "referrals_assessed_not_in_need",
        "not_in_need_percent": "referrals_assessed_not_in_need_rate",
        "referral_child_count": "referrals_children",
        "rereferral_child_count": "rereferrals_children",
        "rereferral_child_percent": "rereferrals_children_rate",
    },
)

ASSESSMENT_FACTORS = Dataset(
    key="assessment_factors",
    filename="c3_factors_identified_at_end_of_assessment_2018_to_2025.csv",
    title="Factors identified at the end of assessment, 2018 to 2025",
    year_end_month=3,
    year_end_day=31,
    measures={
        "Episodes_with_assessment_factor": "assessments_with_factors",
        **{column: f"factor_{column.casefold()}" for column in _C3_FACTORS},
    },
)

SECTION_47 = Dataset(
    key="s47_icpc",
    filename="c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    title="Section 47 enquiries and initial child protection conferences, 2013 to 2025",
    year_end_month=3,
    year_end_day=31,
    measures={
        "Section47": "s47",
        "Section47_child": "s47_children",
        "ICPC": "icpc",
        "ICPC_child": "icpc_children",
        # Working days from the strategy discussion to the conference (due within 15).
        "Duration_0-10_days": "icpc_within_0_10_days",
        "Duration_11-15_days": "icpc_within_11_15_days",
        "Duration_16-20_days": "icpc_within_16_20_days",
        "Duration_21+_days": "icpc_after_21_days_or_more",
        "Duration_25th_Percentile": "icpc_days_25th_percentile",
        "Duration_median": "icpc_days_median",
        "Duration_75th_Percentile": "icpc_days_75th_percentile",
    },
)

PLANS_STARTED = Dataset(
    key="cp_plans_started",
    filename="d3_cpps_subsequent_plan_2013_to_2025.csv",
    title="Child protection plans started, and second or subsequent plans, 2013 to 2025",
    year_end_month=3,
    year_end_day=31,
    measures={
        "CPP_start": "cp_plans_started",
        "CPP_subsequent": "cp_plans_subsequent",
        "CPP_subsequent_percent": "cp_plans_subsequent_rate",
    },
)

PLANS_BY_DURATION = Dataset(
    key="cp_plans_by_duration",
    filename="d5_cpps_at31march_by_duration_2013_to_2025.csv",
    title="Child protection plans at 31 March by length of time, 2013 to 2025",
    year_end_month=3,
    year_end_day=31,
    measures={
        "CPP_At31": "cp_plans_at_31_march",
        "3_months_or_less": "cp_plans_3_months_or_less",
        "3_months_or_less_percent": "cp_plans_3_months_or_less_rate",
        "more_than_3_months_6_months": "cp_plans_3_to_6_months",
        "more_than_3_months_6_months_percent": "cp_plans_3_to_6_months_rate",
        "more_than_6_months_less_than_1_year": "cp_plans_6_to_12_months",
        "more_than_6_months_less_than_1_year_percent": "cp_plans_6_to_12_months_rate",
        "1_year_less_than_2_years": "cp_plans_1_to_2_years",
        "1_year_less_than_2_years_percent": "cp_plans_1_to_2_years_rate",
        "2_years_or_more": "cp_plans_2_years_or_more",
        "2_years_or_more_percent": "cp_plans_2_years_or_more_rate",
    },
)

# Not the DfE's: the ONS mid-year estimate of children aged 0 to 17, which the DfE's own
# rates per 10,000 children divide by. The shared data holds no population, so an
# operator who wants rates adds this file beside the DfE's, in the same layout (the
# geography columns above, one row per area and mid-year, England and regions included;
# docs/imports.md shows how to make it from the ONS's MYE2 table).
CHILD_POPULATION = Dataset(
    key="child_population",
    filename="child_population_0_17.csv",
    title="Children aged 0 to 17, ONS mid-year population estimates",
    year_end_month=6,
    year_end_day=30,
    measures={"population_0_17": "children_0_17"},
)

DATASETS: tuple[Dataset, ...] = (
    CSWW_INDICATORS,
    CSWW_HEADLINE,
    CHILDREN_IN_NEED,
    REFERRALS,
    ASSESSMENT_FACTORS,
    SECTION_47,
    PLANS_STARTED,
    PLANS_BY_DURATION,
    CHILD_POPULATION,
)


def dataset_for(path: Path) -> Dataset | None:
    """The dataset a file holds, known by its published file name."""
    return next((dataset for dataset in DATASETS if dataset.matches(path)), None)
