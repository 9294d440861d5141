"""Each file of a release, checked against its format's rules rather than our writer."""

import json

import pytest

from claims.models import Claim, Verdict
from claims.releases.context import reviewer_pseudonym
from tests.releases import checks
from tests.releases.factories import RELEASED

pytestmark = pytest.mark.django_db(transaction=True)

NUMBERS = {"false": 1, "mostly_false": 2, "mixed": 3, "misleading": 3, "mostly_true": 4, "true": 5}
FEVER = {
    "false": "REFUTES",
    "mostly_false": "REFUTES",
    "mixed": "NOT ENOUGH INFO",
    "misleading": "NOT ENOUGH INFO",
    "unverifiable": "NOT ENOUGH INFO",
    "mostly_true": "SUPPORTS",
    "true": "SUPPORTS",
}


@pytest.fixture
def folder(claims, publish):
    return publish()[1]


def test_a_release_holds_every_promised_file_and_nothing_else(folder):
    assert sorted(p.name for p in folder.iterdir()) == [
        "DATASHEET.md", "claimreview-feed.json", "claimreview.jsonl", "claims.csv",
        "claims.jsonl", "datapackage.json", "fever.jsonl", "sources.csv",
    ]  # fmt: skip


def test_only_verified_claims_with_an_approved_current_verdict_are_released(folder, claims):
    released = [row["claim_id"] for row in checks.jsonl(folder / "claims.jsonl")]
    assert released == sorted(claims[name].pk for name in RELEASED)
    shot_down = next(
        r for r in checks.jsonl(folder / "claims.jsonl") if r["claim_id"] == claims["shot_down"].pk
    )
    current = Verdict.objects.get(claim=claims["shot_down"], is_current=True)
    assert shot_down["verdict"]["verdict_id"] == current.pk
    assert shot_down["verdict"]["rating"] == "mostly_true"


def test_every_claimreview_line_fits_the_claimreview_profile(folder):
    reviews = checks.jsonl(folder / "claimreview.jsonl")
    assert len(reviews) == len(RELEASED)
    for review in reviews:
        checks.validate(review, checks.CLAIMREVIEW_SCHEMA)


def test_rating_numbers_lie_between_worst_and_best_and_each_label_has_one_number(folder):
    numbers = {}
    for review in checks.jsonl(folder / "claimreview.jsonl"):
        rating = review["reviewRating"]
        if "ratingValue" in rating:
            assert rating["worstRating"] == 1 and rating["bestRating"] == 5
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        numbers.setdefault(rating["alternateName"], set()).add(rating.get("ratingValue"))
    _, rows = checks.csv_rows(folder / "claims.csv")
    for row in rows:
        numbers.setdefault(row["rating_label"], set()).add(
            int(row["rating_value"]) if row["rating_value"] else None
        )
        assert (int(row["rating_value"]) if row["rating_value"] else None) == NUMBERS.get(
            row["rating"]
        )
    assert all(len(values) == 1 for values in numbers.values()), numbers
    assert numbers["Unverifiable"] == {None}
    assert numbers["Half true"] == numbers["Misleading"] == {3}


def test_the_claimant_is_the_speaker_of_a_quote_and_the_publisher_otherwise(folder, claims):
    reviews = {r["url"].rsplit("/", 1)[1]: r for r in checks.jsonl(folder / "claimreview.jsonl")}
    quote = reviews[str(claims["quote"].pk)]["itemReviewed"]
    assert quote["author"] == {"@type": "Person", "name": "Volodymyr Zelensky"}
    figure = reviews[str(claims["killed"].pk)]["itemReviewed"]
    assert figure["author"] == {"@type": "Organization", "name": "El Comercio"}
    assert figure["appearance"][0]["url"] == "https://news.example/kharkiv"
    assert figure["firstAppearance"] == figure["appearance"][0]
    assert reviews[str(claims["hull"].pk)]["itemReviewed"]["author"]["name"] == "Daily Ledger"


def test_the_feed_is_a_datafeed_holding_exactly_the_claimreview_objects(folder):
    feed = json.loads((folder / "claimreview-feed.json").read_text(encoding="utf-8"))
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    assert feed["dataFeedElement"] == checks.jsonl(folder / "claimreview.jsonl")


def test_fever_records_have_the_fever_shape_and_labels_from_the_rating(folder, claims):
    records = {r["id"]: r for r in checks.jsonl(folder / "fever.jsonl")}
    assert len(records) == len(RELEASED)
    for record in records.values():
        checks.validate(record, checks.FEVER_SCHEMA)
        claim = Claim.objects.get(pk=record["id"])
        verdict = Verdict.objects.get(claim=claim, is_current=True)
        assert record["claim"] == claim.text
        assert record["label"] == FEVER[verdict.rating]
        assert (record["verifiable"] == "NOT VERIFIABLE") == (record["label"] == "NOT ENOUGH INFO")
        for evidence_set in record["evidence"]:
            for annotation, source_id, page, sentence in evidence_set:
                assert annotation == verdict.pk and sentence is None
                if source_id is not None:
                    assert claim.sources.get(pk=source_id).url == page
    # A refuted claim cites the refuting source, not the supporting one.
    shot_down = records[claims["killed"].pk]["evidence"]
    assert [[item[2] for item in group] for group in shot_down] == [["https://city.example/toll"]]
    assert records[claims["evacuated"].pk]["evidence"] == [
        [[Verdict.objects.get(claim=claims["evacuated"], is_current=True).pk, None, None, None]]
    ]


