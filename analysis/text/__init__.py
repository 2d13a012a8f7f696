"""The words of a text: tokens, sentences, quotations and the word lists, shared by the rules and the learned model.

This floor sits below :mod:`analysis.extract` (the rules, and where rules and
model merge) and :mod:`analysis.models` (the learned model), so that both read
a text the same way and neither imports the other's package to do so.

Public API: :func:`parse` and :class:`Doc` (an article cut into tokens and
sentences, :mod:`analysis.text.tokens`), :func:`load_lexicons`,
:class:`Lexicons` and :func:`read_word_list` (the lists in ``data/lexicons``,
:mod:`analysis.text.lexicons`), and the function words a cue skips
(:mod:`analysis.text.words`).
"""

from analysis.text.lexicons import Lexicons, load_lexicons, read_word_list
from analysis.text.tokens import Doc, parse

__all__ = ["Doc", "Lexicons", "load_lexicons", "parse", "read_word_list"]
