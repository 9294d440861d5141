"""Numbered and lettered list items inside running text ("1. … 2. …", "a) … b) …").

A marker such as "2." or "b)" starts a new item only when it continues a sequence in
the same style ("1." before "2.") or opens one that continues soon after; a lone
"16." at the end of a sentence is just a number.
"""

from __future__ import annotations

import re

# How far apart two items of one list may be, in characters.
LIST_WINDOW = 2000
# The second item of a list in each style: "2." / "2)" / "2.)" / "b." / "b)" / "b.)".
_SECOND_MARKER = {
    (style, numeric): re.compile(re.escape(("2" if numeric else "b") + style) + r"\s")
    for style in (".", ")", ".)")
    for numeric in (True, False)
}


def ordinal(token: str) -> int | None:
    """Position in a list for "1".."99" and "a".."z"; None for anything else."""
    if token.isdigit() and len(token) <= 2:
        return int(token)
    if len(token) == 1 and "a" <= token <= "z":
        return ord(token) - ord("a") + 1
    return None


class ListMarkers:
    """Remembers the last marker of each style seen in one text."""

    def __init__(self, text: str):
        self.text = text
        self._last: dict[tuple[str, bool], tuple[int, int]] = {}

    def starts_item(self, token: str, start: int, end: int, style: str, *, heads: bool) -> bool:
        """Whether marker ``token`` at ``start`` begins a list item.

        ``heads`` says the marker opens its sentence. Only such markers, and accepted
        items, are remembered: a number ending one sentence ("killed 16.") must not
        turn a later "17." into a list item.
        """
        number = ordinal(token)
        if number is None:
            return False
        key = (style, token.isdigit())
        previous = self._last.get(key)
        continues = (
            previous is not None and previous[0] == number - 1 and start - previous[1] < LIST_WINDOW
        )
        item = continues or (number == 1 and self._second_follows(key, end))
        if item or heads:
            self._last[key] = (number, start)
        return item

    def _second_follows(self, key: tuple[str, bool], end: int) -> bool:
        text = self.text
        for m in _SECOND_MARKER[key].finditer(text, end, end + LIST_WINDOW // 4):
            if text[m.start() - 1].isspace():
                return True
        return False