def test_the_data_package_describes_every_file_exactly(folder):
    assert checks.package_problems(folder) == []
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == "1.0.0"
    assert package["created"] == "2024-03-08T12:00:00Z"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["contributors"][0]["roles"] == ["publisher"]
    listed = {r["path"] for r in package["resources"]}
    assert listed == {p.name for p in folder.iterdir()} - {"datapackage.json"}


def test_csv_values_fit_their_table_schema_types(folder):
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if "schema" not in resource:
            continue
        _, rows = checks.csv_rows(folder / resource["path"])
        for field in resource["schema"]["fields"]:
            for row in rows:
                value = row[field["name"]]
                if value == "":
                    assert not field.get("constraints", {}).get("required"), field["name"]
                elif field["type"] == "integer":
                    int(value)
                elif field["type"] == "number":
                    float(value)
                elif field["type"] == "array":
                    assert isinstance(json.loads(value), list)


def test_every_row_carries_its_provenance(folder, claims, people):
    for row in checks.jsonl(folder / "claims.jsonl"):
        claim = Claim.objects.select_related("article", "sentence").get(pk=row["claim_id"])
        article = claim.article
        assert row["article"]["url"] == article.url
        assert row["article"]["content_hash"] == article.content_hash
        assert article.text[row["span"]["start"] : row["span"]["end"]] == row["text"]
        sentence = article.text[row["sentence"]["start"] : row["sentence"]["end"]]
        assert row["text"] in sentence
        assert [(s["url"], s["stance"]) for s in row["sources"]] == list(
            claim.sources.order_by("id").values_list("url", "stance")
        )
        assert row["verdict"]["proposed_by"] == reviewer_pseudonym(people["reviewer"].pk)
        assert row["verdict"]["approved_by"] == reviewer_pseudonym(people["editor"].pk)
        assert row["verdict"]["approved_at"].endswith("T12:00:00Z")
    _, csv_rows = checks.csv_rows(folder / "claims.csv")
    assert [r["claim_id"] for r in csv_rows] == [
        str(r["claim_id"]) for r in checks.jsonl(folder / "claims.jsonl")
    ]
    assert all(r["article_content_hash"] and r["approved_by"] for r in csv_rows)


def test_awkward_text_survives_every_format(folder, claims):
    rows = {r["claim_id"]: r for r in checks.jsonl(folder / "claims.jsonl")}
    launched = rows[claims["launched"].pk]
    assert launched["verdict"]["rationale"] == (
        'Matches the air force\'s "daily" report, line 3.\nChecked twice.'
    )
    assert launched["sources"][0]["excerpt"] == '"21 Shahed drones", it says,\nfull stop.'
    assert rows[claims["hull"].pk]["value"] == 2.5e-05
    assert rows[claims["evacuated"].pk]["value"] == 1500
    _, csv_rows = checks.csv_rows(folder / "claims.csv")
    by_id = {int(r["claim_id"]): r for r in csv_rows}
    assert by_id[claims["launched"].pk]["rationale"] == launched["verdict"]["rationale"]
    assert float(by_id[claims["hull"].pk]["value"]) == 2.5e-05
    assert by_id[claims["cafe"].pk]["counted"] == "people served, café"
    _, sources = checks.csv_rows(folder / "sources.csv")
    assert {s["title"] for s in sources} >= {"Café «Quai»", "Address — 1 March"}


def test_reviewer_ids_are_keyed_hashes_stable_across_releases(claims, people, publish, settings):
    first = checks.jsonl(publish("1.0.0")[1] / "claims.jsonl")
    second = checks.jsonl(publish("1.1.0")[1] / "claims.jsonl")
    ids = {r["verdict"]["approved_by"] for r in first}
    assert ids == {r["verdict"]["approved_by"] for r in second}
    assert ids == {reviewer_pseudonym(people["editor"].pk)}
    assert str(people["editor"].pk) not in ids.pop()
    assert reviewer_pseudonym(people["editor"].pk, salt="another") != reviewer_pseudonym(
        people["editor"].pk
    )


def test_the_datasheet_counts_claims_and_documents_the_scale(folder):
    sheet = (folder / "DATASHEET.md").read_text(encoding="utf-8")
    assert "| count | 3 |" in sheet and "| numeric | 3 |" in sheet
    assert "| casualty | 1 |" in sheet and "| quote | 1 |" in sheet
    assert "| Global Happenings | 5 |" in sheet and "| Daily Ledger | 3 |" in sheet
    assert "| true | 2 |" in sheet
    assert "| `misleading` | Misleading | 3 | NOT ENOUGH INFO |" in sheet
    assert "| `unverifiable` | Unverifiable |  | NOT ENOUGH INFO |" in sheet
    assert "`worstRating` 1, `bestRating` 5" in sheet
    assert "[verdict_id, source_id, source_url, null]" in sheet
    assert "This is the first published release." in sheet
    assert "Filters: none" in sheet
