"""Code suggestions learned from analysts' own past coding, whatever the taxonomy.

    >>> suggester = Suggester.train([], rules={"fatigue": ["tired", "exhaust*"]})
    >>> suggester.suggest("The social worker was exhausted after a double shift.")
    [Suggestion(code='fatigue', score=0.5, source=<Source.RULES: 'rules'>, \
evidence_terms=('exhausted',), similar_ids=())]

Train with ``Example``s (past reports and their codes) and ``Decision``s (analysts'
verdicts on suggestions); store with ``to_bytes`` and ``Suggester.from_bytes``.
Pure Python (scikit-learn, NumPy, SciPy): no Django, no database. Codes are opaque strings.
"""

from candour.lib.text.classifier.examples import Decision, Example
from candour.lib.text.classifier.rules import KeywordRules
from candour.lib.text.classifier.settings import Settings
from candour.lib.text.classifier.suggester import Suggester
from candour.lib.text.classifier.suggestion import Source, Suggestion

__all__ = [
    "Decision",
    "Example",
    "KeywordRules",
    "Settings",
    "Source",
    "Suggester",
    "Suggestion",
]
