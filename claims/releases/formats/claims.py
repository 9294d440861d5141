"""claims.jsonl and claims.csv: every released claim with its verdict and provenance."""

from claims.releases.formats.table import Column
from claims.releases.formats.template import Col, Many, Obj

CLAIM_FIELDS = [
    ("claim_id", Col("e", "id", "int")),
    ("kind", Col("e", "kind")),
    ("text", Col("e", "text")),
    ("value", Col("e", "value", "num")),
    ("value_min", Col("e", "value_min", "num")),
    ("value_max", Col("e", "value_max", "num")),
    ("qualifier", Col("e", "qualifier")),
    ("counted", Col("e", "counted")),
    ("unit", Col("e", "unit")),
    ("actor", Col("e", "actor")),
    ("location", Col("e", "location")),
    ("speaker", Col("e", "speaker")),
    ("speaker_role", Col("e", "speaker_role")),
    ("speech_verb", Col("e", "speech_verb")),
    ("quote", Col("e", "quote")),
]

SOURCE_OBJECT = Obj(
    [
        ("source_id", Col("so", "id", "int")),
        ("url", Col("so", "url")),
        ("title", Col("so", "title")),
        ("publisher", Col("so", "publisher")),
        ("published_at", Col("so", "published_at", "time")),
        ("accessed_at", Col("so", "accessed_at", "time")),
        ("stance", Col("so", "stance")),
        ("archived_url", Col("so", "archived_url")),
        ("excerpt", Col("so", "excerpt")),
    ]
)


CLAIM_JSON = Obj(
    [
        *CLAIM_FIELDS,
        ("span", Obj([("start", Col("e", "start", "int")), ("end", Col("e", "end", "int"))])),
        (
            "sentence",
            Obj(
                [
                    ("index", Col("e", "sentence_index", "int")),
                    ("start", Col("e", "sentence_start", "int")),
                    ("end", Col("e", "sentence_end", "int")),
                ]
            ),
        ),
        (
            "article",
            Obj(
                [
                    ("url", Col("e", "article_url")),
                    ("content_hash", Col("e", "article_content_hash")),
                    ("title", Col("e", "article_title")),
                    ("outlet", Col("e", "outlet")),
                    ("original_publisher", Col("e", "original_publisher")),
                    ("language", Col("e", "language")),
                    ("published_at", Col("e", "article_published_at", "time")),
                ]
            ),
        ),
        (
            "verdict",
            Obj(
                [
                    ("verdict_id", Col("e", "verdict_id", "int")),
                    ("rating", Col("e", "rating")),
                    ("rating_label", Col("e", "rating_label")),
                    ("rating_value", Col("e", "rating_value", "int")),
                    ("fever_label", Col("e", "fever_label")),
                    ("rationale", Col("e", "rationale")),
                    ("valid_as_of", Col("e", "valid_as_of", "time")),
                    ("proposed_by", Col("e", "proposed_by")),
                    ("approved_by", Col("e", "approved_by")),
                    ("approved_at", Col("e", "approved_at", "time")),
                ]
            ),
        ),
        ("sources", Many("sources_full", SOURCE_OBJECT)),
    ]
)

_SOURCE_REF = Obj(
    [
        ("source_id", Col("so", "id", "int")),
        ("url", Col("so", "url")),
        ("stance", Col("so", "stance")),
    ]
)


def _column(name: str, node: Col, description: str, **constraints) -> Column:
    kind = {"str": "string", "int": "integer", "num": "number", "time": "datetime"}[node.kind]
    return Column(name, kind, node, description, constraints or None)


