"""Check the gold files of the development set, and fill in missing spans.

    python tests/data/extraction/check_gold.py            # check only, exit 1 on a problem
    python tests/data/extraction/check_gold.py --write    # also fill spans and quote texts

An annotation is written by hand with its ``evidence_text`` (plus a ``sentence_start``
when that text occurs more than once); this script finds the character span, derives
a quote's text from its evidence, and verifies ``text[start:end] == evidence_text``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KINDS = {"casualty", "count", "numeric", "quote"}
QUALIFIERS = {
    "exact",
    "at_least",
    "more_than",
    "fewer_than",
    "about",
    "almost",
    "up_to",
    "range",
}
QUOTE_MARKS = '"“”'
KEY_ORDER = (
    "type",
    "value",
    "value_min",
    "value_max",
    "qualifier",
    "counted",
    "unit",
    "actor",
    "location",
    "speaker",
    "speech_verb",
    "quote",
    "optional",
    "why",
    "evidence_text",
    "evidence_span",
    "sentence_start",
)


def locate(text: str, item: dict) -> tuple[int, int]:
    """Return the span of ``evidence_text``, after ``sentence_start`` when given."""
    evidence = item["evidence_text"]
    anchor = item.get("sentence_start")
    if anchor:
        first = text.find(anchor)
        if first < 0:
            raise ValueError(f"sentence_start not found: {anchor!r}")
        if text.find(anchor, first + 1) >= 0:
            raise ValueError(f"sentence_start occurs more than once: {anchor!r}")
        start = text.find(evidence, first)
    else:
        start = text.find(evidence)
        if start >= 0 and text.find(evidence, start + 1) >= 0:
            raise ValueError(f"evidence_text is ambiguous, add sentence_start: {evidence!r}")
    if start < 0:
        raise ValueError(f"evidence_text not found: {evidence!r}")
    return start, start + len(evidence)


def quote_text(evidence: str) -> str:
    """The spoken words of a quote's evidence, without any attribution between parts.

    A quote mark right after a line break reopens a quote continued from the previous
    paragraph, so it does not end a quoted part.
    """
    lines = evidence.split("\n")
    cleaned = [lines[0]] + [line.lstrip(QUOTE_MARKS) for line in lines[1:]]
    joined = "\n".join(cleaned)
    parts = []
    inside = True
    current: list[str] = []
    for ch in joined:
        if ch in QUOTE_MARKS:
            if inside:
                parts.append("".join(current))
            current = []
            inside = not inside
            continue
        current.append(ch)
    if inside:
        parts.append("".join(current))
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def check_item(text: str, item: dict, *, is_claim: bool) -> list[str]:
    """Validate one annotation; fill what can be derived."""
    problems = []
    try:
        span = locate(text, item) if "evidence_span" not in item else tuple(item["evidence_span"])
    except ValueError as exc:
        return [str(exc)]
    start, end = span
    if text[start:end] != item["evidence_text"]:
        problems.append(f"span {span} does not hold {item['evidence_text']!r}")
    item["evidence_span"] = [start, end]
    if not is_claim:
        if not item.get("why"):
            problems.append(f"not_claim without why: {item['evidence_text']!r}")
        return problems
    kind = item.get("type")
    if kind not in KINDS:
        problems.append(f"unknown type {kind!r}")
    if kind == "quote":
        item.setdefault("quote", quote_text(item["evidence_text"]))
        if "speaker" not in item:
            problems.append(f"quote without speaker key: {item['evidence_text']!r}")
    else:
        if item.get("qualifier") not in QUALIFIERS:
            problems.append(f"bad qualifier {item.get('qualifier')!r}")
        if item.get("qualifier") == "range":
            if item.get("value_min") is None or item.get("value_max") is None:
                problems.append(f"range without value_min/value_max: {item['evidence_text']!r}")
            item.setdefault("value", item.get("value_min"))
        elif not isinstance(item.get("value"), int | float):
            problems.append(f"no numeric value: {item['evidence_text']!r}")
    return problems


def ordered(item: dict) -> dict:
    """The item with its keys in a stable, readable order."""
    known = {key: item[key] for key in KEY_ORDER if key in item}
    known.update({key: value for key, value in item.items() if key not in known})
    return known


def dump(gold: dict) -> str:
    """Serialise a gold file with one annotation per line, so diffs stay readable."""
    lines = ["{"]
    keys = list(gold)
    for n, key in enumerate(keys):
        value = gold[key]
        comma = "," if n < len(keys) - 1 else ""
        if isinstance(value, list):
            lines.append(f" {json.dumps(key)}: [")
            for m, item in enumerate(value):
                sep = "," if m < len(value) - 1 else ""
                lines.append("  " + json.dumps(item, ensure_ascii=False) + sep)
            lines.append(f" ]{comma}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def check_file(path: Path, *, write: bool) -> list[str]:
    """Check (and optionally complete) one gold file."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text_path = path.with_name(gold.get("article") or path.stem + ".txt")
    text = text_path.read_bytes().decode("utf-8")
    problems = []
    for key, is_claim in (("claims", True), ("not_claims", False)):
        for item in gold.get(key, []):
            problems += check_item(text, item, is_claim=is_claim)
        gold[key] = sorted(
            (ordered(item) for item in gold.get(key, [])),
            key=lambda item: tuple(item.get("evidence_span", (0, 0))),
        )
    for line in gold.get("boilerplate_lines", []):
        if line not in text:
            problems.append(f"boilerplate line not in text: {line!r}")
    if write and not problems:
        path.write_text(dump(gold), encoding="utf-8")
    return [f"{path.name}: {problem}" for problem in problems]


def main(argv: list[str] | None = None) -> int:
    """Check every gold file beside this script."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="fill spans and quote texts")
    args = parser.parse_args(argv)
    problems = []
    for path in sorted(Path(__file__).parent.glob("*.json")):
        problems += check_file(path, write=args.write)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
