"""`manage.py ingest`: files, folders and JSONL, idempotent, with a clear summary."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, ArticleStatus

pytestmark = pytest.mark.django_db

STORM = "Storm Idris cut power to 48,000 homes on Tuesday, the grid operator said.\n"
QUAKE = "An earthquake of magnitude 6.1 struck off the coast, injuring at least 14 people.\n"


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a command with its on-commit hand-offs executed, as outside a test."""

    def run_command(name, *args):
        out, err = StringIO(), StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            try:
                call_command(name, *map(str, args), stdout=out, stderr=err)
            except CommandError as exc:
                err.write(str(exc))
        return out.getvalue(), err.getvalue()

    return run_command


def test_a_folder_of_text_and_html_files_is_ingested_with_sidecar_metadata(tmp_path, run):
    (tmp_path / "storm.txt").write_text(STORM)
    (tmp_path / "storm.meta.json").write_text(json.dumps({"outlet": "Coast Courier"}))
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "quake.html").write_text(f"<html><body><p>{QUAKE}</p></body></html>")
    out, _ = run("ingest", tmp_path)
    assert "2 new, 0 duplicate, 0 failed" in out
    assert Article.objects.get(outlet="Coast Courier").text.startswith("Storm Idris")
    assert Article.objects.get(raw_format="html").status == ArticleStatus.READY


def test_ingesting_the_same_files_again_reports_duplicates(tmp_path, run):
    (tmp_path / "storm.txt").write_text(STORM)
    run("ingest", tmp_path)
    out, _ = run("ingest", tmp_path)
    assert "0 new, 1 duplicate, 0 failed" in out
    assert Article.objects.count() == 1


def test_jsonl_lines_carry_metadata_and_bad_lines_are_reported_with_reasons(tmp_path, run):
    lines = [
        json.dumps({"text": STORM, "title": "Storm", "published_at": "2026-03-04T08:00:00Z"}),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"text": "   "}),
        json.dumps({"html": f"<html><body><p>{QUAKE}</p></body></html>", "language": "en"}),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n")
    out, err = run("ingest", feed)
    assert "2 new, 0 duplicate, 3 failed" in out
    assert f"{feed}:2: not valid JSON" in err
    assert f'{feed}:3: needs a "text" or "html" string' in err
    assert f"{feed}:4:" in err and "[empty]" in err
    storm = Article.objects.get(title="Storm")
    assert storm.published_at.isoformat() == "2026-03-04T08:00:00+00:00"


def test_a_missing_path_is_an_error_before_anything_is_stored(tmp_path, run):
    (tmp_path / "storm.txt").write_text(STORM)
    with pytest.raises(CommandError, match="No such file"):
        call_command("ingest", str(tmp_path / "storm.txt"), str(tmp_path / "absent.txt"))
    assert Article.objects.count() == 0


def test_binary_files_fail_with_a_reason_and_the_rest_is_ingested(tmp_path, run):
    (tmp_path / "storm.txt").write_text(STORM)
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 4)
    out, err = run("ingest", tmp_path)
    assert "1 new, 0 duplicate, 1 failed" in out
    assert "photo.txt" in err and "[not_text]" in err


def test_retry_articles_puts_a_failed_article_back_through_the_pipeline(tmp_path, run):
    (tmp_path / "storm.txt").write_text(STORM)
    run("ingest", tmp_path)
    article = Article.objects.get()
    article.claims.all().delete()
    article.sentences.all().delete()
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.FAILED, error="boom")
    out, _ = run("retry_articles", "--failed")
    assert f"Article {article.pk}: " in out
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    assert article.error == ""
    assert article.sentences.exists()
