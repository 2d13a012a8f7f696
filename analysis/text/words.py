"""Function words and limits that the content rules and the learned model read alike.

The rules (:mod:`analysis.extract`) and the model (:mod:`analysis.models`)
step over the same words between a source and its cue ("has also said") and
between a cue and its content ("said on Sunday that"), and cut reported
clauses the same way; stating them once here keeps the two in step.

>>> _last_of([",", "a", ",", "b"], _COMMA, 0, 3)
2
"""

from __future__ import annotations

# Words between a source and its verb that do not end the source.
SKIP_BEFORE_VERB = frozenset(
    "has have had also will would could may might can later earlier previously "
    "recently repeatedly again then once further publicly privately reportedly "
    "separately yesterday today already first last".split()
)
# Words after a verb that come before its content ("said on Sunday that").
SKIP_AFTER_VERB = frozenset(
    "that yesterday today tonight earlier later also on in at monday tuesday wednesday "
    "thursday friday saturday sunday this last week month morning evening afternoon night "
    "a an the statement interview briefing conference press news separate".split()
)
#: Marks that end a sentence.
SENTENCE_END = frozenset(".!?")
#: A reported clause is never longer than this many tokens (bounds the cost per cue).
MAX_CLAUSE = 400
_COMMA = frozenset(",")


def _last_of(words: list[str], targets: frozenset[str], j: int, end: int) -> int:
    """The last token ``t`` in ``j < t <= end`` that is one of ``targets``, else -1."""
    for t in range(end, j, -1):
        if words[t] in targets:
            return t
    return -1
