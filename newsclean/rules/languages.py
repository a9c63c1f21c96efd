"""Offline language guess: writing system first, then the most frequent function words.

Used only when the page does not declare its language (plain-text dumps, bare HTML).
"""

from __future__ import annotations

# A script that belongs to one language (or decides between few) settles the question.
SCRIPTS: tuple[tuple[str, str, str], ...] = (
    ("\u3040", "\u30ff", "ja"),  # hiragana + katakana
    ("\uac00", "\ud7af", "ko"),
    ("\u0590", "\u05ff", "he"),
    ("\u0600", "\u06ff", "ar"),
    ("\u0e00", "\u0e7f", "th"),
    ("\u0370", "\u03ff", "el"),
    ("\u4e00", "\u9fff", "zh"),
    ("\u0400", "\u04ff", "ru"),
)

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is that for on with was said as at by from it his her has have are this".split()),
    "de": frozenset("der die das und ist nicht mit von den zu im für auf sich dem des ein eine auch wird sie".split()),
    "fr": frozenset("le la les et des est une un du en que qui pour dans pas sur au avec il elle ont été".split()),
    "es": frozenset("el la los las y de que en un una es por con para del se su al lo como más fue".split()),
    "it": frozenset("il lo la gli le e di che un una è per con non del della sono nel alla ha anche".split()),
    "pt": frozenset("o a os as e de que um uma é em do da para com não no na dos foi ao se".split()),
    "nl": frozenset("de het een en van is dat op te in niet met voor zijn er aan ook die werd".split()),
    "pl": frozenset("i w na z się nie że do to jest o jak po przez od za ale czy".split()),
    "sv": frozenset("och att det som en på är av för med till den har inte om ett var".split()),
    "da": frozenset("og at det som en på er af for med til den har ikke om et var de".split()),
    "no": frozenset("og at det som en på er av for med til den har ikke om et var jeg".split()),
    "tr": frozenset("ve bir bu da de için ile olarak çok daha olan gibi ama en her".split()),
    "fi": frozenset("ja on että ei se oli hän ovat myös kun joka mutta tai sen".split()),
    "cs": frozenset("a je v na se že to s z do o jako ale by jsou pro".split()),
    "ro": frozenset("și de la în a cu că pe nu din o un este mai care pentru".split()),
    "hu": frozenset("a az és hogy nem egy is de van meg volt már csak".split()),
}
