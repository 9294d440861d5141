"""sources.csv: the evidence behind every released claim, one row per source."""

from claims.releases.formats.table import Column, Lines
from claims.releases.formats.template import Col

SOURCE_COLUMNS = [
    Column(
        "source_id",
        "integer",
        Col("so", "id", "int"),
        "Source id.",
        {"required": True, "unique": True},
    ),
    Column(
        "claim_id",
        "integer",
        Col("so", "claim_id", "int"),
        "The claim (claims.csv).",
        {"required": True},
    ),
    Column("url", "string", Col("so", "url"), "Where the evidence is.", {"required": True}),
    Column("title", "string", Col("so", "title"), "Title of the source."),
    Column("publisher", "string", Col("so", "publisher"), "Who published it."),
    Column("published_at", "datetime", Col("so", "published_at", "time"), "When it was published."),
    Column("accessed_at", "datetime", Col("so", "accessed_at", "time"), "When it was read."),
    Column(
        "stance",
        "string",
        Col("so", "stance"),
        "supports, refutes, mixed or context.",
        {"required": True, "enum": ["supports", "refutes", "mixed", "context"]},
    ),
    Column("archived_url", "string", Col("so", "archived_url"), "An archived copy."),
    Column("excerpt", "string", Col("so", "excerpt"), "The passage relied on."),
]

# Every source line of one claim, aggregated with the claim's other source arrays.
SOURCE_LINES = Lines("source_lines", SOURCE_COLUMNS)
