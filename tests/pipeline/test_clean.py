import contextlib
import time
from pathlib import Path

import pytest

from claims.pipeline import config
from claims.pipeline.clean import clean, decode, looks_like_html
from claims.pipeline.errors import EmptyInput, InputTooLarge, NotText, UnreadableHtml

SEED = Path(__file__).parent.parent.parent / "seeds" / "000_3ba770696fec4946.txt"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Dam breach floods valley | The Daily Planet</title>
  <meta property="og:title" content="Dam breach floods valley">
  <style>body { font-family: serif; } .secret-style { color: red; }</style>
  <script>var tracking = "SECRET-SCRIPT"; window.alert("hi");</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <article>
    <h1>Dam breach floods valley</h1>
    <p>Water from the broken dam reached the first villages before dawn on Tuesday,
       forcing thousands of residents to climb onto roofs and wait for boats.</p>
    <script>document.write("SECRET-INLINE");</script>
    <p>Officials said at least 14 people had died and more than 2,000 had been evacuated
       by the evening, as rescue teams moved further down the valley.</p>
    <p>The regional governor called the breach &ldquo;a catastrophe&rdquo; and asked the army
       for help with helicopters and field hospitals.</p>
  </article>
  <footer>Copyright 2023 The Daily Planet</footer>
</body>
</html>"""


# -- decode ---------------------------------------------------------------------------


def test_utf8_bom_is_stripped():
    assert decode("\ufeffKyiv".encode()) == "Kyiv"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(codec):
    data = "Zaporizhzhia \u2013 5 km".encode(codec)
    if codec != "utf-16":
        data = ("\ufeff").encode(codec) + data
    assert decode(data) == "Zaporizhzhia \u2013 5 km"


def test_invalid_utf8_names_the_byte_and_its_offset():
    with pytest.raises(NotText) as caught:
        decode(b"casualties: \xff\xfe 12")
    assert caught.value.code == "not_text"
    assert "0xff" in caught.value.message
    assert "offset 12" in caught.value.message


def test_nul_bytes_are_refused_as_binary():
    with pytest.raises(NotText, match="NUL character at offset 3"):
        decode(b"abc\x00def")


def test_many_control_characters_are_refused_as_binary():
    with pytest.raises(NotText, match="control characters"):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 10 + b"text")


def test_a_stray_control_character_is_tolerated():
    assert decode(b"Page\x0cbreak and more text here") == "Page\x0cbreak and more text here"


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\t\n", b"\xef\xbb\xbf  "])
def test_empty_or_blank_bytes_raise_empty_input(data):
    with pytest.raises(EmptyInput) as caught:
        decode(data)
    assert caught.value.code == "empty"


def test_oversized_bytes_name_the_limit_and_the_size(monkeypatch):
    monkeypatch.setattr(config, "MAX_INPUT_BYTES", 100)
    with pytest.raises(InputTooLarge) as caught:
        decode(b"x" * 101)
    assert caught.value.code == "too_large"
    assert "101" in caught.value.message and "100" in caught.value.message


# -- plain text -----------------------------------------------------------------------


def test_seed_article_is_left_unchanged():
    raw = SEED.read_text("utf-8")
    document = clean(raw)
    assert document.text == raw
    assert document.source_format == "text"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("5\u00a0km and 7\u202fkm", "5 km and 7 km"),
        ("thin\u2009space and ideographic\u3000space", "thin space and ideographic space"),
        ("drone\u00adstrike", "dronestrike"),
        ("zero\u200bwidth\u200djoin\u2060er", "zerowidthjoiner"),
        ("trailing spaces   \nnext", "trailing spaces\nnext"),
        ("first\n\n\n\n\nsecond", "first\n\nsecond"),
        ("“curly” \u2018quotes\u2019 stay", "“curly” \u2018quotes\u2019 stay"),
        ("line\u2028separator", "line\nseparator"),
    ],
)
def test_plain_text_normalisation(raw, expected):
    assert clean(raw).text == expected


def test_same_length_replacements_keep_offsets_stable():
    raw = "At\u00a0least 7 people were killed."
    text = clean(raw).text
    assert len(text) == len(raw)
    assert text.index("7") == raw.index("7")


@pytest.mark.parametrize("raw", ["", "   \n\t", "\u200b\u00ad\n"])
def test_empty_after_cleaning_raises_empty_input(raw):
    with pytest.raises(EmptyInput):
        clean(raw)


def test_oversized_text_raises_input_too_large(monkeypatch):
    monkeypatch.setattr(config, "MAX_INPUT_BYTES", 50)
    with pytest.raises(InputTooLarge, match="limit is 50"):
        clean("é" * 30)


# -- HTML detection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (ARTICLE_HTML, True),
        ("<p>One paragraph.</p><p>Another.</p>", True),
        ("<div class='x'>Text</div>", True),
        ("The ratio was 3 < 5 and 7 > 2 in every case.", False),
        ("Use the <p> tag to start a paragraph.", False),
        ("Plain article text about <unknown> things.", False),
    ],
)
def test_html_is_detected_by_real_tags(raw, expected):
    assert looks_like_html(raw) is expected


# -- HTML extraction ------------------------------------------------------------------


def test_html_main_text_is_extracted_in_paragraphs():
    document = clean(ARTICLE_HTML)
    assert document.source_format == "html"
    assert document.title == "Dam breach floods valley"
    assert document.language == "en"
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == "Dam breach floods valley"
    assert any(p.startswith("Officials said at least 14 people had died") for p in paragraphs)
    assert "“a catastrophe”" in document.text


def test_script_and_style_never_reach_the_text():
    text = clean(ARTICLE_HTML).text
    for leaked in ("SECRET", "tracking", "font-family", "window.alert"):
        assert leaked not in text


def test_tiny_html_falls_back_to_lxml_and_drops_scripts():
    document = clean("<p>Hello <b>world</b>.</p><script>steal()</script><style>p{}</style>")
    assert document.text == "Hello world."
    assert document.source_format == "html"


def test_is_html_flag_overrides_detection():
    assert clean("<b>bold</b> move", is_html=False).text == "<b>bold</b> move"
    assert clean("<b>bold</b> move", is_html=True).text == "bold move"


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deeply_nested_html_returns_promptly_with_text(depth):
    raw = (
        "<html><body>"
        + "<div>" * depth
        + "<p>Deep paragraph.</p><script>hidden()</script>"
        + "</div>" * depth
        + "<p>Closing paragraph.</p></body></html>"
    )
    started = time.perf_counter()
    try:
        document = clean(raw)
    except UnreadableHtml:
        return
    assert time.perf_counter() - started < 2
    assert "Deep paragraph." in document.text
    assert "Closing paragraph." in document.text
    assert "hidden" not in document.text


def test_html_without_text_raises_empty_input():
    with pytest.raises(EmptyInput):
        clean("<html><body><script>only()</script><style>x{}</style></body></html>")


@pytest.mark.parametrize("junk", ["<" * 200_000, "<script>" * 50_000, "<!--" * 50_000])
def test_malformed_markup_is_handled_in_linear_time(junk):
    raw = "<html><body><p>Text before.</p>" + junk
    started = time.perf_counter()
    with contextlib.suppress(EmptyInput, UnreadableHtml):
        clean(raw)
    assert time.perf_counter() - started < 5
