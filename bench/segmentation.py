"""Sentence splitting: our splitter against pySBD, accuracy and speed in one run.

Run: ``/work/main/.venv/bin/python bench/segmentation.py [--kb 600]``

Accuracy is the share of cases in tests/data/segmentation/cases.json split exactly
right. Speed is characters per second on the same generated news text for both.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pysbd  # noqa: E402

from claims.pipeline.clean import clean  # noqa: E402
from claims.pipeline.roles import assign_roles  # noqa: E402
from claims.pipeline.segment import split_sentences  # noqa: E402

CASES = ROOT / "tests" / "data" / "segmentation" / "cases.json"

_PARAGRAPHS = [
    "Air defences shot down {n} of the {m} drones launched overnight, the air force said on "
    "{day}. Debris fell on a residential area of {city}, where at least {k} people were "
    "injured. \u201cThe night was loud but we held,\u201d said {name}, the head of the "
    "regional administration.",
    "The attack began shortly after 2 a.m. and lasted almost four hours. Emergency crews "
    "worked through the morning to put out fires at a warehouse and two private homes. "
    "Power was restored to most districts by 11 a.m., the energy ministry said.",
    "Gen. {name} told reporters that the missiles had been fired from the south. He did not "
    "say how many had reached their targets. Officials in {city} put the damage at about "
    "${k}.5 million, a figure that could rise as inspections continue.",
    "In Brussels, E.U. foreign ministers agreed to extend sanctions for another six months. "
    "The decision needs the approval of all 27 member states. Diplomats said Hungary had "
    "dropped its objections after talks with Dr. {name}, the commission's legal adviser.",
    "Turnout in the local elections reached 61.4%, up from 57.9% four years ago. Mr. "
    "{name}'s party won {n} of the {m} seats on the council. \u201cPeople want the roads "
    "fixed... and they want it now,\u201d he said at a rally in {city} on {day}.",
    "A Reuters witness saw columns of smoke rising over the port. The U.S. State Department "
    "said it was aware of the reports. Asked whether more aid would follow, a spokeswoman "
    "said: \u201cWe are reviewing every option.\u201d",
    "The shelter at No. {k} Harbour St. now houses {m} families. Volunteers bring food twice "
    "a day, but blankets, heaters, medicines, etc. remain scarce. Why has the city not opened "
    "more sites? Officials blamed a shortage of staff.",
    "Prices for bread, milk and fuel rose 3.2% in {day}'s figures, according to the "
    "statistics office. Economists at Baltic Capital Ltd. had expected 2.9%. The central bank "
    "meets again on Jan. 14 and is likely to raise rates by 0.25 percentage points.",
]
_NAMES = ["Oksana Lysenko", "Piotr Nowak", "Maria Santos", "Ahmed Karimi", "Elena Duarte"]
_CITIES = ["Odesa", "Kharkiv", "Dnipro", "Lviv", "Zaporizhzhia", "Sumy"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_HEADLINES = [
    "Drones target power plants as talks stall",
    "Ministers extend sanctions for six months",
    "Inflation edges up as fuel prices climb",
]


def news_text(kilobytes: int, seed: int = 7) -> str:
    """Generate news-style prose of about ``kilobytes`` KB, varied so no two articles match."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < kilobytes * 1024:
        article = [rng.choice(_HEADLINES)]
        for template in rng.sample(_PARAGRAPHS, k=6):
            article.append(
                template.format(
                    n=rng.randint(10, 40),
                    m=rng.randint(41, 90),
                    k=rng.randint(2, 19),
                    name=rng.choice(_NAMES),
                    city=rng.choice(_CITIES),
                    day=rng.choice(_DAYS),
                )
            )
        chunk = "\n\n".join(article)
        parts.append(chunk)
        size += len(chunk) + 2
    return "\n\n".join(parts)


def ours(text: str) -> list[str]:
    """Our sentence texts."""
    return [s.text for s in split_sentences(text)]


def cleaned_and_assigned(text: str) -> list[str]:
    """Clean, split and assign roles: the pipeline up to extraction."""
    document = clean(text)
    _, sentences = assign_roles(document, split_sentences(document.text))
    return [s.text for s in sentences]


def make_pysbd():
    """pySBD as configured for offsets, returning stripped sentence texts."""
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> list[str]:
        return [span.sent.strip() for span in segmenter.segment(text) if span.sent.strip()]

    return split


def accuracy(split, cases) -> float:
    """Share of cases whose sentences come out exactly as expected."""
    right = sum(split(case["text"]) == case["sentences"] for case in cases)
    return right / len(cases)


def chars_per_second(split, text: str, repeats: int) -> float:
    """Median characters per second over ``repeats`` runs."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        split(text)
        timings.append(time.perf_counter() - started)
    return len(text) / statistics.median(timings)


def main() -> None:
    """Print accuracy and speed for both splitters and the speed ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=600, help="size of the news text in KB")
    args = parser.parse_args()

    cases = json.loads(CASES.read_text(encoding="utf-8"))
    pysbd_split = make_pysbd()
    text = news_text(args.kb)

    ours_acc, pysbd_acc = accuracy(ours, cases), accuracy(pysbd_split, cases)
    ours_cps = chars_per_second(ours, text, repeats=7)
    pysbd_cps = chars_per_second(pysbd_split, text, repeats=3)
    steps_cps = chars_per_second(cleaned_and_assigned, text, repeats=5)

    print(f"cases: {len(cases)}   news text: {len(text):,} characters")
    print(f"accuracy  ours {ours_acc:6.1%}   pySBD {pysbd_acc:6.1%}")
    print(f"chars/s   ours {ours_cps:12,.0f}   pySBD {pysbd_cps:12,.0f}")
    print(f"speed ratio ours/pySBD: {ours_cps / pysbd_cps:.1f}x")
    print(
        f"clean + split + roles: {steps_cps:12,.0f} chars/s "
        f"({steps_cps / pysbd_cps:.1f}x pySBD's splitting alone)"
    )


if __name__ == "__main__":
    main()
