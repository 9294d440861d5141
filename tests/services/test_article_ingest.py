"""Ingestion stores good input once and refuses bad input without writing anything."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Article, ArticleStatus
from claims.pipeline.config import MAX_INPUT_BYTES
from claims.pipeline.errors import EmptyInput, InputTooLarge, NotText
from claims.services.articles import article_ingest, content_hash

pytestmark = pytest.mark.django_db


def test_an_article_is_stored_queued_with_the_hash_of_its_clean_text(seed_text):
    result = article_ingest(raw=seed_text, outlet="Global Happenings")
    article = result.article
    assert result.created
    assert article.status == ArticleStatus.QUEUED
    assert article.raw == seed_text
    assert article.content_hash == content_hash(article.text)
    assert article.outlet == "Global Happenings"


def test_the_same_content_twice_is_stored_once(seed_text):
    first = article_ingest(raw=seed_text)
    second = article_ingest(raw=seed_text.encode("utf-8"))
    assert not second.created
    assert second.article.pk == first.article.pk
    assert Article.objects.count() == 1


@pytest.mark.parametrize("raw", ["", "   \n\t  \n", b"", b"\n\n"])
def test_empty_or_whitespace_input_is_refused_and_nothing_is_stored(raw):
    with pytest.raises(EmptyInput) as excinfo:
        article_ingest(raw=raw)
    assert excinfo.value.code == "empty"
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    "raw", [b"\xff\xfe\x00\x00garbage\x00\x01\x02", b"Caf\xe9 au lait and more text.", b"\x00" * 64]
)
def test_undecodable_or_binary_bytes_are_refused_and_nothing_is_stored(raw):
    with pytest.raises(NotText) as excinfo:
        article_ingest(raw=raw)
    assert excinfo.value.code == "not_text"
    assert Article.objects.count() == 0


def test_an_article_over_the_size_limit_is_refused_naming_the_limit():
    huge = "Officials said 12 people were hurt. " * (MAX_INPUT_BYTES // 36 + 10)
    with pytest.raises(InputTooLarge) as excinfo:
        article_ingest(raw=huge)
    assert f"{MAX_INPUT_BYTES:,}" in excinfo.value.message
    assert Article.objects.count() == 0


def test_invalid_metadata_is_refused_and_nothing_is_stored(seed_text):
    with pytest.raises(ValidationError) as excinfo:
        article_ingest(raw=seed_text, url="javascript:alert(1)")
    assert "url" in excinfo.value.message_dict
    assert Article.objects.count() == 0


def test_script_and_style_in_html_never_reach_the_clean_text():
    html = """<html><head><title>Flood update</title><style>p { color: red }</style>
    <script>var secret = "Ten thousand people evacuated";</script></head>
    <body><article><h1>Flood update</h1>
    <p>Rescue teams evacuated 1,200 residents from the river district on Sunday.</p>
    <p>The regional governor said the water level had fallen by 40 centimetres overnight.</p>
    <script>document.write("Injected 99 casualties")</script>
    </article></body></html>"""
    article = article_ingest(raw=html).article
    assert article.raw_format == "html"
    assert "1,200 residents" in article.text
    assert "secret" not in article.text
    assert "Injected" not in article.text
    assert "color: red" not in article.text
