"""Themes for children's and families' feedback, learned from staff's own theming.

    >>> model = ThemeModel.train([], rules=default_theme_set().rules)
    >>> [t.theme for t in model.read("Nobody listens to me and I never see my mum").themes]
    ['family-contact', 'listened-to']

Train with ``LabelledComment``s (any label scheme; a sentiment on any numeric scale) and
staff's ``ThemeVerdict``s; store with ``to_bytes`` and ``ThemeModel.from_bytes``. Builds
on ``candour.lib.text.classifier`` (ADR 0007) and the static embedding model of
``candour.lib.text.embedding``; see ADR 0013. Pure Python: no Django, no database.
Theming is not the safety route: a comment saying a child is unsafe now must reach the
duty team before, and whatever, theming says.
"""

from candour.lib.feedback_themes.comments import (
    LabelledComment,
    Reading,
    SentimentEstimate,
    ThemeScore,
    ThemeVerdict,
)
from candour.lib.feedback_themes.model import ThemeModel
from candour.lib.feedback_themes.settings import ThemeSettings
from candour.lib.feedback_themes.theme_set import ThemeDefinition, ThemeSet, default_theme_set
from candour.lib.text.classifier import Source

__all__ = [
    "LabelledComment",
    "Reading",
    "SentimentEstimate",
    "Source",
    "ThemeDefinition",
    "ThemeModel",
    "ThemeScore",
    "ThemeSet",
    "ThemeSettings",
    "ThemeVerdict",
    "default_theme_set",
]
