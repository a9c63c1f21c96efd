"""Optional dependencies: import one for a feature, or fail with the extra to install.

``pip install newsclean`` brings what :func:`newsclean.extract`, :func:`newsclean.clean_text`
and ``newsclean extract`` on HTML and text files need. The rest are extras
(``pyproject.toml``): ``scrapy`` (:mod:`newsclean.scrapy`), ``dedup`` (:mod:`newsclean.dedup`),
``warc`` (:func:`newsclean.read_warc`, WARC inputs of the CLI), ``dask``
(``newsclean extract --dask``), ``all``. Their imports happen only here, when the feature
is used, so that ``import newsclean`` never loads them.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class MissingExtraError(ImportError):
    """A feature was used without the optional packages it needs.

    The message names the feature, the missing module and the command that installs it
    (``pip install 'newsclean[warc]'``); ``extra`` is the extra's name. An ``ImportError``,
    so ``except ImportError`` still catches it, raised at the call that used the feature.
    """

    def __init__(self, feature: str, module: str, extra: str) -> None:
        super().__init__(f"{feature} needs {module.split('.')[0]}, which is not installed: pip install 'newsclean[{extra}]'", name=module)
        self.feature = feature
        self.extra = extra


def require(module: str, extra: str, feature: str) -> ModuleType:
    """``module``, imported; or :class:`MissingExtraError` naming ``extra`` when it is not installed."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and module.split(".")[0] != error.name.split(".")[0]:
            raise  # the optional package is there but one of *its* dependencies is not: not ours to relabel
        raise MissingExtraError(feature, module, extra) from None


__all__ = ["MissingExtraError", "require"]
