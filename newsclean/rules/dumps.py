"""What plain-text dumps of whole pages tell us, as data for ``clean_text()``.

A dump has no tags, so the places where a page's article ends are read from the headings
that open what comes after it: the comments, the "most read" box, the footer. The named
text rules of :mod:`newsclean.rules.boilerplate` already know many of these headings
(``read-more``, ``comments-prompt``); this module weighs them for the dump path and adds
the headings that only matter when the whole page is in the text (a footer's "Imprint",
a comment form's "Name*").
"""

from __future__ import annotations

import re

#: Named rules of rules/boilerplate.py whose lines separate the article from what follows,
#: and how much prose (in characters) must follow such a line for the article to be taken
#: as going on after it. An inline "Read also:" box costs little, a comments heading a lot.
RULE_BARRIERS: dict[str, int] = {
    "read-more": 400,
    "comments-prompt": 3000,
    "copyright-line": 1500,
    "registration-wall": 600,
    "subscription-wall": 600,
}

#: Headings of the page's after-article regions that the boilerplate rules do not name:
#: comment sections and forms, "more on this" boxes, footers. Whole line, case-insensitive.
SECTION_HEADINGS = re.compile(
    r"^(?:"
    # comment sections and forms
    r"(?:\d+\s+)?(?:leser)?kommentare?(?:\s*\(\d+\))?|diskussion|diskutieren sie mit|jetzt kommentieren|zur diskussion|"
    r"(?:leave|post|write) a (?:reply|comment)|(?:show|view|load|see) (?:all )?(?:\d+ )?comments|reader comments|"
    r"ver comentarios(?: \(\d+\))?|deja un comentario|commentaires|laisser un commentaire|réagissez|commenti|lascia un commento|"
    r"comentários|deixe (?:um|seu) comentário|reacties|reageer|kommentarer|kommentit|yorumlar|yorum yap|komentarze|komentáře|"
    r"תגובות|التعليقات|댓글|コメント|"
    r"(?:your )?name\s*\*|e-?mail\s*\*|(?:tu |ihr |votre )?(?:nombre|name|nom)\s*\*|(?:tu |ihr |votre )?e-?mail\s*\*|"
    # boxes of other stories
    r"(?:more|latest|top|related|popular|other) (?:news|stories|articles|headlines|videos)|(?:most|more) (?:read|popular|viewed|shared)(?: .{1,30})?|"
    r"editor'?s? picks?|in case you missed it|don'?t miss|you may (?:also )?like|more from .{1,40}|"
    r"top(?:-| )themen|neueste artikel|aktuelle nachrichten|weitere (?:nachrichten|meldungen|themen|artikel)|mehr nachrichten|"
    r"meistgelesene?(?: artikel)?|am meisten gelesen|beliebte artikel|das könnte (?:sie|dich) auch interessieren|empfehlungen|"
    r"últimas noticias|lo más (?:leído|visto)(?: en .{1,30})?|más noticias|noticias relacionadas|"
    r"à lire (?:aussi|également)|les plus (?:lus|populaires)|dernières (?:infos|actualités)|"
    r"ultime notizie|più letti|notizie correlate|últimas notícias|mais lidas|"
    r"meest gelezen|laatste nieuws|mest lest|mest läst|mest læste|senaste nytt|seneste nyt|siste nytt|"
    r"en çok okunanlar|son dakika|najczęściej czytane|najnowsze|nejčtenější|"
    r"الأكثر قراءة|الأكثر مشاهدة|أخبار ذات صلة|הכי נקראים|הנקראים ביותר|כתבות נוספות|"
    # footers
    r"impressum|imprint|datenschutz(?:erklärung)?|privacy(?: policy| notice)?|terms (?:of use|and conditions|of service)|cookie (?:policy|settings)|"
    r"über uns|about us|contact(?: us)?|kontakt|mediadaten|aviso legal|política de (?:privacidad|cookies)|mentions légales|"
    r"note legali|politique de confidentialité|sobre nosotros|sitemap|back to top|nach oben|volver a arriba|retour en haut|"
    r"من نحن|سياسة الخصوصية|اتصل بنا|אודות|מדיניות פרטיות|צור קשר"
    r")\s*[:.…»›>]*$",
    re.I,
)

#: A line that is only a clock time, as live blogs stamp each entry ("18:40 GMT", "9.15am", "14:05 Uhr").
TIME_STAMP = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h))?(?:\s+[A-Z]{2,5})?$", re.I)

#: How much prose must follow a section heading for the article to go on after it.
SECTION_BARRIER = 3000
#: Barriers at least this heavy close the page's article (comments, footer); lighter ones
#: are boxes that may sit inside the text, and are the first to be relaxed.
SECTION_MIN = 1500
