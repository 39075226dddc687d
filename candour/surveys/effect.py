"""Did the change work for staff? Safety culture survey scores before and after (issue 23).

The stream for a change (``learning/changes.py``, ADR 0032): the people's scale scores
(0 to 100, METRICS.md "Survey scoring") of the change's team, or of the whole organisation
when the change has no team, in the last closed wave that closed before the change and in
the closed waves that opened after it. Three scales: psychological safety and speaking up
(higher is better) and work-related burnout (CBI, lower is better). Judged by Welch's
difference of means over people, needing 5 people either side (the survey's own rule that
no figure is about fewer than 5 people); 10 points either way is the smallest change that
counts. How many people answered is never said, only whether there were enough.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _t

from candour.learning.changes import Change, StreamEffect, said_difference
from candour.lib.statistics.change_effect import Better, mean_difference
from candour.lib.statistics.suppression import SMALLEST_GROUP
from candour.surveys.items import item_set
from candour.surveys.models import Wave
from candour.surveys.results.figures import responses_by_team
from candour.surveys.results.scoring import person_scale_score

MATERIAL = 10.0
# (composite key, better): the safety culture scales a change is judged on.
SCALES = (
    ("psychological_safety", Better.UP),
    ("speaking_up", Better.UP),
    ("cbi_work", Better.DOWN),
)


def _scores(waves: list[Wave], team_id: int | None, composite: str) -> list[float]:
    found: list[float] = []
    for wave in waves:
        questions = item_set(wave.item_version)
        members = [
            questions.item(key)
            for spec in questions.composites
            if spec.key == composite
            for key in spec.items
        ]
        grouped = responses_by_team(wave)
        people = (
            grouped.get(team_id, [])
            if team_id is not None
            else [answers for group in grouped.values() for answers in group]
        )
        found += [
            score
            for score in (person_scale_score(answers, members) for answers in people)
            if score is not None
        ]
    return found


def survey_stream(change: Change, today: date | None) -> list[StreamEffect]:
    """The change's survey scales, judged; empty when no wave has closed either side."""
    changed = timezone.localtime(change.changed_at).date()
    closed = Wave.objects.filter(organisation_id=change.organisation_id).closed()
    if change.team_id is not None:
        closed = closed.filter(wave_teams__team_id=change.team_id)
    before_wave = closed.filter(closes_on__lt=changed).order_by("-closes_on", "-pk").first()
    after_waves = list(closed.filter(opens_on__gt=changed).order_by("opens_on", "pk"))
    if before_wave is None and not after_waves:
        return []
    before_waves = [before_wave] if before_wave is not None else []
    unit = _t("the team") if change.team_id is not None else _t("the organisation")
    titles = {
        "before": before_wave.title if before_wave else _t("none"),
        "after": ", ".join(wave.title for wave in after_waves) or _t("none yet"),
        "smallest": SMALLEST_GROUP,
    }
    effects = []
    for key, better in SCALES:
        questions = item_set((before_waves or after_waves)[0].item_version)
        title = next(spec.title for spec in questions.composites if spec.key == key)
        effect = mean_difference(
            _scores(before_waves, change.team_id, key),
            _scores(after_waves, change.team_id, key),
            better=better,
            material=MATERIAL,
            min_values=SMALLEST_GROUP,
        )
        effects.append(
            said_difference(
                _t("Survey: %(scale)s in %(unit)s") % {"scale": title, "unit": unit},
                effect,
                measure=_t("The average score"),
                unit="",
                decimals=0,
                material=_t("10 points out of 100"),
                too_few=(
                    _t(
                        "Fewer than %(smallest)s people answered in the wave before the change "
                        "or in the waves since, so no score is shown."
                    )
                    % titles
                    if before_wave is not None
                    else _t(
                        "No survey wave closed before the change: there is nothing to compare with."
                    )
                ),
                too_soon=_t("No survey wave has closed since the change."),
                method=_t(
                    "Compared as people's scores out of 100 in the last wave before the change "
                    "(%(before)s) and the waves since (%(after)s), by Welch's difference of "
                    "means; with fewer than %(smallest)s people either side nothing is said."
                )
                % titles,
            )
        )
    return effects
