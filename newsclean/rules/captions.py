"""How photo captions name their credit, in many languages, as data.

A credit is cut off the caption and kept apart: ``"Crowds at the gate. (AP Photo/Ted
S. Warren)"`` -> caption ``"Crowds at the gate."``, credit ``"AP Photo/Ted S. Warren"``.
"""

from __future__ import annotations

import re

from newsclean.rules.packs import BUILTIN

# Words that introduce a credit: "Photo: X", "Foto: X", "Bild: X", ... (the packs'
# ``credit-word`` terms, one list per language).
CREDIT_WORDS = BUILTIN.alternation("credit-word")
# One or two label words before a colon: "Photo:", "Image credit:", "Crédit photo :".
# ("사진 출처 = 연합뉴스": Korean papers set the label off with an equals sign.)
LABEL = r"(?:(?:" + CREDIT_WORDS + r")(?:\s+(?:" + CREDIT_WORDS + r"))?\s*[:：=])"
_AGENCY_HINT = r"(?:/|\b(?:AP|AFP|Reuters|dpa|EFE|ANSA|Getty|picture alliance|imago|Shutterstock|MOD|IDF|Flash90|Keystone|ANP|EPA)\b)"

# "... (AP Photo/Ted S. Warren)" / "... (Photo: Jane Doe/Reuters)" / "... (رويترز)" at the end of a caption.
TRAILING_PARENTHESIS = re.compile(r"\s*[(\[]\s*((?:" + LABEL + r"\s*)?[^()\[\]]{2,80})\s*[)\]]\s*$", re.I)
# "... Photo: Jane Doe / Reuters" / "... Foto: dpa" / "... © Jane Doe" / "... Photos © Jane Doe" at the end.
TRAILING_LABEL = re.compile(
    r"(?:^|[\s.|–—-])\s*(?:" + LABEL + r"|(?:(?:" + CREDIT_WORDS + r")s?\s*)?(?:©|\(c\))|copyright)\s*([^:]{2,80})$", re.I
)
# A leading credit "Photo: X | caption" is rare; handled by the same words at the start.
LEADING_LABEL = re.compile(r"^(?:" + LABEL + r"|©)\s*([^|]{2,60})\s*\|\s*", re.I)
# Polish-style "... Fot. Tomasz Kaczmarek" (abbreviated label, no colon).
TRAILING_ABBREVIATED = re.compile(r"(?<=[.!?])\s+(?:fot\.|zdj\.|phot\.)\s*([^:]{2,60})$", re.I)
# Japanese style: "...（５日、桜川町で）＝撮影・中村 健太".
TRAILING_JAPANESE = re.compile(r"\s*[＝=]\s*(?:撮影|写真|提供)\s*[・:：]?\s*(.{2,30})$")
# "... Photo by Anika Sorensen" after the caption's last sentence (a dash may come first:
# "... 2024. — Picture by Anika Sorensen").
TRAILING_BY = re.compile(r"(?<=[.!?])\s+(?:[–—-]\s*)?(?:photo|photograph|picture|image)s?\s+by\s+([^.]{2,60})$", re.I)
# A gallery counter at the start of a caption: "1 of 6", "2/6".
COUNTER = re.compile(r"^\d{1,3}\s*(?:of|/|von|de|di|van)\s*\d{1,3}\s*[:.|–-]?\s*", re.I)
# A bare agency credit after the caption's last sentence: "... sammeln. IMAGO/Nico Herbertz",
# or the words agencies and papers print for a picture with no photographer's name:
# "... from the ground up. Supplied", "... Uncredited/AP/dpa".
TRAILING_AGENCY = re.compile(
    r"(?<=[.!?])\s+(?:[/|]\s*)?((?:IMAGO|dpa|AFP|AP|Reuters|picture alliance|Getty Images|EPA|ANP|Keystone|ANSA|EFE|SID|Shutterstock"
    r"|Supplied|Uncredited|Handout)"
    r"(?:\s*/\s*[\w .'’-]{2,50}){0,3}(?:\s+via\s+[\w .'’-]{2,40})?)$"
)
# A photographer and an agency or picture library after the caption's last sentence, the
# slash between them being the sign of a credit: "... zu kommen. Unsplash/Kelly Sikkema",
# "... der Leyen. Philipp von Ditfurth/dpa", "... | Niall Carson/PA Images via Getty Images".
TRAILING_SLASHED = re.compile(
    r"(?<=[.!?”\"’])\s+(?:[|]\s*)?((?=[A-ZÀ-ÖØ-Þ])[\w.'’-]+(?:\s+[\w.'’-]+){0,4}\s*/\s*"
    r"(?=[A-ZÀ-ÖØ-Þ]|dpa\b|imago\b|epd\b|kna\b)\w[\w .'’&-]{0,40}[\w)])$"
)
# A short parenthesis after the caption's last sentence, starting like a name: the credit
# ("... young women and girls. (Christie's)", "... (AAP)"); "(left)" and "(2019)" do not.
# ("(FILE)" marks a file photo, not whose it is.)
TRAILING_NAMED_PARENTHESIS = re.compile(r"(?<=[.!?])\s*\(((?=[A-ZÀ-ÖØ-Þ])(?![Ff][Ii][Ll][Ee]\))[^()\d]{1,40})\)$")
# A label at the start of a credit, to strip: "Photo: Jane Doe" -> "Jane Doe".
CREDIT_PREFIX = re.compile(r"^(?:" + LABEL + r"|©|\(c\)|(?:photo|photograph|picture|image)s?\s+by\b|(?:foto|photo|photograph|bild|image|imagen|immagine)\b(?!\s*[:：]))\s*", re.I)

