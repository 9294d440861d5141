"""Word lists the figure extractor reads news text with.

Kept apart from the logic so that a reviewer can extend a list without touching a rule.
All entries are lower case; lookups lower-case the token first.
"""

from __future__ import annotations

import re


def _words(spaced: str) -> frozenset[str]:
    """A set of the whitespace-separated words in ``spaced``."""
    return frozenset(spaced.split())


def _mapping(spec: str) -> dict[str, str]:
    """Read lines of ``target: word word …`` into ``{word: target}``; a line may wrap."""
    mapping: dict[str, str] = {}
    for entry in re.split(r"\n(?=\S)|\n {4}(?=\S[^:\n]*:)", spec.strip()):
        target, words = entry.split(":", 1)
        for word in words.split():
            mapping[word] = target.strip()
    return mapping


MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri "
    "sat sun"
)

# A number right after one of these words labels something ("Article 5", "Route 66").
LABEL_WORDS = _words(
    """article articles section sections chapter chapters page pages pp p para paragraph clause
    route highway interstate motorway brigade division battalion regiment corps squadron flight
    boeing airbus room terminal gate platform phase stage level tier category resolution
    amendment bill no nos number # vol volume issue episode season part item line block unit
    apartment apt flat building ward zone sector grade rule protocol windows iphone galaxy
    model version type class lot cell bus train tram channel formula apollo covid top fortune
    ftse nasdaq dax nikkei code figure table annex schedule act law district precinct camp
    reactor pier runway hangar bay road street avenue exit verse psalm magnitude"""
)

# Capitalised words that may stand before a number without naming it.
CAPITALISED_FUNCTION_WORDS = _words(
    """the a an in on at of for by with from to and or but about around some nearly almost
    over under more less fewer up as just only all another another killing including
    while when after before since than roughly approximately between among until some
    at least estimated an"""
)

# Words between a determiner and a small number mark it as a reference, not a count.
DETERMINERS = _words("the these those both its their his her our my your whose all")

# Time words after which a duration is a time reference, not a claim.
TIME_REFERENCE_BEFORE = _words(
    "past last next previous coming following first final recent every each"
)
TIME_REFERENCE_AFTER = _words("ago later earlier hence")
# Words that make a phrase a time, not a thing counted ("in the first half", "of the year").
TIME_WORDS = (
    _words(
        """first last past next half year years month months week weeks day days quarter today
    yesterday"""
    )
    | MONTHS
    | WEEKDAYS
)

# Nouns counted as people → the plural used in ``counted``.
_PEOPLE = _words(
    """
    people civilians soldiers troops servicemen children babies infants minors teenagers boys
    girls men women adults residents villagers citizens nationals passengers workers employees
    staff miners migrants refugees protesters demonstrators officers firefighters rescuers
    journalists students pupils patients prisoners detainees hostages fighters militants
    combatants rebels members doctors nurses medics paramedics tourists pilgrims worshippers
    inmates suspects victims sailors fishermen farmers pedestrians motorists climbers hikers
    swimmers spectators fans guards volunteers personnel mercenaries recruits conscripts
    settlers pensioners voters defendants lawmakers senators deputies
    """
)
PERSON_NOUNS = {word: word for word in _PEOPLE} | _mapping(
    """
    people: person persons individuals
    civilians: civilian
    soldiers: soldier
    servicemen: serviceman servicemembers
    children: child kids
    babies: baby
    teenagers: teenager
    boys: boy
    girls: girl
    men: man
    women: woman
    residents: resident
    passengers: passenger
    workers: worker
    migrants: migrant
    asylum seekers: asylum-seekers
    protesters: protestors
    police officers: police policemen policeman
    officers: officer
    firefighters: firefighter
    journalists: journalist
    students: student
    patients: patient
    prisoners: prisoner
    hostages: hostage
    militants: militant
    suspects: suspect
    crew members: crew
    MPs: mps
    """
)

# Nouns and adjectives that are themselves a casualty figure ("12 dead", "45 deaths").
CASUALTY_HEADS = _mapping(
    """
    killed: dead deaths death fatalities fatality bodies body killed
    injured: injured injuries wounded hurt
    missing: missing
    killed or injured: casualties
    """
)

# Words that tie a figure to a casualty, with the outcome they name.
CASUALTY_SIGNALS = _mapping(
    """
    killed: kill kills killed killing dead died die dies dying death deaths toll lives perished
        drowned slain murdered fatalities bodies remains executed lost
    injured: injured injuring injure injures injuries wounded wounding wound wounds hurt hurting
    missing: missing unaccounted
    killed or injured: casualties
    """
)

# Weapons and attacks counted by the "count" kind → (noun, verb assumed when none is given).
WEAPON_NOUNS = {
    word: (target.split(" ", 1)[0], target.split(" ", 1)[1])
    for word, target in _mapping(
        """
    drones launched: drones drone uavs uav shaheds
    missiles launched: missiles missile
    rockets fired: rockets rocket
    shells fired: shells shell
    projectiles launched: projectiles projectile
    warheads launched: warheads
    munitions launched: munitions
    bombs dropped: bombs bomb
    grenades thrown: grenades
    mortars fired: mortars
    strikes launched: strikes strike
    airstrikes launched: airstrikes airstrike
    attacks launched: attacks attack
    raids launched: raids
    bombings launched: bombings
    salvos fired: salvos
    barrages fired: barrages
        """
    ).items()
}

