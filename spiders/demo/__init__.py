"""The demo news site: its server (:mod:`.server`) and ``python -m spiders.demo``.

The site's files live in ``spiders/demo_site/`` (see :mod:`.server` for the contract).
"""
