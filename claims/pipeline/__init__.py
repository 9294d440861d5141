"""Pure-Python claim pipeline: clean → segment → roles → extract → score.

No Django import anywhere below this package, so it runs, tests and benchmarks
without a database.
"""

from claims.pipeline.types import Claim, Document, Extraction, Sentence

__all__ = ["Claim", "Document", "Extraction", "Sentence"]
