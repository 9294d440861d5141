"""Patterns for page furniture: navigation, share prompts, teasers, photo credits.

Used by the role step. Every pattern applies to one line or one sentence, is anchored
or bounded, and is checked only on short units, so none of them can get slow.
"""

from __future__ import annotations

import re

# Whole lines that are navigation, prompts or section labels, compared case-folded
# with surrounding punctuation removed.
_PHRASES = frozenset(
    phrase.strip()
    for phrase in """
    skip to content|skip to main content|skip to navigation|skip navigation|skip to footer
    main menu|menu|open menu|close menu|toggle navigation|navigation|search|close|home
    back to top|go to top|scroll to top|advertisement|advertisements|advertising|ad
    sponsored|sponsored content|paid content|promoted|most popular|most read|most viewed
    most shared|popular|popular now|trending|trending now|related|related articles
    related stories|related news|related content|related posts|recommended
    recommended for you|recommended stories|you may also like|you might also like
    more stories|more news|more from this section|latest|latest news|latest stories
    top stories|read more|read next|continue reading|show more|load more|see more|share
    share this|share this article|share this story|share article|share on facebook
    share on twitter|share on whatsapp|share via email|tweet|email|print|copy link
    link copied|comments|comment|leave a comment|view comments|subscribe|subscribe now
    sign in|log in|login|sign up|register|newsletter|follow us|all rights reserved
    listen to this article|listen|story continues below advertisement
    article continues below advertisement|scroll to continue with content|loading
    tags|topics|facebook|twitter|whatsapp|linkedin|telegram|instagram|youtube|reddit
    """.replace("\n", "|").split("|")
    if phrase.strip()
)
_PHRASE_PUNCT = " \t:|»\u203a>•·-\u2013—.!…"
_MAX_PHRASE = 60

# Lines recognised by how they start; each branch fails on its first characters.
_PREFIXED = re.compile(
    r"""
    (?:look|read\ also|also\ read|read\ more|read\ next|read|see\ also|related|
        related\ stor(?:y|ies)|more|watch|listen|video|photos|gallery|recommended|
        don'?t\ miss|do\ not\ miss|must\ read|trending|latest|top\ story|
        you\ may\ also\ like|further\ reading|more\ on\ this|continue\ reading|
        lee\ también|lea\ también|te\ puede\ interesar)\s*[:|»\u203a>]
    |share\b(?:\s+(?:this|on|via|the|article|story|post|page|it|now)\b.{0,40})?\W*$
    |(?:(?:share|tweet|pin|e-?mail|print|facebook|twitter|x|whatsapp|linkedin|telegram|
        reddit|messenger|copy(?:\ link)?)\s*[|/,·•]?\s*){2,}$
    |(?:©|\(c\)\s|copyright\b).{0,200}$
    |(?:https?://|www\.)\S+$
    |(?:tags|topics|keywords|filed\ under|categories|category)\s*:.{0,200}$
    |follow\ (?:us|@?\w+)\ on\b.{0,100}$
    |click\ here\b.{0,150}$
    """,
    re.I | re.X,
)
_NEWSLETTER_WORDS = ("newsletter", "alerts", "briefing", "digest", "inbox")
_NEWSLETTER = re.compile(
    r"\b(?:sign up|subscribe|register|join)\b.{0,80}\b(?:newsletter|alerts|briefing|digest|inbox)",
    re.I,
)
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff")
_MAX_PROMPT = 200
_MAX_FILE_NAME = 120
_SOURCE = re.compile(r"^(?:sources?|fuente)\s*:\s*(\S.{0,58}?)\W{0,2}$", re.I)
_MAX_SOURCE_WORDS = 6

_CREDIT_PAREN = re.compile(
    r"\((?:[^()\n]{0,60}?\b)?(?:photo|photograph|image|picture|foto|video|illustration|"
    r"graphic)s?\b\s*(?:by\b|:|/|courtesy\b|credit\b)[^()\n]{0,150}\)",
    re.I,
)
_CREDIT_CAPS = re.compile(r"\(\s*[A-Z][A-Z .'\u2019\-]{1,60}/[^()\n]{0,40}\)")
_CREDIT_LINE = re.compile(
    r"^(?:photo|photos|photograph|image|picture|foto|file\ photo|credits?|photo\ credit|"
    r"image\ credit|caption|pictured|main\ image|top\ image|header\ image)\s*:",
    re.I | re.X,
)
# Photo agencies and stock libraries, and a trailing "/ AFP"-style credit.
_AGENCY_NAMES = ("Getty", "Shutterstock", "iStock", "Alamy")
_CREDIT_AGENCY = re.compile(r"(?:Getty Images|Shutterstock|iStock(?:photo)?|Alamy)\b")
_CREDIT_SLASH = re.compile(
    r"/\s*(?:AFP|AP|Reuters|REUTERS|EPA(?:-EFE)?|EFE|Anadolu(?: Agency)?|Xinhua|TASS|"
    r"Sputnik|dpa|ANSA|Bloomberg|Getty)\s*\)?\s*$"
)
_MAX_CREDIT_LINE = 600


def is_boilerplate(unit: str) -> bool:
    """Whether a line or sentence is navigation, a prompt, a teaser or a file name."""
    unit = unit.strip()
    if not unit:
        return False
    if len(unit) > 400:
        return False
    if len(unit) <= _MAX_PHRASE and _squeeze(unit) in _PHRASES:
        return True
    if _PREFIXED.match(unit):
        return True
    folded = unit.casefold()
    if len(unit) <= _MAX_FILE_NAME and folded.endswith(_IMAGE_SUFFIXES):
        return True
    if len(unit) > _MAX_PROMPT:
        return False
    if folded.rstrip(" .!").endswith("all rights reserved"):
        return True
    return any(word in folded for word in _NEWSLETTER_WORDS) and bool(_NEWSLETTER.search(unit))


def source_of(line: str) -> str | None:
    """The name in a "Source: X" line, or None."""
    found = _SOURCE.match(line.strip())
    if found is None or len(found.group(1).split()) > _MAX_SOURCE_WORDS:
        return None
    return found.group(1)


def has_credit(unit: str) -> bool:
    """Whether a line or sentence carries a photo credit or a caption label."""
    unit = unit.strip()
    if not unit or len(unit) > _MAX_CREDIT_LINE:
        return False
    # Substring tests first: most sentences hold none of these and skip the regexes.
    if "(" in unit and (_CREDIT_PAREN.search(unit) or _CREDIT_CAPS.search(unit)):
        return True
    if "/" in unit and _CREDIT_SLASH.search(unit):
        return True
    if any(name in unit for name in _AGENCY_NAMES) and _CREDIT_AGENCY.search(unit):
        return True
    return ":" in unit[:20] and _CREDIT_LINE.match(unit) is not None


def caption_key(unit: str) -> str:
    """The caption's own words without credits, for spotting repeated captions."""
    if _CREDIT_LINE.match(unit.strip()):
        return ""
    unit = _CREDIT_PAREN.sub(" ", unit)
    unit = _CREDIT_CAPS.sub(" ", unit)
    unit = _CREDIT_AGENCY.sub(" ", unit)
    unit = _CREDIT_SLASH.sub(" ", unit)
    return " ".join(unit.split()).casefold()


def _squeeze(unit: str) -> str:
    return " ".join(unit.strip(_PHRASE_PUNCT).split()).casefold()
