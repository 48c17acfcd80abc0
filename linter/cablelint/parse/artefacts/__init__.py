"""What a publisher did to a cable (records.py: X003-X006) and what came with it above its own lines
(preamble.py)."""

from .preamble import MAIL_FIELD, preamble_end
from .records import REDACTION, WITHHELD, find, lower_case_copy

__all__ = ["MAIL_FIELD", "REDACTION", "WITHHELD", "find", "lower_case_copy", "preamble_end"]
