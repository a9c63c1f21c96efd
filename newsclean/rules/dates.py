"""How people write dates, as data: month names per language and the shapes around them.

Month names are keyed by language (ISO 639-1) because the same word names different
months in different languages: "listopad" is November in Czech and Polish but October in
Croatian. :func:`months_for` gives the table to use for a page: its own language first,
then every name that means the same month in all the languages that use it.

Keys are folded (lower case, accents removed: "février" -> "fevrier", "Μαΐου" -> "μαιου")
so that a page's accents, capitals and the final sigma do not matter; look words up
with :func:`fold`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Nominative, genitive ("3 марта", "3. března", "3 marca") and usual abbreviations, one
# line per month, January first. Abbreviations are included where newspapers print them.
_MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
           "september sep sept", "october oct", "november nov", "december dec"),
    "de": ("januar jan jänner jän", "februar feb feber", "märz mär mrz", "april apr", "mai", "juni jun", "juli jul",
           "august aug", "september sep sept", "oktober okt", "november nov", "dezember dez"),
    "fr": ("janvier janv", "février févr fév", "mars", "avril avr", "mai", "juin", "juillet juil", "août",
           "septembre sept", "octobre oct", "novembre nov", "décembre déc"),
    "es": ("enero ene", "febrero feb", "marzo mar", "abril abr", "mayo may", "junio jun", "julio jul", "agosto ago",
           "septiembre setiembre sep sept", "octubre oct", "noviembre nov", "diciembre dic"),
    "it": ("gennaio gen", "febbraio feb", "marzo mar", "aprile apr", "maggio mag", "giugno giu", "luglio lug",
           "agosto ago", "settembre set", "ottobre ott", "novembre nov", "dicembre dic"),
    "pt": ("janeiro jan", "fevereiro fev", "março mar", "abril abr", "maio mai", "junho jun", "julho jul",
           "agosto ago", "setembro set", "outubro out", "novembro nov", "dezembro dez"),
    "nl": ("januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun", "juli jul", "augustus aug",
           "september sep sept", "oktober okt", "november nov", "december dec"),
    "sv": ("januari jan", "februari feb", "mars", "april apr", "maj", "juni", "juli", "augusti aug",
           "september sep sept", "oktober okt", "november nov", "december dec"),
    "da": ("januar jan", "februar feb", "marts", "april apr", "maj", "juni", "juli", "august aug",
           "september sep sept", "oktober okt", "november nov", "december dec"),
    "no": ("januar jan", "februar feb", "mars", "april apr", "mai", "juni", "juli", "august aug",
           "september sep sept", "oktober okt", "november nov", "desember des"),
    "fi": ("tammikuuta tammikuu", "helmikuuta helmikuu", "maaliskuuta maaliskuu", "huhtikuuta huhtikuu",
           "toukokuuta toukokuu", "kesäkuuta kesäkuu", "heinäkuuta heinäkuu", "elokuuta elokuu",
           "syyskuuta syyskuu", "lokakuuta lokakuu", "marraskuuta marraskuu", "joulukuuta joulukuu"),
    "pl": ("stycznia styczeń sty", "lutego luty lut", "marca marzec mar", "kwietnia kwiecień kwi", "maja maj",
           "czerwca czerwiec cze", "lipca lipiec lip", "sierpnia sierpień sie", "września wrzesień wrz",
           "października październik paź", "listopada listopad lis", "grudnia grudzień gru"),
    "cs": ("ledna leden", "února únor", "března březen", "dubna duben", "května květen", "června červen",
           "července červenec", "srpna srpen", "září", "října říjen", "listopadu listopad", "prosince prosinec"),
    "sk": ("januára január", "februára február", "marca marec", "apríla apríl", "mája máj", "júna jún",
           "júla júl", "augusta august", "septembra september", "októbra október", "novembra november",
           "decembra december"),
    "hr": ("siječnja siječanj", "veljače veljača", "ožujka ožujak", "travnja travanj", "svibnja svibanj",
           "lipnja lipanj", "srpnja srpanj", "kolovoza kolovoz", "rujna rujan", "listopada listopad",
           "studenoga studenog studeni", "prosinca prosinac"),
    "sl": ("januar januarja", "februar februarja", "marec marca", "april aprila", "maj maja", "junij junija",
           "julij julija", "avgust avgusta", "september septembra", "oktober oktobra", "november novembra",
           "december decembra"),
    "hu": ("január jan", "február febr", "március márc", "április ápr", "május máj", "június jún", "július júl",
           "augusztus aug", "szeptember szept", "október okt", "november nov", "december dec"),
    "ro": ("ianuarie ian", "februarie feb", "martie mar", "aprilie apr", "mai", "iunie iun", "iulie iul",
           "august aug", "septembrie sept", "octombrie oct", "noiembrie nov", "decembrie dec"),
    "tr": ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"),
    "id": ("januari jan", "februari feb", "maret mar", "april apr", "mei", "juni jun", "juli jul", "agustus agu",
           "september sep", "oktober okt", "november nov", "desember des"),
    "ru": ("января январь янв", "февраля февраль фев", "марта март мар", "апреля апрель апр", "мая май",
           "июня июнь июн", "июля июль июл", "августа август авг", "сентября сентябрь сен",
           "октября октябрь окт", "ноября ноябрь ноя", "декабря декабрь дек"),
    "uk": ("січня січень", "лютого лютий", "березня березень", "квітня квітень", "травня травень",
           "червня червень", "липня липень", "серпня серпень", "вересня вересень", "жовтня жовтень",
           "листопада листопад", "грудня грудень"),
    "bg": ("януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври",
           "ноември", "декември"),
    "el": ("ιανουαρίου ιανουάριος ιαν", "φεβρουαρίου φεβρουάριος φεβ", "μαρτίου μάρτιος μαρ",
           "απριλίου απρίλιος απρ", "μαΐου μάιος μαΐ", "ιουνίου ιούνιος ιουν", "ιουλίου ιούλιος ιουλ",
           "αυγούστου αύγουστος αυγ", "σεπτεμβρίου σεπτέμβριος σεπ", "οκτωβρίου οκτώβριος οκτ",
           "νοεμβρίου νοέμβριος νοε", "δεκεμβρίου δεκέμβριος δεκ"),
}

def fold(word: str) -> str:
    """Lower case without accents, final sigma as sigma: the form month tables are keyed by."""
    decomposed = unicodedata.normalize("NFD", word.casefold().replace("ς", "σ"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip(".")


@lru_cache(maxsize=64)
def months_for(language: str | None) -> dict[str, int]:
    """Folded month name -> month number: the page language's names, then every name
    that means the same month in every language that has it (ambiguous ones left out)."""
    meaning: dict[str, set[int]] = {}
    for names in _MONTH_NAMES.values():
        for number, line in enumerate(names, start=1):
            for name in line.split():
                meaning.setdefault(fold(name), set()).add(number)
    table = {name: next(iter(numbers)) for name, numbers in meaning.items() if len(numbers) == 1}
    primary = (language or "").split("-")[0].lower()
    for number, line in enumerate(_MONTH_NAMES.get(primary, ()), start=1):
        for name in line.split():
            table[fold(name)] = number
    return table


def month_words() -> dict[str, int]:
    """Every unambiguous month word, lower case as written and folded ("märz" and "marz")."""
    table = months_for(None)
    words = dict(table)
    for names in _MONTH_NAMES.values():
        for line in names:
            for name in line.split():
                if fold(name) in table:
                    words[name.casefold()] = table[fold(name)]
    return words


# Day, month name, year ("3 марта 2026", "3. března 2026", "3 de marzo de 2026", "3rd March
# 2026") or month name, day, year ("March 3, 2026"), optionally followed by a time
# ("16:15", "4.15 pm", "16h15") and an offset ("+01:00", "UTC", "GMT+1").
HUMAN_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:de\s+|of\s+)?(?P<m1>[^\W\d_]{3,14})\.?,?\s*(?:de\s+)?(?P<y1>\d{4})"
    r"|(?P<m2>[^\W\d_]{3,14})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))"
    r"(?:\D{1,12}?(?P<h>\d{1,2})[:.hH](?P<min>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*(?P<utc>UTC|GMT|Z)?\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?)?)?)?",
    re.I,
)
# Year first with CJK unit characters: "2026年3月3日 16:15", "2026年3月3日 16時15分", "2026년 3월 3일".
CJK_DATE = re.compile(
    r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
    r"(?:[^\d]{0,8}?(?P<h>\d{1,2})\s*[:時시]\s*(?P<min>\d{2}))?"
)
# An RFC 2822 date, the only shape email.utils is trusted with ("Tue, 03 Mar 2026 16:15:00 +0100").
RFC2822_DATE = re.compile(
    r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{1,5})?\s*$"
)
