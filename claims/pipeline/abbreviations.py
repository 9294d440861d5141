"""Abbreviation lexicon used by the sentence splitter.

Entries are written without their final full stop and compared lower-cased, except
for the capitalised-only sets, whose members are also ordinary English words
("sat", "ill", "wash") and count as abbreviations only when capitalised.
"""


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# Titles and name prefixes: always followed by a name, so never the end of a sentence.
TITLES = _words(
    """
    mr mrs ms messrs mmes mme mlle dr drs prof profs gen lt col capt cpt sgt cpl pvt pfc
    adm cmdr cdr maj brig sen sens rep reps gov govs pres rev hon supt insp fr amb atty
    mt msgr
    """
)

# Introduce what follows; a sentence does not end on them.
CONNECTIVES = _words("e.g i.e cf viz vs v approx ca")

# Followed by a number ("No. 5", "p. 55", "Jan. 6") they never end the sentence;
# otherwise they end it only before a typical sentence opener.
NUMERIC_PREFIXES = _words(
    """
    no nos nr n° nº p pp vol vols art arts fig figs sec sect ch chap para par op ed eds
    tel ext pt pts est min max ref refs rm apt
    """
)

# Abbreviations that can end a sentence ("… and Co. It closed") or sit inside one
# ("… & Co. at noon"): decided by the next word.
GENERAL = _words(
    """
    etc al inc ltd co corp llc plc bros jr sr st ave blvd rd hwy sq dept univ assn govt
    intl natl ft yr yrs hr hrs mins secs mo mos wk wks mi oz lb lbs pct esp
    """
)

# Month, weekday and US-state abbreviations that are also ordinary words when
# lower-cased: matched case-sensitively in their capitalised form.
CAPITALISED = _words(
    """
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri
    Sat Sun Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Mass Md Mich
    Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo
    """
)

# Words that typically open an English sentence. After an ambiguous abbreviation
# ("U.S.", "Co.", "a.m.") a following capitalised word from this list signals a new
# sentence, while a proper noun ("U.S. Government", "St. Michael") does not.
SENTENCE_STARTERS = _words(
    """
    A An The This That These Those It Its He She They We I You His Her Their Our My Your
    There Here What When Where Who Whom Whose Why How Which Whether
    In On At For From By With Without Into During After Before Since Until Despite
    Although Though While Because If Unless As But And Or Nor So Yet Also Then Now Still
    However Meanwhile Moreover Furthermore Nevertheless Instead Thus Therefore Otherwise
    Some Many Most All Both Each Every Few Several Such No Not None One Another Other
    Is Are Was Were Be Been Do Does Did Can Could Will Would Shall Should May Might Must
    Has Have Had Let Please Last Earlier Later Today Yesterday Tomorrow Tonight
    According Asked Even Just Only Never Always Often Perhaps Indeed Finally First
    """
)

# Words a hard-wrapped line can end on while its sentence runs on to the next line.
FUNCTION_WORDS = _words("the a an of to in and or for with by from at on that as than into over")
