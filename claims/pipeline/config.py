"""Defaults shared by the pipeline steps, in one place."""

# Bumped whenever extraction output can change, so stored claims record what made them.
PIPELINE_VERSION = "0.1.0"

# The documented size limit for one article, in bytes of UTF-8 input.
MAX_INPUT_BYTES = 2 * 1024 * 1024