# Military equipment: a count when destroyed or downed, a plain figure when sent or owned.
EQUIPMENT_NOUNS = {
    word: word
    for word in _words(
        """tanks helicopters jets warplanes aircraft warships launchers vehicles howitzers ships
    boats planes"""
    )
} | _mapping(
    """
    tanks: tank
    helicopters: helicopter
    jets: jet
    warplanes: warplane
    warships: warship
    launchers: launcher
    """
)
# What can happen to equipment for its figure to count as losses.
EQUIPMENT_LOSSES = _words("destroyed hit intercepted") | {"shot down"}

# Verbs (and nouns made from them) naming what happened to weapons.
COUNT_VERBS = _mapping(
    """
    launched: launch launched launches launching unleashed sent conducted carried attacked
    fired: fire fired fires firing
    dropped: dropped
    intercepted: intercept intercepted intercepts intercepting interception neutralised
        neutralized repelled
    shot down: downed
    destroyed: destroy destroyed destroys destroying
    hit: struck hit
    """
)
# "shoot/shot down" is two words; the second one decides.
SHOOT_WORDS = _words("shoot shot shoots shooting")

# Verbs that give a numeric figure about people its meaning.
NUMERIC_VERBS = _mapping(
    """
    evacuated: evacuated evacuation evacuate
    displaced: displaced displacement
    fled: fled
    arrested: arrested arrest
    detained: detained detention
    rescued: rescued rescue
    released: released release freed
    deported: deported deportation
    charged: charged
    convicted: convicted
    sentenced: sentenced
    hospitalised: hospitalised hospitalized
    infected: infected
    vaccinated: vaccinated
    employed: employed
    hired: hired
    laid off: laid
    captured: captured capture
    annexed: annexed annexation
    exchanged: exchanged exchange
    affected: affected
    stranded: stranded
    trapped: trapped
    mobilised: mobilised mobilized
    recruited: recruited
    abducted: abducted kidnapped
    returned: returned
    registered: registered
    left homeless: homeless
    taken hostage: hostage
    """
)
# What a numeric verb says happened, when it can only have happened to people.
PEOPLE_VERB_MEANINGS = _words(
    """evacuated displaced fled arrested detained rescued released deported charged convicted
    sentenced hospitalised infected vaccinated abducted stranded trapped mobilised recruited
    employed hired exchanged returned registered"""
) | {"laid off", "left homeless", "taken hostage"}

# Plural nouns that are never the point of a figure ("two sides", "three times").
UNCOUNTED_NOUNS = _words(
    """times ways things sides reasons questions aspects ideas hands eyes words moments minds
    examples others ones occasions respects senses terms fronts hopes fears efforts
    steps thanks regards"""
)

# Nouns naming the forces that launch or stop weapons, for the actor of a count.
MILITARY_NOUNS = _words(
    """army armies forces force military troops navy defences defenses defence defense
    air command ministry staff units militia militants fighters rebels guard guards
    brigade battalion regiment corps operators government kremlin"""
)

# Words that may stand between a subject and its verb ("the army managed to intercept").
SUBJECT_GAP_WORDS = _words(
    """managed to was were able has have had also then later successfully reportedly
    said says it they claimed claims could would will been be further allegedly"""
)

# Place spellings → canonical name, for places news spells many ways.
PLACE_VARIANTS = _mapping(
    """
    Kyiv: kyiv kiev
    Zaporizhzhia: zaporizhzhia zaporizhia zaporozhye zaporizhzhya
    Kharkiv: kharkiv kharkov
    Odesa: odesa odessa
    Dnipro: dnipro dnepr
    Mykolaiv: mykolaiv nikolaev
    Kherson: kherson
    Lviv: lviv lvov
    Donetsk: donetsk
    Luhansk: luhansk lugansk
    Bakhmut: bakhmut artemovsk
    Avdiivka: avdiivka avdeevka
    Mariupol: mariupol
    Zhytomyr: zhytomyr
    Khmelnytskyi: khmelnytskyi khmelnytsky
    Sumy: sumy
    Chernihiv: chernihiv
    Poltava: poltava
    Vinnytsia: vinnytsia
    Kramatorsk: kramatorsk
    Sloviansk: sloviansk
    Crimea: crimea
    Sevastopol: sevastopol
    Belgorod: belgorod
    Moscow: moscow
    Gaza: gaza
    """
)

# Capitalised words after "in" that are not places.
NOT_PLACES = _words(
    """the a an this that congress parliament court senate government photo reference source
    english french spanish russian ukrainian german total all addition particular fact
    response return contrast general short order turn part"""
)

# Words that end the search for a counted noun after a figure.
STOP_WORDS = _words(
    """the a an of in on at to from by for with and or but nor was were is are has have had be
    been being will would could should can may might must that which who whom whose this these
    those their its his her our your my as than while when where after before since per each
    every it they he she we you i them him us not no so if said says say told according out up
    down over under into onto about against between during including across near there here
    all both also only just even still then now ago later earlier plus minus do does did got
    get remain remains seem seems while whereas because via amid among toward towards within
    without what how why yet once again already"""
)
# "16 of them": the noun is elided; "16 of the drones": it follows.
PARTITIVE_ELIDED = _words("them those these which whom us it ours theirs")
PARTITIVE_DETERMINERS = _words("the its their his her our these those")
# Tokens that sit between a figure and its verb without weakening the link.
AUXILIARIES = _words(
    """were was have has had been be being are is reportedly also all later subsequently
    successfully allegedly already reported confirmed believed feared thought said"""
)
