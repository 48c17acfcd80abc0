"""What a publisher did to a cable (records.py: X003-X006) and what came with it above its own lines
(preamble.py)."""

from .preamble import MAIL_FIELD, may_hold_page_stamps, page_stamp, preamble_end
from .records import (REDACTION, cut_head, cut_short, find, lower_case_copy, release_decisions, release_stamp,
                      released, withheld)

__all__ = ["MAIL_FIELD", "REDACTION", "cut_head", "cut_short", "find", "lower_case_copy", "may_hold_page_stamps",
           "page_stamp", "preamble_end", "release_decisions", "release_stamp", "released", "withheld"]
