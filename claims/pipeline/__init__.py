"""Pure-Python claim pipeline: clean → segment → roles → extract → score.

No Django import anywhere below this package, so it runs, tests and benchmarks
without a database. ``extract`` runs every step on one input.
"""

from claims.pipeline.run import extract
from claims.pipeline.segment import split_sentences
from claims.pipeline.types import Claim, Document, Extraction, Sentence

__all__ = ["Claim", "Document", "Extraction", "Sentence", "extract", "split_sentences"]
