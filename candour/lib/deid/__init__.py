"""De-identification of social workers' free-text narratives.

    >>> from candour.lib.deid import Policy, deidentify
    >>> deidentify("Mum Kasia rang on 07700 900123 on 17 Jun 2015 at 14:35.").text
    'Mum [name] rang on [phone] on June 2015 at afternoon.'

Pure Python apart from the spaCy model, which loads on the first call that needs it.
"""

from candour.lib.deid.detection import detect, detect_many
from candour.lib.deid.policy import DEFAULT_ALLOW_LIST, DEFAULT_POLICY, Policy
from candour.lib.deid.redaction import DeidResult, deidentify, redact
from candour.lib.deid.spans import Kind, Span, merge_spans

__all__ = [
    "DEFAULT_ALLOW_LIST",
    "DEFAULT_POLICY",
    "DeidResult",
    "Kind",
    "Policy",
    "Span",
    "deidentify",
    "detect",
    "detect_many",
    "merge_spans",
    "redact",
]
