"""Word lists for quote attribution: speech verbs, role nouns, gap words.

Lexicons, not models: every list is small, lower-case and matched through compiled
regexes or set look-ups, so attribution stays linear in the text it inspects.
"""

from __future__ import annotations

import re


def _words(block: str) -> tuple[str, ...]:
    return tuple(block.split())


def trie_pattern(words: list[str]) -> str:
    """One regex alternative for many words, shared prefixes factored out, so that a
    match attempt costs one character test per level instead of one per word."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ending = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ending:
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"


# Verbs that double their last consonant before -ed and -ing.
_DOUBLING = frozenset(("slam", "quip", "admit", "rebut", "regret", "commit"))


def _regular(base: str) -> tuple[str, ...]:
    """Inflect a regular English verb: base, -s, -ed, -ing."""
    if base.endswith("e"):
        return (base, base + "s", base + "d", base[:-1] + "ing")
    if base.endswith("y") and base[-2] not in "aeiou":
        return (base, base[:-1] + "ies", base[:-1] + "ied", base + "ing")
    third = base + "es" if base.endswith(("s", "sh", "ch", "x")) else base + "s"
    stem = base + base[-1] if base in _DOUBLING else base
    return (base, third, stem + "ed", stem + "ing")


# Verbs that report speech or a stated position. "show" and "express" are here because
# partial quotes of a stated stance ("to show his 'unwavering solidarity'") hang on them.
_REGULAR_VERBS = _words(
    """
    add accuse acknowledge admit affirm allege announce answer argue ask assert assure
    blast brand caution charge cite claim comment complain concede conclude condemn
    confirm continue contend counter criticise criticize declare decry demand denounce
    deny describe emphasise emphasize estimate exclaim explain express hail highlight
    insist joke label lament mention note object observe plead pledge post praise
    predict proclaim promise quip recall recount reiterate remark repeat reply report
    respond reveal scoff shout slam state stress suggest tweet underline urge vow warn
    whisper indicate maintain consider believe specify detail clarify reaffirm recognise
    recognize stress dismiss term chant yell scream cry boast thank apologise apologize
    retort testify mock rule threaten question ensure sentence inform appeal
    """
)

_IRREGULAR_VERBS = _words(
    """
    say says said saying tell tells told telling write writes wrote written writing
    speak speaks spoke spoken speaking show shows showed shown showing call calls called
    calling voice voices voiced voicing
    """
)

# Verbs whose base and -s forms are everyday nouns ("a claim", "state media", "calls for
# talks"): only their past and -ing forms count, so a noun never passes for a verb.
_NOUNISH = _words(
    """
    answer blast brand charge claim comment counter demand estimate highlight joke label
    mention note object plead pledge post promise quip recall repeat reply report
    shout slam state tweet vow whisper call voice continue chant yell scream cry boast
    term rule thank mock retort question sentence appeal
    """
)

SPEECH_VERBS: frozenset[str] = frozenset(
    [
        form
        for verb in _REGULAR_VERBS
        for n, form in enumerate(_regular(verb))
        if verb not in _NOUNISH or n >= 2
    ]
    + [w for w in _IRREGULAR_VERBS if w not in _NOUNISH and w not in ("calls", "voices")]
)

# Verbs that only report a stance, never follow a quote as its attribution: in
# '"…", he showed no intention' the quote belongs to an earlier verb.
_STANCE_ONLY = frozenset(
    form
    for verb in _words(
        """
    accuse blast brand cite condemn criticise criticize decry demand denounce describe
    hail label mention praise slam consider believe recognise recognize detail dismiss
    term mock thank
    """
    )
    for form in _regular(verb)
) | frozenset(
    _words(
        """
    speak speaks spoke spoken speaking show shows showed shown showing call calls called
    calling voice voices voiced voicing express expresses expressed expressing
    """
    )
)
REPORTING_VERBS: frozenset[str] = frozenset(
    f for f in SPEECH_VERBS if f not in _STANCE_ONLY and not f.endswith("ing")
)

# Particles that turn a verb into a speech verb or belong to it ("pointed out").
_PHRASAL = (
    r"pointed\s+out|points\s+out|went\s+on\s+to\s+say|according\s+to|in\s+the\s+words\s+of"
    r"|in\s+(?:his|her|their)\s+(?:own\s+)?words"
)

SPEECH_VERB_RE = re.compile(
    r"\b(?:" + _PHRASAL + "|" + trie_pattern(sorted(SPEECH_VERBS)) + r")\b", re.IGNORECASE
)

REPORTING_VERB_RE = re.compile(
    r"\b(?:pointed\s+out|points\s+out|went\s+on|according\s+to|"
    + trie_pattern(sorted(REPORTING_VERBS))
    + r")\b",
    re.IGNORECASE,
)

# Words that may stand between a speaker and the verb: "Zelensky later said",
# "she has repeatedly said", "Zelensky on Monday said".
_GAP_WORDS = _words(
    """
    also later then further previously earlier has have had would will again once not
    never had also already recently reportedly repeatedly subsequently again separately
    additionally
    """
)
_DAYS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday
    """
)
GAP_TAIL_RE = re.compile(
    r"(?:\s+(?:"
    + "|".join(sorted(set(_GAP_WORDS)))
    + r"|\w+ly|on\s+(?:"
    + "|".join(_DAYS)
    + r")))*\s*$",
    re.IGNORECASE,
)
_GAP_BODY = (
    r",?(?:\s+(?:"
    + "|".join(sorted(set(_GAP_WORDS)))
    + r"|\w+ly|on\s+(?:"
    + "|".join(_DAYS)
    + r")))*\s+"
)
GAP_HEAD_RE = re.compile(r"\s*(?:,[^,;:“”\"\n]{1,120},)?" + _GAP_BODY, re.IGNORECASE)
# The same gap with no parenthetical, one, or two ("a resident, who gave only her first
# name, Olga, told AFP"), tried shortest first by ``verb_after``.
_GAP_HEADS = tuple(
    re.compile(r"\s*" + r"(?:,[^,;:“”\"\n]{1,120})" * n + ("," if n else "") + _GAP_BODY, re.I)
    for n in range(3)
)


