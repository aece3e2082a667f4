"""Vote counting for participatory budgeting: pure Python + numpy, no Django.

Use `tally(election, rule)`; read and write ballot files with `read_pabulib` / `write_pabulib`.
"""

from .election import APPROVAL, CUMULATIVE, ORDINAL, Ballot, Election, Project
from .explain import TIE_BREAK_RULE_TEXT, Explanation
from .pabulib import PabulibFormatError, PabulibRepeatWarning, pabulib_text, parse_pabulib, read_pabulib, write_pabulib
from .result import TallyResult
from .rules import DEFAULT_RULE, RULE_DESCRIPTIONS, RULES, tally

__all__ = [
    "APPROVAL",
    "CUMULATIVE",
    "DEFAULT_RULE",
    "ORDINAL",
    "RULES",
    "RULE_DESCRIPTIONS",
    "TIE_BREAK_RULE_TEXT",
    "Ballot",
    "Election",
    "Explanation",
    "PabulibFormatError",
    "PabulibRepeatWarning",
    "Project",
    "TallyResult",
    "pabulib_text",
    "parse_pabulib",
    "read_pabulib",
    "tally",
    "write_pabulib",
]
