"""The Classified By statement of a cable: `statement.py` chooses it among the places one starts
and takes its lines, `text.py` reads its text (words cut by the wrap joined, the label, the
reasons), `names.py` and `titles.py` tell the person from the position."""

from .statement import (PARAGRAPH_ONE_RUN_ON, block_lines, classified_by, derived_from, in_first_paragraph,
                        inside_a_line, read, statement_at)

__all__ = ["PARAGRAPH_ONE_RUN_ON", "block_lines", "classified_by", "derived_from", "in_first_paragraph",
           "inside_a_line", "read", "statement_at"]
