"""Word lists for telling people from places, organisations and titles.

All entries are lower-case; look-ups fold case first. The lists favour the news this
project reads (international politics, the war in Ukraine) but only steer decisions the
capitalised-name patterns already make: a missing entry costs a little precision, never
a crash.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Capitalised words that start sentences or clauses but never start a name.
CAP_STOPWORDS = _words(
    """
    a an the this that these those there here it its he she they we i you his her their our
    my your in on at by for from with without within into onto of to as and but or nor so yet
    if when while where after before since until although though despite during because
    according amid among against about above below across along around behind beyond over
    under through throughout toward towards upon via meanwhile however moreover nevertheless
    still also instead indeed thus then now today yesterday tomorrow tonight earlier later
    last next first second third finally overall only even just already once what which who
    whom whose why how all both each every many much more most some several few no not none
    other another such asked speaking writing addressing citing following describing noting
    according look watch read see share related photo video source sources reporting
    editing will can could should would must might shall let please
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december breaking update updated live exclusive
    analysis opinion comment explainer
    officials experts analysts residents witnesses critics authorities observers diplomats
    police troops soldiers rescuers doctors lawmakers activists protesters ukrainians
    russians americans europeans others people scientists researchers investigators
    prosecutors organisers organizers locals villagers survivors volunteers medics leaders
    ministers allies partners"""
)

HONORIFICS: dict[str, str | None] = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "dr": None,
    "dr.": None,
    "sir": "m",
    "dame": "f",
    "lady": "f",
    "lord": "m",
    "prof": None,
    "prof.": None,
    "madam": "f",
    "monsieur": "m",
    "madame": "f",
}

# Capitalised words that make up titles before a name ("US Secretary of State").
TITLE_WORDS = _words(
    """
    president vice-president minister secretary chancellor premier spokesman spokeswoman
    spokesperson adviser advisor governor mayor ambassador envoy general gen. gen commander
    chief head leader senator sen. sen congressman congresswoman representative rep. rep
    director chairman chairwoman chair king queen prince princess pope patriarch admiral adm.
    colonel col. col captain capt. lieutenant lt. lt major maj. sergeant sgt. prosecutor
    judge justice attorney ombudsman commissioner ceo founder professor emir sheikh
    secretary-general deputy speaker prime vice foreign defence defense interior finance
    economy energy health security intelligence national regional senior top former acting
    state first press war armed forces joint high supreme affairs presidential military
    of the for and
    """
)
FEMALE_TITLES = _words("queen princess spokeswoman chairwoman congresswoman")
MALE_TITLES = _words("king prince spokesman chairman congressman pope patriarch emir sheikh")

NATIONALITIES = _words(
    """
    afghan albanian algerian american argentine argentinian armenian australian austrian
    azerbaijani belarusian belgian bosnian brazilian british bulgarian canadian chechen chilean
    chinese colombian croatian cuban czech danish dutch egyptian emirati english estonian
    ethiopian european finnish french georgian german greek hungarian icelandic indian
    indonesian iranian iraqi irish israeli italian japanese jordanian kazakh kenyan korean
    kosovar kurdish kuwaiti latvian lebanese libyan lithuanian malaysian mexican moldovan
    mongolian moroccan nigerian norwegian pakistani palestinian peruvian philippine polish
    portuguese qatari romanian russian saudi scottish serbian slovak slovenian somali spanish
    sudanese swedish swiss syrian taiwanese thai tunisian turkish ukrainian venezuelan
    vietnamese welsh yemeni western eastern northern southern soviet nato allied
    """
)

# Countries, capitals and places that speak in the news ("Moscow said") or stand before
# a title ("Kyiv Mayor"). Multi-word places are listed joined by single spaces.
PLACES = _words(
    """
    afghanistan albania algeria argentina armenia australia austria azerbaijan belarus
    belgium bosnia brazil britain bulgaria canada chechnya chile china colombia croatia cuba
    cyprus czechia denmark egypt england estonia ethiopia europe finland france georgia
    germany greece hungary iceland india indonesia iran iraq ireland israel italy japan jordan
    kazakhstan kenya korea kosovo kuwait latvia lebanon libya lithuania luxembourg malaysia
    mexico moldova mongolia montenegro morocco netherlands nigeria norway pakistan palestine
    peru philippines poland portugal qatar romania russia scotland serbia slovakia slovenia
    somalia spain sudan sweden switzerland syria taiwan thailand tunisia turkey turkiye ukraine
    venezuela vietnam wales yemen gaza crimea donbas donbass africa asia america kremlin
    moscow kyiv kiev washington beijing london paris berlin brussels ankara warsaw minsk tokyo
    seoul pyongyang tehran delhi rome madrid vienna prague budapest bucharest sofia riga
    vilnius tallinn helsinki stockholm oslo copenhagen amsterdam lisbon dublin athens ottawa
    canberra cairo riyadh doha damascus baghdad jerusalem kabul islamabad taipei hanoi
    kharkiv kharkov odesa odessa lviv dnipro zaporizhzhia zaporizhia zaporozhye kherson
    mykolaiv donetsk luhansk lugansk mariupol bakhmut avdiivka sumy chernihiv poltava
    zhytomyr vinnytsia rivne lutsk ternopil uzhhorod cherkasy kramatorsk sloviansk izium
    kupiansk pokrovsk soledar sevastopol belgorod kursk bryansk rostov davos geneva
    west east north south
    """
)
MULTIWORD_PLACES = frozenset(
    p
    for p in (
        "new york",
        "united states",
        "united kingdom",
        "south korea",
        "north korea",
        "south africa",
        "saudi arabia",
        "white house",
        "downing street",
        "hong kong",
        "black sea",
        "red sea",
        "new delhi",
        "tel aviv",
        "st petersburg",
        "st. petersburg",
        "sri lanka",
        "costa rica",
        "el salvador",
        "new zealand",
        "czech republic",
        "united nations",
        "european union",
    )
)

# Words that make a capitalised phrase an organisation ("Group of Seven").
ORG_WORDS = _words(
    """
    ministry army military government office agency police council commission court bank
    union party group committee department administration parliament senate congress duma
    rada navy force forces guard command staff institute university organization
    organisation association federation fund corporation corp inc ltd company plc news
    times post press journal telegraph guardian herald tribune reuters afp tass interfax
    ukrinform kremlin pentagon nato kommersant embassy service services center centre
    foundation network television radio channel agency airlines airport plant station
    oblast region province district street square bridge river sea ocean island islands
    mountains valley airbase base
    """
)

FEMALE_NAMES = _words(
    """
    alexandra alina alla angela angelina ann anna anne annalena antonia barbara beata
    catherine christine claudia dana daria darya diana dina ekaterina elena elisabeth
    elizabeth ella elvira emilia emily eva evgenia giorgia hanna hillary ina inna irina iryna
    jacinda jane janet jennifer jill joanna julia kaja kamala karine kate katerina kateryna
    kristalina larysa liz lyudmila lyudmyla margaret maria marina marine mariya marta mary
    melania michelle mette nadia nancy natalia natalya nataliya olena olga oksana penny
    roberta sanna sarah sophie svetlana tatiana tatyana theresa tulsi ursula valentina
    vera victoria viktoria yulia yuliia zuzana ewa agnieszka magdalena kaja giorgia
    """
)
MALE_NAMES = _words(
    """
    abdel ahmed ali alexander alexei aleksandr alexey andrei andrey andriy andrii anthony
    antony antonio barack benjamin bill boris charles dan david denis denys dmitry dmitri
    dmytro donald emmanuel fumio gennady hakan hassan ihor igor ivan jake james
    jean jens joe john joseph josep justin keir kim kirill kyrylo lloyd mark matteo michael
    mikhail mohammed mykhailo mykola narendra nikolai olaf oleg oleh oleksandr oleksii
    oleksiy pavel pedro petro peter ramzan recep richard rishi robert roman ruslan sergei
    sergey serhiy scott stepan taras valery valerii vasyl viktor vitali vitaliy vladimir
    volodymyr volodimir yevgeny yuri yuriy william xi wang qin li
    """
)

# Family name first: a bare "Xi" refers back to "Xi Jinping".
FAMILY_NAME_FIRST = _words(
    "xi li wang zhang liu chen yang zhao huang zhou wu qin hu deng mao wen kim park lee "
    "moon yoon choi kang"
)

# Frequent people whose names are transliterated several ways. Each entry: canonical
# form, accepted given names, accepted family names (all folded to plain lower case).
NAME_VARIANTS: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = tuple(
    (canonical, _words(firsts), _words(lasts))
    for canonical, firsts, lasts in (
        (
            "Volodymyr Zelensky",
            "volodymyr volodimir volodymir vladimir wolodymyr",
            "zelensky zelenskyy zelenskiy zelenski zelenskyi zelenskij zelenskii selenskyj",
        ),
        ("Olena Zelenska", "olena elena", "zelenska zelenskaya"),
        ("Vladimir Putin", "vladimir wladimir", "putin poutine"),
        ("Dmitry Peskov", "dmitry dmitri dmitriy", "peskov"),
        ("Sergei Lavrov", "sergei sergey", "lavrov"),
        ("Sergei Shoigu", "sergei sergey", "shoigu shoygu"),
        ("Dmytro Kuleba", "dmytro dmitro dmitry", "kuleba"),
        ("Oleksii Reznikov", "oleksii oleksiy alexei olexiy", "reznikov"),
        ("Andriy Yermak", "andriy andrii andrei", "yermak iermak ermak"),
        ("Mykhailo Podolyak", "mykhailo mikhail mykhaylo", "podolyak podoliak"),
        ("Denys Shmyhal", "denys denis", "shmyhal shmygal"),
        ("Valerii Zaluzhnyi", "valerii valery valeriy", "zaluzhnyi zaluzhny zaluzhniy"),
        ("Oleksandr Syrskyi", "oleksandr alexander olexander", "syrskyi syrsky syrskiy"),
        ("Kyrylo Budanov", "kyrylo kirill kyrillo", "budanov"),
        ("Vitali Klitschko", "vitali vitaliy vitalii", "klitschko klychko"),
        ("Yevgeny Prigozhin", "yevgeny yevgeniy evgeny yevgeni", "prigozhin prigojine"),
        ("Valery Gerasimov", "valery valeriy", "gerasimov"),
        ("Maria Zakharova", "maria", "zakharova"),
        ("Dmitry Medvedev", "dmitry dmitri", "medvedev"),
        ("Alexander Lukashenko", "alexander aleksandr alyaksandr", "lukashenko lukashenka"),
        ("Recep Tayyip Erdogan", "recep tayyip", "erdogan"),
        ("Alexei Navalny", "alexei aleksei alexey", "navalny navalnyy"),
        ("Ramzan Kadyrov", "ramzan", "kadyrov"),
        ("Antony Blinken", "antony anthony", "blinken"),
        ("Antonio Guterres", "antonio", "guterres"),
        ("Jens Stoltenberg", "jens", "stoltenberg"),
        ("Ursula von der Leyen", "ursula", "leyen"),
        ("Xi Jinping", "jinping", "xi"),
        ("Fumio Kishida", "fumio", "kishida"),
        ("Ihor Terekhov", "ihor igor", "terekhov"),
        ("Oleh Syniehubov", "oleh oleg", "syniehubov synyehubov"),
        ("Rafael Grossi", "rafael", "grossi"),
        ("Viktor Orban", "viktor", "orban"),
    )
)
