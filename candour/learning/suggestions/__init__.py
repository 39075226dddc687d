"""Code suggestions learned from analysts' own past coding, whatever the taxonomy.

    >>> suggester = Suggester.train([], rules={"fatigue": ["tired", "exhaust*"]})
    >>> suggester.suggest("The social worker was exhausted after a double shift.")
    [Suggestion(code='fatigue', score=0.5, source=<Source.RULES: 'rules'>, \
evidence_terms=('exhausted',), similar_ids=())]

Train with ``Example``s (past reports and their codes) and ``Decision``s (analysts'
verdicts on suggestions); store with ``to_bytes`` and ``Suggester.from_bytes``.
Pure Python (scikit-learn, NumPy, SciPy): no Django, no database. Codes are opaque strings.
"""

from candour.learning.suggestions.examples import Decision, Example
from candour.learning.suggestions.rules import KeywordRules
from candour.learning.suggestions.settings import Settings
from candour.learning.suggestions.suggester import Suggester
from candour.learning.suggestions.suggestion import Source, Suggestion

__all__ = [
    "Decision",
    "Example",
    "KeywordRules",
    "Settings",
    "Source",
    "Suggester",
    "Suggestion",
]
