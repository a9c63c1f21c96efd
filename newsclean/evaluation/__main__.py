"""``python -m newsclean.evaluation DIR [--compare ENGINE] [--json OUT] [--worse]``."""

from __future__ import annotations

import sys

from newsclean.evaluation.report import main

if __name__ == "__main__":
    sys.exit(main())
