"""The demo news site: its server (:mod:`.server`) and ``python -m demo`` (run from the repository root).

The site's files live in ``demo/site/`` (see :mod:`.server` for the contract). This folder is
part of the repository, not of the wheel: ``pip install newsclean`` installs the library only.
"""
