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
    related topics|related coverage|more on this story|more on this topic|suggested topics
    explore more on these topics|reuse this content|read more of today's top stories
    get unlimited digital access|share on x|email this story|email this article|___
    news|world|world news|us news|uk news
    business|markets|economy|money|health|science|climate|environment|politics|opinion
    sport|sports|weather|technology|tech|culture|lifestyle|travel|local|local news
    crime|courts|crime & courts|crime and courts|national|international|europe|africa
    asia|americas|middle east
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
        reddit|messenger|viber|vk|threads|bluesky|pinterest|flipboard|
        copy(?:\ link)?)\s*[|/,·•]?\s*){2,}$
    |(?:©|\(c\)\s|copyright\b).{0,200}$
    |(?:https?://|www\.)\S+$
    |(?:tags|topics|keywords|filed\ under|categories|category)\s*:.{0,200}$
    |follow\ (?:us|@?\w+)\ on\b.{0,100}$
    |follow\ [\w'\u2019]+\ coverage\b.{0,150}$
    |\(?(?:additional\ )?(?:reporting|writing|editing|compiled|produced|research)\ by\b.{0,250}$
    |(?:our\ standards|suggested\ topics|more\ from\ [\w .'\u2019]{1,40})\s*:.{0,200}$
    |(?:image|media|video)\ (?:source|credit)\s*[,:].{0,150}$
    |video\s*,.{0,150}$
    |(?:subscribe|sign\ up)\ (?:for|to)\ (?:only\ )?[$€£\d].{0,80}$
    |enjoyed\ this\ (?:article|story)\b.{0,80}$
    |call\ our\ newsroom\b.{0,60}$
    |this\ (?:story|article)\ (?:has\ been|was)\ (?:corrected|updated|amended)\b.{0,250}$
    |if\ you\ or\ someone\ you\ know\b.{0,250}$
    |(?:download|get)\ (?:our|the)\ (?:\w+\ )?app\b.{0,120}$
    |(?:keep\ reading|seguir\ leyendo|further\ reading)\s*[:|»\u203a>].{0,200}$
    |click\ here\b.{0,150}$
    |(?:comments?|replies|reactions|likes?|shares?|views?)\s*(?:\(\s*\d[\d,.]*\s*\)|:?\s*\d[\d,.]*)\s*$
    |(?:reading|read)\ time\s*:?\s*\d{1,3}\ ?(?:min(?:ute)?s?|m)\b\.?\s*$
    |\d{1,3}\ ?min(?:ute)?s?\ read\s*$
    |this\ (?:interview|conversation|transcript)\ has\ been\ (?:edited|condensed|translated)\b
        .{0,120}$
    """,
    re.I | re.X,
)
_NEWSLETTER_WORDS = ("newsletter", "alerts", "briefing", "digest", "inbox")
_NEWSLETTER = re.compile(
    r"\b(?:sign up|subscribe|register|join)\b.{0,80}\b(?:newsletter|alerts|briefing|digest|inbox)",
    re.I,
)
# "By Anna Lindqvist, Climate Correspondent", "By ANJALI MEHTA and RAVI SHANKAR": names only.
_NAME = r"[A-Z][\w.'\u2019-]*(?:[ \u00a0][A-Z][\w.'\u2019-]*){0,3}"
_BYLINE = re.compile(
    rf"^by[ \u00a0]+{_NAME}(?:(?:,|[ \u00a0]+and|[ \u00a0]*&)[ \u00a0]+{_NAME}){{0,3}}"
    r"(?:[ \u00a0]+in[ \u00a0]+[A-Z][\w ]{0,30})?(?:,[ \u00a0]*[\w ]{1,40})?$",
    re.I,
)
# A line that is only a date, a time and an update note: "June 28, 2024 9:41 PM UTC".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TIMESTAMP = re.compile(
    r"^(?:(?:updated|published|posted|last\ updated)\ ?:?\ )?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\ )?"
    rf"(?:(?:{_MONTH}\ \d{{1,2}},?|\d{{1,2}}\ {_MONTH},?)\ \d{{4}}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{4})"
    r"(?:[ ,|\u00b7\u2022-]+(?:\d{1,2}[:.]\d{2}(?:\ ?[ap]\.?m\.?)?|(?-i:[A-Z]{2,4})"
    r"|updated|published|ago|\d{1,2}|hours?|minutes?|mins?|days?|at|on))*\s*$",
    re.I | re.X,
)
_CONTRIBUTED = re.compile(
    r"\bcontributed(?:\ reporting)?\ to\ this\ (?:report|story|article)\W*$"
    r"|\b(?:writers?|correspondents?|reporters?)\b.{0,120}\bcontributed(?:\ reporting)?\W*$"
    r"|^this\ (?:story|article)\ (?:was\ )?(?:originally\ )?(?:published|appeared)\b",
    re.X | re.I,
)
_BIO = re.compile(
    r"\b(?:can|may)\ be\ reached\ at\b|\b(?:email|reach|contact)\ (?:him|her|them)\ at\b", re.X
)
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff")
_MAX_PROMPT = 200
_MAX_FILE_NAME = 120
_SOURCE = re.compile(r"^(?:sources?|fuente)\s*:\s*(\S.{0,118}?)\W{0,2}$", re.I)
_MAX_SOURCE_WORDS = 6
# What a republisher adds after the name: "Source: X / translated from Arabic",
# "Source: X, translated and republished with permission", "Source: X (in Spanish)".
_REPUBLISHING_NOTE = re.compile(
    r"\b(?:translat\w*|republish\w*|reprint\w*|adapted|edited|permission|agenc(?:y|ies)"
    r"|wires?|original(?:ly)?|in\ (?:English|Spanish|French|Arabic|Russian|Ukrainian))\b",
    re.I,
)
_SOURCE_NOTE = re.compile(r"[ \u00a0]*(?:[/,;|(]|[ \u00a0][-\u2013\u2014][ \u00a0])")

_CREDIT_PAREN = re.compile(
    r"\((?:[^()\n]{0,60}?\b)?(?:photo|photograph|image|picture|foto|video|illustration|"
    r"graphic)s?\b\s*(?:by\b|:|/|courtesy\b|credit\b)[^()\n]{0,150}\)",
    re.I,
)
_CREDIT_CAPS = re.compile(
    r"\(\s*[A-Z][A-Z .'\u2019\-]{1,60}/[^()\n]{0,40}\)"
    r"|\([ \u00a0]*[A-Z][\w .'\u2019-]{1,40}/[ \u00a0]*[A-Z][^()\n/]{1,60}\)[ \u00a0]*$"
)
_CREDIT_LINE = re.compile(
    r"^(?:photo|photos|photograph|photographer|image|picture|foto|file\ photo|credits?|"
    r"photo\ credit|"
    r"image\ credit|caption|pictured|main\ image|top\ image|header\ image)\s*:"
    r"|^(?:image|media|video)\ caption\s*[,:]",
    re.I | re.X,
)
# A credit closing a caption line: "… on Tuesday. Photo: Mykola Ivanenko / Meridian",
# "… March 19, 2024. REUTERS/Brendan McDermid/File Photo", "… Handout via REUTERS".
_CREDIT_TAIL = re.compile(
    r"(?:^|[.!?)\u201d\"][ \u00a0]+)(?:(?:file|reference|main|top)[ \u00a0]+)?"
    r"(?:photo(?:graph)?s?|photographer|image|picture|foto|credit|illustration)"
    r"(?:[ \u00a0]+credit)?"
    r"(?:[ \u00a0]*:|[ \u00a0]+by\b)[^.!?]{1,120}$"
    r"|\b(?:REUTERS|AFP|AP|EPA|Reuters)/[A-Z][^()\n]{1,80}$"
    r"|\bvia[ \u00a0]+(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images)\W{0,3}$",
    re.I,
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
    if "|" in unit and len(unit) <= _MAX_PROMPT:
        parts = [part for part in unit.split("|") if part.strip()]
        if len(parts) > 1 and all(is_boilerplate(part) for part in parts):
            return True  # "Share on Facebook | Share on WhatsApp | Email this story"
    folded = unit.casefold()
    if len(unit) <= _MAX_FILE_NAME and folded.endswith(_IMAGE_SUFFIXES):
        return True
    if len(unit) > _MAX_PROMPT:
        return False
    if folded.rstrip(" .!").endswith("all rights reserved"):
        return True
    if _BYLINE.match(unit) or _TIMESTAMP.match(unit) or _CONTRIBUTED.search(unit):
        return True
    if "@" in unit and _BIO.search(unit):
        return True  # "She can be reached at kb@paper.com": a reporter's bio line
    return any(word in folded for word in _NEWSLETTER_WORDS) and bool(_NEWSLETTER.search(unit))


# Headers after which the short lines that follow are links to other stories or tags.
_TEASER_HEADERS = frozenset(
    " ".join(phrase.split())
    for phrase in """related|related topics|related coverage|related stories|related articles
    related content|more on this story|more on this topic|read next|read more|most viewed
    most read|most popular|explore more on these topics|suggested topics|you may also like
    you might also like|more stories|more news|recommended|recommended for you|top stories
    latest|latest news|popular now|trending|trending now|keep reading|further reading
    also read|read also|see also|more from|what to read next|more to explore|editor's picks
    recommended reading|you may be interested in""".replace("\n", "|").split("|")
)
_MAX_TEASER = 160


def is_teaser_header(line: str) -> bool:
    """Whether ``line`` heads a list of links to other stories ("Related", "Read Next")."""
    return len(line) <= _MAX_PHRASE and _squeeze(line) in _TEASER_HEADERS


def looks_like_teaser(line: str) -> bool:
    """A short line without a closing full stop, as the links under a teaser header are."""
    line = line.strip()
    return 0 < len(line) <= _MAX_TEASER and line[-1] not in ".!"


def source_of(line: str) -> str | None:
    """The name in a "Source: X" line, or None."""
    found = _SOURCE.match(line.strip())
    if found is None:
        return None
    parts = _SOURCE_NOTE.split(found.group(1), maxsplit=1)
    name = parts[0].strip()
    if not name or len(name.split()) > _MAX_SOURCE_WORDS:
        return None
    note = parts[1] if len(parts) > 1 else ""
    if len(note.split()) > 4 and not _REPUBLISHING_NOTE.search(note):
        return None  # "Source: the ministry, which said …": a sentence, not a credit
    return name


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
    if _CREDIT_LINE.match(unit[:20]):
        return True
    tail = unit[-160:]
    return ("/" in tail or ":" in tail or " by " in tail.lower() or "via" in tail) and bool(
        _CREDIT_TAIL.search(tail)
    )


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
