"""Turn raw input (bytes, plain text or HTML) into a clean ``Document``.

Plain text is normalised in place so that offsets move as little as possible: line
endings become "\\n", Unicode spaces become " " (same length), invisible characters
go, trailing spaces and runs of blank lines shrink. Curly quotes stay as they are,
because quote extraction needs them. HTML goes through a main-text extractor first.
"""

from __future__ import annotations

import re

from claims.pipeline import config
from claims.pipeline.errors import EmptyInput, InputTooLarge, NotText
from claims.pipeline.html import extract_html
from claims.pipeline.types import Document

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# C0/C1 controls other than tab, line feed, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Binary data shows up as a noticeable share of control characters.
_MAX_CONTROL_SHARE = 0.01
_MIN_CONTROL_COUNT = 8

# Same-length replacements keep plain-text offsets stable. Regexes rather than
# str.translate: they skip ahead in C and most texts hold few of these characters.
_UNICODE_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_SEPARATOR = re.compile("[\x0b\x0c\x85\u2028\u2029]")
# Soft hyphens, zero-width characters, BOMs and stray control characters.
_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+"
)
_BLANK_RUNS = re.compile(r"\n{3,}")

_HTML_HEAD = 4096
# How many leading lines of extracted HTML text may already hold the title.
_TITLE_LINES = 5
_HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|h[1-6]|article|section|main|header|footer|nav|ul|ol|li|"
    r"table|tr|td|img|figure|figcaption|blockquote|strong|em|b|i|script|style|meta|"
    r"title|link)(?:\s[^<>]*)?/?>",
    re.I,
)


def decode(data: bytes) -> str:
    """Decode uploaded bytes as UTF-8 (or UTF-16/32 with a BOM), refusing binary junk."""
    if len(data) > config.MAX_INPUT_BYTES:
        raise InputTooLarge(
            f"input is {len(data):,} bytes; the limit is {config.MAX_INPUT_BYTES:,} bytes"
        )
    encoding, skip = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, skip = name, len(bom)
            break
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start]
        raise NotText(
            f"input is not valid {encoding.upper()} text: byte 0x{bad:02x} at offset "
            f"{exc.start + skip} cannot be decoded"
        ) from None
    _check_text(text)
    return text


def clean(raw: str, *, is_html: bool | None = None) -> Document:
    """Normalise plain text or extract the main text of HTML into a ``Document``."""
    _check_size(raw)
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    if not raw.strip():
        raise EmptyInput("input is empty")
    if is_html is None:
        is_html = looks_like_html(raw)
    if is_html:
        extracted = extract_html(raw)
        text = normalise(extracted.text)
        title = normalise(extracted.title).strip() if extracted.title else None
        if title and not _mentions(text, title):
            text = f"{title}\n\n{text}" if text else title
        document = Document(
            text=text, title=title or None, language=extracted.language, source_format="html"
        )
    else:
        document = Document(text=normalise(raw), source_format="text")
    if not document.text:
        raise EmptyInput("no text left after cleaning")
    _check_size(document.text)
    return document


def looks_like_html(raw: str) -> bool:
    """Whether ``raw`` is an HTML document or fragment (real tags near the start)."""
    head = raw[:_HTML_HEAD]
    if _HTML_DOCUMENT.search(head):
        return True
    tags = _HTML_TAG.findall(head)
    return len(tags) >= 2


def normalise(text: str) -> str:
    """Normalise whitespace and invisible characters, keeping offsets as stable as possible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNICODE_SPACE.sub(" ", text)
    text = _LINE_SEPARATOR.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    # Line by line: a regex for trailing spaces would rescan long runs of spaces.
    text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def _check_text(text: str) -> None:
    nul = text.find("\x00")
    if nul != -1:
        raise NotText(f"input looks binary: NUL character at offset {nul}")
    controls = len(_CONTROL.findall(text))
    if controls >= _MIN_CONTROL_COUNT and controls > _MAX_CONTROL_SHARE * len(text):
        first = _CONTROL.search(text)
        raise NotText(
            f"input looks binary: {controls} control characters, the first "
            f"(0x{ord(first.group()):02x}) at offset {first.start()}"
        )
    if not text.strip():
        raise EmptyInput("input is empty")


def _check_size(text: str) -> None:
    limit = config.MAX_INPUT_BYTES
    # A character takes one to four bytes, so most texts need no encoding to tell.
    if len(text) * 4 <= limit:
        return
    size = len(text) if len(text) > limit else len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputTooLarge(f"input is at least {size:,} bytes; the limit is {limit:,} bytes")


def _mentions(text: str, title: str) -> bool:
    """Whether one of the first lines of the extracted text already is the title."""
    wanted = " ".join(title.split()).casefold()
    lines = (" ".join(line.split()).casefold() for line in text[:5000].split("\n"))
    for line in [line for line in lines if line][:_TITLE_LINES]:
        shorter, longer = sorted((line, wanted), key=len)
        if shorter in longer and len(shorter) >= 0.6 * len(longer):
            return True
    return False
