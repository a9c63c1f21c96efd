"""The demo news site (:mod:`.site`, :mod:`.content`), its server (:mod:`.server`) and `python -m spiders.demo`."""
