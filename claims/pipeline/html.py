"""Main-text extraction from HTML for the cleaning step.

trafilatura does the real work (main text without menus, comments or tables). When it
finds nothing, a plain lxml walk over the block elements takes over; documents nested
deeper than the parser allows go through a linear tag-stripping pass instead, so no
input can exhaust the recursion limit. Script and style contents never reach the text.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import NamedTuple

import lxml.etree
import lxml.html
import trafilatura

from claims.pipeline.errors import UnreadableHtml

_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe")
_BLOCK_TAG_NAMES = (
    "p|div|br|h1|h2|h3|h4|h5|h6|li|ul|ol|dl|dt|dd|tr|table|article|section|main|header|"
    "footer|aside|blockquote|pre|figure|figcaption|address|hr|nav|form|title"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split("|"))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)
_TITLE = re.compile(r"<title\b[^>]*>([^<]{1,500})</title", re.I)
# The regex fallback: invisible elements, comments, block boundaries, other tags.
_STRIP_INVISIBLE = re.compile(
    r"<(script|style|noscript|template|svg|iframe)\b[^<>]*>(?:.*?</\1\s*>|.*+)"
    r"|<!--(?:.*?-->|.*+)|<title\b[^<>]*>[^<]*</title\s*>",
    re.I | re.S,
)
_BLOCK_TAG = re.compile(r"</?(?:" + _BLOCK_TAG_NAMES + r")\b[^<>]*>", re.I)
# "[^<>]" rather than "[^>]": a stray "<" can then never make the scan quadratic.
_ANY_TAG = re.compile(r"<[^<>]*>")
_SPACES = re.compile(r"[^\S\n]+")
_PARAGRAPH_BREAKS = re.compile(r"(?<![^\S\n])[^\S\n]*+\n\s*+")


class ExtractedHtml(NamedTuple):
    """Main text (paragraphs separated by blank lines), title and declared language."""

    text: str
    title: str | None
    language: str | None


def extract_html(raw: str) -> ExtractedHtml:
    """Extract the main text, title and language of an HTML document."""
    raw = _XML_DECLARATION.sub("", raw, count=1)
    lang = _LANG.search(raw[:4096])
    language = lang.group(1).lower() if lang else None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(raw, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        text = _strip_tags(raw)
        if text:
            return ExtractedHtml(text, _title_by_regex(raw), language)
        raise UnreadableHtml(f"HTML could not be parsed: {exc}") from None
    if _too_deep(parser):
        # libxml2 silently drops everything below its depth limit.
        return ExtractedHtml(_strip_tags(raw), _title_by_regex(raw), language)
    title = _title_of(tree)
    text = _trafilatura_text(raw)
    if not text:
        text = _lxml_text(tree)
    return ExtractedHtml(text, title, language)


def _trafilatura_text(raw: str) -> str:
    try:
        result = trafilatura.bare_extraction(
            raw,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=False,
        )
    except (RecursionError, ValueError, TypeError, AttributeError, lxml.etree.LxmlError):
        return ""
    if result is None or not result.text:
        return ""
    # trafilatura puts one paragraph per line; the documents keep a blank line between.
    return "\n\n".join(line.strip() for line in result.text.split("\n") if line.strip())


def _lxml_text(tree: lxml.html.HtmlElement) -> str:
    lxml.etree.strip_elements(tree, *_INVISIBLE_TAGS, with_tail=False)
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + element.tail if element.tail else "\n"
        element.text = "\n" + element.text if element.text else "\n"
    return _paragraphs("".join(tree.itertext()))


def _strip_tags(raw: str) -> str:
    text = _STRIP_INVISIBLE.sub(" ", raw)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    return _paragraphs(html_lib.unescape(text))


def _paragraphs(text: str) -> str:
    text = _SPACES.sub(" ", text)
    return _PARAGRAPH_BREAKS.sub("\n\n", text).strip()


def _too_deep(parser: lxml.html.HTMLParser) -> bool:
    return any("depth" in entry.message.lower() for entry in parser.error_log)


def _title_of(tree: lxml.html.HtmlElement) -> str | None:
    # og:title and <h1> are usually the bare headline; <title> often adds the site name.
    for path in ('//meta[@property="og:title"]/@content', "//h1//text()", "//title/text()"):
        found = " ".join(" ".join(str(x) for x in tree.xpath(path)).split())
        if found:
            return found
    return None


def _title_by_regex(raw: str) -> str | None:
    found = _TITLE.search(raw)
    return " ".join(html_lib.unescape(found.group(1)).split()) or None if found else None
