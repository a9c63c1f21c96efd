"""Corpus evaluation of newsclean (and other engines) and the quality gate.

Public entry points::

    result = run_eval(Path("../shared/corpus"), compare=["trafilatura"], limit=None)
    print(format_table(result))
    write_json(result, Path("eval.json"))
    print(worse_pages(result, margin=5.0))

``python -m newsclean.evaluation DIR --compare trafilatura --json OUT --worse`` does the
same from the shell; ``python -m newsclean.evaluation.gate`` checks, raises or (with
``--allow-lower``) lowers the floors in ``quality/floors.toml``.
"""

from __future__ import annotations

from newsclean.evaluation.report import format_table, main, worse_pages, write_json
from newsclean.evaluation.runner import EvalResult, PageResult, PartResult, run_eval

__all__ = [
    "EvalResult",
    "PageResult",
    "PartResult",
    "format_table",
    "main",
    "run_eval",
    "worse_pages",
    "write_json",
]