CLAIM_COLUMNS = [
    _column(
        "claim_id",
        Col("e", "id", "int"),
        "Claim id, stable across releases.",
        required=True,
        unique=True,
    ),
    _column("kind", Col("e", "kind"), "casualty, count, numeric or quote.", required=True),
    _column("text", Col("e", "text"), "The claim as it appears in the article.", required=True),
    _column("value", Col("e", "value", "num"), "The figure as stated."),
    _column("value_min", Col("e", "value_min", "num"), "Lower bound of the figure's interval."),
    _column(
        "value_max",
        Col("e", "value_max", "num"),
        "Upper bound of the figure's interval; empty means unbounded.",
    ),
    _column("qualifier", Col("e", "qualifier"), "exact, at_least, more_than, about, …"),
    _column("counted", Col("e", "counted"), "What is counted, e.g. people killed."),
    _column("unit", Col("e", "unit"), "Unit of a numeric claim, e.g. km."),
    _column("actor", Col("e", "actor"), "Who acted, e.g. Russia."),
    _column("location", Col("e", "location"), "Where."),
    _column("speaker", Col("e", "speaker"), "Canonical name of a quote's speaker."),
    _column("speaker_role", Col("e", "speaker_role"), "The speaker's role."),
    _column("speech_verb", Col("e", "speech_verb"), "said, told, wrote, …"),
    _column("quote", Col("e", "quote"), "The quoted words."),
    _column("rating", Col("e", "rating"), "Rating code of the current verdict.", required=True),
    _column(
        "rating_label", Col("e", "rating_label"), "The rating's label (ClaimReview alternateName)."
    ),
    _column(
        "rating_value",
        Col("e", "rating_value", "int"),
        "ClaimReview ratingValue; empty for ratings outside the numeric scale.",
    ),
    _column(
        "fever_label",
        Col("e", "fever_label"),
        "SUPPORTS, REFUTES or NOT ENOUGH INFO.",
        required=True,
    ),
    _column("rationale", Col("e", "rationale"), "Why the verdict was given."),
    _column("valid_as_of", Col("e", "valid_as_of", "time"), "The verdict holds as of this time."),
    _column(
        "verdict_id", Col("e", "verdict_id", "int"), "Id of the released verdict.", required=True
    ),
    _column("proposed_by", Col("e", "proposed_by"), "Pseudonymous id of the proposer."),
    _column("approved_by", Col("e", "approved_by"), "Pseudonymous id of the approver."),
    _column(
        "approved_at",
        Col("e", "approved_at", "time"),
        "When the verdict was approved.",
        required=True,
    ),
    _column("article_url", Col("e", "article_url"), "Where the claim appeared."),
    _column(
        "article_content_hash",
        Col("e", "article_content_hash"),
        "sha256 of the article's clean text, which the offsets index.",
        required=True,
    ),
    _column("article_title", Col("e", "article_title"), "Title of the article."),
    _column("outlet", Col("e", "outlet"), "Outlet that published the article."),
    _column(
        "original_publisher",
        Col("e", "original_publisher"),
        'Original publisher of syndicated text ("Source: …").',
    ),
    _column("language", Col("e", "language"), "Language of the article."),
    _column(
        "article_published_at",
        Col("e", "article_published_at", "time"),
        "When the article was published.",
    ),
    _column(
        "sentence_index",
        Col("e", "sentence_index", "int"),
        "Index of the sentence in the article.",
        required=True,
    ),
    _column(
        "sentence_start",
        Col("e", "sentence_start", "int"),
        "Character offset where the sentence starts in the clean text.",
        required=True,
    ),
    _column(
        "sentence_end",
        Col("e", "sentence_end", "int"),
        "Character offset where the sentence ends (exclusive).",
        required=True,
    ),
    _column(
        "span_start",
        Col("e", "start", "int"),
        "Character offset where the claim starts in the clean text.",
        required=True,
    ),
    _column(
        "span_end",
        Col("e", "end", "int"),
        "Character offset where the claim ends (exclusive).",
        required=True,
    ),
    Column(
        "sources",
        "array",
        Many("sources_brief", _SOURCE_REF),
        "The claim's sources as a JSON array of {source_id, url, stance}; details in sources.csv.",
        {"required": True},
    ),
]