PARENTHESIS_NEEDS_HINT = re.compile(_AGENCY_HINT + r"|" + LABEL + r"|^\s*©|^[\u0590-\u06ff\s]+$", re.I)

# Class/id words of caption and credit elements. Class tests are written on the attribute
# axis (``descendant::*/@class[...]/..``): libxml2 then only looks at elements that have a
# class, instead of building an attribute set per element and test (same elements, in the
# same order, several times faster).
CAPTION_XPATH = (
    ".//figcaption | descendant::*/@class[contains(., 'caption') or contains(., 'Caption') or contains(., 'legend')"
    " or contains(., 'bildunterschrift') or contains(., 'img-text') or contains(., 'image-text')"
    " or contains(concat(' ', normalize-space(.), ' '), ' fn ')]/.."  # hMedia's name
    " | descendant::*/@itemprop[.='caption']/.."
)
CREDIT_XPATH = (
    "descendant::*/@class[contains(., 'credit') or contains(., 'Credit') or contains(., 'copyright')"
    " or contains(., 'Copyright') or contains(., 'source') or contains(., 'author')"
    " or contains(., 'photographer')]/.."
    " | descendant::*/@itemprop[.='copyrightHolder' or .='creditText']/.."
    " | descendant::footer"  # HTML5: a figure's <footer> names its source
)
# The last element of a caption holding only a parenthesis that starts like a name,
# "<span>(Edu Luque)</span>": the markup sets the credit apart, so it needs no "Photo" or
# agency hint ("(left)" or "(2019)" are the caption's own).
CREDIT_PARENTHESIS = re.compile(r"^\((?=[^\W\d_])(?=.*\w\w)[^()]{2,80}\)$")
FIGURE_XPATH = (
    "//figure | //@class[contains(concat(' ', normalize-space(.), ' '), ' wp-caption ')"
    " or contains(concat(' ', normalize-space(.), ' '), ' hmedia ')"  # the hMedia microformat
    " or contains(., 'image-container') or contains(., 'media-caption') or contains(., 'article-image')"
    " or contains(., 'photo-container') or contains(., 'inline-image') or contains(., 'lead-image')]/.."
)

# Figures inside these containers, or unlabelled images at such URLs, are author photos or logos.
AVATAR_WORDS: tuple[str, ...] = ("byline", "author", "autor", "auteur", "avatar", "profile", "logo")
AVATAR_URL = re.compile(r"(?:author|autor|auteur|avatar|profile|logo|byline|mugshot)", re.I)

# A "credit" that is a rights notice belongs to a footer line, not to a photo.
RIGHTS_NOTICE = re.compile(BUILTIN.alternation("rights-reserved") + r"|^\d{4}\b|\b\d{4}$", re.I)

# A box around one picture and a line or two of text, marked by its class, is a figure
# whatever its tag: <div class="image-widget"><img><p>caption</p><p>Image: credit</p></div>.
PICTURE_BOX_CLASS = re.compile(r"image|img|photo|picture|media|bild|foto|figure|visual|caption", re.I)
# Up to this many ancestors of an <img> are looked at, and the box holds at most this much text
# (more is an article or a teaser list around the picture, not its caption).
PICTURE_BOX_DEPTH = 5
PICTURE_BOX_MAX_TEXT = 400
# ... and at least this much: less is a button's label ("Zoom", "이미지 확대보기"), not a caption.
MIN_CAPTION_CHARS = 15
# Text in a picture box that is player or gallery furniture, not a caption.
NOT_A_CAPTION = re.compile(
    r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?\b|\d+\s+(?:bilder|fotos|photos|images|pictures|foto|immagini|imágenes)\b)"
    r"|\b(?:mins? read|min\. lesezeit|ago)\b|^(?:mit )?(?:video|audio)\b",
    re.I,
)

# Pictures set in the text itself, with no figure around them (``<p><img src=..></p>``, older
# blogs and hand-written CMS pages), are the article's images too, unless their class or
# URL says they are page furniture (smileys, icons, buttons, share and tracking images), or
# their declared size is that of an icon or a pixel.
INLINE_IMAGE_NOT = re.compile(
    r"emoji|smil(?:ey|ie)|icon|button|badge|spacer|pixel|track|counter|share|social|feed|rss|sprite|banner|\bads?\b|advert"
    r"|captcha|anti_?spam|about[_-]",
    re.I,
)
INLINE_IMAGE_MIN_SIDE = 100
# The image a lazy-loading script shows until it swaps in the real one (when the real URL
# is under an attribute of the script's own): a blank or transparent pixel, a placeholder.
PLACEHOLDER_IMAGE_URL = re.compile(r"1x1|blank\.(?:gif|png)|trans(?:parent)?\.(?:gif|png)|placeholder|/lazy-?load/", re.I)
# Drawings in vector formats set in the text are logos and badges, not the article's pictures.
VECTOR_IMAGE = re.compile(r"\.svg(?:$|[?#])", re.I)
# A link to a picture file (a thumbnail opening its large version), not to a page.
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?)(?:$|[?#])", re.I)
