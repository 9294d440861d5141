"""Word lists for reading figures in context, kept apart from the rules that use them."""

from __future__ import annotations


def _words(spaced: str) -> frozenset[str]:
    """A set of the whitespace-separated words in ``spaced``."""
    return frozenset(spaced.split())


# Words after a length that say what was measured, not what the length describes.
MEASURE_WORDS = _words(
    """long wide high deep tall thick away off offshore inland across north south east west
    northeast northwest southeast southwest further farther short apart behind ahead deeper
    higher"""
)
# Nouns after "a 10-year" that make the compound a term served or imposed, still a claim.
TERM_NOUNS = _words("sentence sentences term terms jail prison ban suspension low high record")
# Hedges that may stand between a verb and the figure it takes ("lost more than 80 seats").
HEDGE_WORDS = _words(
    "more than over nearly almost about around some at least up to roughly another"
)

# Verbs that report a new level of something named before them: "Deaths fell to 48,422".
CHANGE_VERBS = _words(
    """
    rose risen rise rises rising fell fallen fall falls falling dropped drop drops dipped
    declined decline declines climbed climb climbs increased increase increases decreased
    decrease decreases grew grown grow grows jumped jumps surged surges soared soars
    plunged plunges slipped slips reached reach reaches totalled totaled totals stood
    stands hit hits topped tops passed exceeded
    """
)
# Nouns before "of N" that do not name what N counts ("the age of 12", "the end of 2023").
NOT_OWNER_NOUNS = _words(
    """
    age ages aged summer winter spring autumn fall end start beginning middle group number
    series class version chapter type level
    """
)
# Words before "top" or "past" that make it a noun or adjective, not a bound ("the top 10").
NOT_BEFORE_VERB = _words(
    """
    the a an its their his her our this these those last of in on into among from to at and
    or for by with over during within throughout across
    """
)

# Verbs saying which way a percentage moved, for ``counted`` ("sales fall").
RISE_WORDS = _words(
    """rose rise rises risen up increased increase grew grown gained gain jumped climbed surged
    soared added"""
)
FALL_WORDS = _words(
    """fell fall falls fallen down dropped drop declined decline slipped slid lost shed cut
    tumbled plunged sank shrank"""
)
# Verbs that say what happened to a sum of money ("raised more than $18,000").
MONEY_VERBS = _words(
    """raised paid spent lost earned cost costs owed fined invested pledged received stole
    stolen seized recovered saved borrowed donated charged"""
)
# Nouns a percentage may name directly after it: "a 3.2% fall", "the 3% limit".
PERCENT_NOUNS = _words(
    """rise fall increase decrease drop cut gain loss stake share majority jump decline limit
    target threshold tariff tax rate raise discount"""
)

# Nouns for areas a count of weapons can be spread over ("27 drones over four regions").
PLACE_NOUNS = _words(
    """regions oblasts provinces districts areas cities towns villages states countries
    territories settlements communities"""
)
