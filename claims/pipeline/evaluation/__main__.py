"""``python -m claims.pipeline.evaluation DIR``: print the development-set scores."""

import sys

from claims.pipeline.evaluation.report import main

sys.exit(main())
