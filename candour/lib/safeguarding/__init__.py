"""Safeguarding disclosures in children's and families' feedback, found on submission.

    >>> from candour.lib.safeguarding import detect
    >>> a = detect("im scard of my stepdad hes here")
    >>> a.concern, [c.value for c in a.categories], a.urgency.value
    (True, ['feeling_unsafe_at_home'], 'now')
    >>> [p.text for p in a.matched]
    ['scard of my stepdad']

Two independent layers; a text is a concern if either flags it (issue 15, ADR 0012):
the phrase patterns below, and a learned layer (learned.py: a small linear classifier over
words, character n-grams and the static embedding, weights shipped as data) that reads
each sentence for meaning. When it flags, the duty worker is shown the part and the
nearest disclosure in a versioned bank (exemplars.py, semantic.py). The assessment says
which layer raised it and why (`layers`, `matched`, `similar`).

Recall first. A false alarm costs a duty worker a minute; a missed disclosure can cost a
child. So the detector is a curated list of phrase patterns (patterns.py, versioned data)
written to catch how children actually write: misspellings ("scard", "touchs"), text
speak ("im", "wanna", "kms"), no capitals or punctuation, dictated four-word sentences.
Negation does not cancel a concern ("i'm not safe" is one; "I don't want to kill myself"
still alerts); only a short, explicit list of reassurances and idioms does ("I never
felt unsafe", "killed myself laughing", "beats me at fifa"). Spans point at the words
that triggered, for the duty worker, and urgency is "now" when the text also says the
danger is now or within the last day (tonight, right now, he's here, going to kill
myself). The patterns are pure Python and linear in the length of the text (matcher.py
explains the bound); with the learned layer, about 0.4 ms a text on one core, offline.

What it cannot do:
- Understand. The patterns match words; the learned layer generalises only a little
  beyond its training sentences: measured on disclosures we wrote, both together still
  miss about a quarter of them (a third of those in new words), and stories, hints or
  another language are missed. Every feedback item is also read by a person within a set
  time (ADR 0012); this detector only makes the urgent ones jump the queue.
- Tell jokes from intent: "my mum is going to kill me for losing my coat" and "kms this
  homework" alert, by design. A past harm ("he used to hit me") alerts too, but only a
  cue of time or of a present state makes it "now".
- Know who is speaking. An adult patient's "I felt suicidal" and a child's are treated
  the same; the categories are a hint for the duty worker, not a finding.
"""

from candour.lib.safeguarding.detector import Assessment, Category, Layer, Phrase, Urgency, detect
from candour.lib.safeguarding.patterns import VERSION as PATTERNS_VERSION

__all__ = ["PATTERNS_VERSION", "Assessment", "Category", "Layer", "Phrase", "Urgency", "detect"]