def verb_after(verb_re: re.Pattern, text: str, pos: int, limit: int) -> re.Match | None:
    """The speech verb that follows a speaker phrase ending at ``pos``, past adverbs
    ("later", "on Monday") and up to two parenthetical phrases."""
    for gap_re in _GAP_HEADS:
        gap = gap_re.match(text, pos, limit)
        if gap is not None:
            verb = verb_re.match(text, gap.end(), limit)
            if verb is not None:
                return verb
    return None


# Heads of a noun phrase that names a speaker by role ("the minister", "a senior
# official"). Organisation heads are kept apart: they never resolve to a person.
PERSON_ROLE_NOUNS: frozenset[str] = frozenset(
    _words(
        """
    president vice-president minister secretary chancellor premier spokesman spokeswoman
    spokesperson adviser advisor aide governor mayor ambassador envoy general commander
    chief head leader senator congressman congresswoman lawmaker legislator
    representative official officer director chairman chairwoman chair king queen prince
    princess pope patriarch diplomat analyst expert admiral colonel captain lieutenant
    sergeant soldier resident witness prosecutor judge attorney lawyer ombudsman
    commissioner ceo founder professor researcher economist journalist correspondent
    editor activist survivor doctor nurse volunteer negotiator mediator monarch emir
    sheikh secretary-general commander-in-chief deputy speaker source sources officials
    residents witnesses treasurer councillor councilor inspector detective superintendent
    constable sheriff executive mp mep bishop archbishop cardinal coroner magistrate
    barrister solicitor manager strategist justice protester demonstrator supporter
    voter neighbour neighbor shopkeeper passenger relative engineer teacher farmer
    firefighter paramedic pilot student surgeon forecaster coordinator administrator
    rapporteur
    """
    )
)
ORG_NOUNS: frozenset[str] = frozenset(
    _words(
        """
    ministry army military government office agency police council commission court
    company service command administration kremlin pentagon embassy parliament navy
    force forces staff committee department authorities authority operator regulator
    mission
    """
    )
)

# Lower-case words that may modify a role noun inside a title or appositive.
ROLE_MODIFIERS: frozenset[str] = frozenset(
    _words(
        """
    prime vice deputy foreign defence defense interior finance economy energy health
    justice security intelligence military presidential national regional senior top
    former acting chief general state first press war parliamentary armed joint high
    supreme air local city district regional-military ukrainian russian american british
    chinese european western russian-installed russian-appointed kremlin-installed
    pro-russian pro-kremlin affairs foreign-affairs executive financial operating managing
    assistant shadow opposition detective police country programme program communications
    policy campaign emergency medical legal union district automotive industry research
    interim caretaker outgoing incoming elected designate humanitarian resident
    the of for and
    """
    )
)

PRONOUNS: dict[str, str | None] = {"he": "m", "she": "f", "they": None, "it": None}

# Words right before a mark that make the quoted words a name or a title, not speech.
TITLE_MARKERS_RE = re.compile(
    r"\b(?:titled|entitled|named|nicknamed|dubbed|known\s+as|code-?named|called|film|"
    r"book|song|album|novel|series|documentary|programme|program|play|poem|newspaper|"
    r"magazine|operation|project|exercise|campaign|slogan|hashtag|motto|channel|"
    r"group|page|account|brand)\s*$",
    re.IGNORECASE,
)
SCARE_MARKERS_RE = re.compile(r"\b(?:so[- ]called|the\s+(?:word|term|phrase))\s*$", re.I)

# Short function words that may stay lower-case in a title ("Glory to the Heroes").
TITLE_SMALL_WORDS: frozenset[str] = frozenset(
    _words(
        """
    a an the of in on at to for and or with from by as but nor vs
    """
    )
)
