"""How far apart two spellings are, for words a slip of the keyboard changed (`SECERT`, `Couselor`)."""

from __future__ import annotations


def one_slip(a: str, b: str) -> bool:
    """`a` is `b` with one letter dropped, added or changed, or two neighbours swapped (read in one
    pass: it runs for many words of every cable)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        if a[start + 1:] == b[start + 1:]:
            return True  # one letter changed
        return (start + 1 < len(a) and a[start] == b[start + 1] and a[start + 1] == b[start]
                and a[start + 2:] == b[start + 2:])  # two neighbours swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1:] == shorter[start:]
