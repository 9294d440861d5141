"""Throughput of the whole extraction pipeline against pySBD segmentation alone.

    python -m bench.extraction [--megabytes 2.5] [--repeat 3] [--json]

Builds a corpus of news prose from the development-set articles (paragraphs shuffled,
figures and names varied, so no two copies are identical), then on one core and in
the same run times ``claims.pipeline.extract`` and
``pysbd.Segmenter(language="en", clean=False).segment`` on each article in turn.
Prints characters per second for both and their ratio (goal: ratio >= 1.0), plus the
time of each step. No database is involved.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

DEV_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "extraction"
_DIGITS = re.compile(r"\d+")
_NAMES = ("Kravets", "Hrytsai", "Dovbush", "Karaca", "Benavent", "Marsh", "Hughes", "Feld")


def build_corpus(megabytes: float, seed: int = 7) -> list[str]:
    """Articles of varied news prose adding up to at least ``megabytes`` of UTF-8."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(DEV_SET.glob("*.txt"))]
    corpus: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        text = _vary(rng.choice(sources), rng)
        corpus.append(text)
        size += len(text.encode("utf-8"))
    return corpus


def _vary(text: str, rng: random.Random) -> str:
    """Shuffle the body paragraphs and change figures and surnames."""
    lines = text.split("\n")
    head, body = lines[:3], lines[3:]
    rng.shuffle(body)
    varied = "\n".join(head + body)
    varied = _DIGITS.sub(lambda m: _same_length_number(len(m.group()), rng), varied)
    old, new = rng.sample(_NAMES, 2)
    return varied.replace(old, new)


def _same_length_number(digits: int, rng: random.Random) -> str:
    return str(rng.randrange(10 ** (digits - 1), 10**digits))


def pin_to_one_core() -> None:
    """Run on a single CPU where the platform allows it, so the figure is per core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def throughputs(
    runs: dict[str, Callable[[str], object]], corpus: Sequence[str], repeat: int
) -> dict[str, float]:
    """Median characters per second of each run over the whole corpus.

    The runs take turns article by article, so a busy machine slows them alike and
    their ratio stays meaningful even when the absolute figures wander.
    """
    chars = sum(len(text) for text in corpus)
    rates: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        seconds = dict.fromkeys(runs, 0.0)
        for text in corpus:
            for name, run in runs.items():
                started = time.perf_counter()
                run(text)
                seconds[name] += time.perf_counter() - started
        for name in runs:
            rates[name].append(chars / seconds[name])
    return {name: statistics.median(values) for name, values in rates.items()}


def step_seconds(corpus: Sequence[str]) -> dict[str, float]:
    """Seconds spent in each pipeline step over one pass of the corpus."""
    from claims.pipeline.checkworthiness import score_sentences
    from claims.pipeline.clean import clean
    from claims.pipeline.figures import extract_figures
    from claims.pipeline.quotes import extract_quotes
    from claims.pipeline.roles import assign_roles
    from claims.pipeline.segment import split_sentences

    totals = dict.fromkeys(("clean", "segment", "roles", "score", "figures", "quotes"), 0.0)
    for raw in corpus:
        t0 = time.perf_counter()
        document = clean(raw)
        t1 = time.perf_counter()
        sentences = split_sentences(document.text)
        t2 = time.perf_counter()
        document, sentences = assign_roles(document, sentences)
        t3 = time.perf_counter()
        sentences = score_sentences(sentences)
        t4 = time.perf_counter()
        extract_figures(document.text, sentences)
        t5 = time.perf_counter()
        extract_quotes(document.text, sentences)
        t6 = time.perf_counter()
        marks = (t0, t1, t2, t3, t4, t5, t6)
        for name, before, after in zip(totals, marks, marks[1:], strict=False):
            totals[name] += after - before
    return totals


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, time both, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.5, help="corpus size (default 2.5)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes, median kept")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    import pysbd

    from claims.pipeline import extract

    pin_to_one_core()
    corpus = build_corpus(args.megabytes)
    segmenter = pysbd.Segmenter(language="en", clean=False)
    extract(corpus[0])  # warm-up: compile every pattern before timing
    segmenter.segment(corpus[0])
    rates = throughputs({"pipeline": extract, "pysbd": segmenter.segment}, corpus, args.repeat)
    pipeline, sbd = rates["pipeline"], rates["pysbd"]
    steps = step_seconds(corpus)
    result = {
        "articles": len(corpus),
        "characters": sum(len(t) for t in corpus),
        "megabytes": round(sum(len(t.encode("utf-8")) for t in corpus) / 1e6, 2),
        "pipeline_chars_per_s": round(pipeline),
        "pysbd_chars_per_s": round(sbd),
        "ratio": round(pipeline / sbd, 2),
        "step_seconds": {name: round(s, 3) for name, s in steps.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"corpus: {result['articles']} articles, {result['megabytes']} MB, one core")
    print(f"extract (whole pipeline): {pipeline:>12,.0f} chars/s")
    print(f"pySBD segmentation only:  {sbd:>12,.0f} chars/s")
    print(f"ratio pipeline / pySBD:   {result['ratio']:>12.2f}  (goal >= 1.0)")
    print("seconds per step, one pass:", ", ".join(f"{k} {v:.2f}" for k, v in steps.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
