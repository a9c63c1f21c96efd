"""Named text rules for what is not the article. One rule set for HTML and plain text.

A rule matches one block (a paragraph, line or list item) after whitespace
normalisation, case-insensitively, and only when the block is at most ``max_chars``
long: a long paragraph that merely mentions a newsletter is article text.

Actions:
- ``drop``: remove the matching block.
- ``end``: the block opens a non-article region ("Read more:", a paywall prompt). Drop
  it and every following block up to the next real paragraph; when no real paragraph
  follows, the article has ended there.

Patterns are grouped per rule and language so that a newcomer can add a wording by
adding a line. ``tests/test_rules.py`` checks that every rule is needed by a fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Action = Literal["drop", "end"]


@dataclass(frozen=True)
class TextRule:
    """One named boilerplate rule: a compiled pattern, what to do, and a length cap."""

    name: str
    action: Action
    patterns: tuple[str, ...]
    max_chars: int = 200

    def compiled(self) -> re.Pattern[str]:
        """All patterns as one case-insensitive regex matched at the start of a block."""
        return re.compile("|".join(f"(?:{p})" for p in self.patterns), re.I)


RULES: tuple[TextRule, ...] = (
    TextRule(
        "navigation",
        "drop",
        (
            # Menu and account words that a text copy of a page keeps.
            r"^(?:skip to (?:main )?content|zum inhalt springen|aller au contenu|ir al contenido|vai al contenuto|naar de inhoud|ir para o conteúdo|"
            r"menu|menü|search|suche|home|startseite|accueil|inicio|log ?in|sign in|anmelden|se connecter|iniciar sesión|accedi|entrar|inloggen|"
            r"e-paper|abo|abonnieren|my account|mein konto)$",
        ),
        max_chars=30,
    ),
    TextRule(
        "registration-wall",
        "end",
        (
            # en
            r"^register (?:for free|now|to continue)", r"^already registered", r"^(?:or )?continue with$",
            r"^by registering,? you agree", r"^log ?in to continue", r"^sign in (?:or|to) (?:register|continue)",
            r"^create (?:a free|your free|an) account", r"^registering also lets you", r"^check your (?:e-?mail|inbox)$",
            r"^we sent an email to you", r"^it has a link that will sign you in", r"^please use the following structure",
            r"^(?:already have an account|don't have an account)\??",
            # de / fr / es / it / pt / nl
            r"^(?:jetzt )?(?:kostenlos )?registrieren(?: und weiterlesen)?", r"^sie sind bereits registriert",
            r"^bereits registriert", r"^inscrivez-vous gratuitement", r"^déjà inscrit", r"^regístrate gratis",
            r"^ya estás registrado", r"^registrati gratis", r"^sei già registrato", r"^registe-se gratuitamente",
            r"^cadastre-se grátis", r"^registreer (?:je )?gratis", r"^al geregistreerd",
        ),
        max_chars=240,
    ),
    TextRule(
        "subscription-wall",
        "end",
        (
            # en
            r"^subscribe (?:now )?to (?:continue|read|keep reading|unlock)", r"^(?:this|the) (?:article|story|content) is (?:for|only for|available to|exclusive to) (?:paying )?subscribers",
            r"^already (?:a )?(?:subscriber|subscribed)\??", r"^(?:to )?continue reading,? (?:subscribe|sign in|log in)",
            r"^(?:get|unlock|enjoy) (?:unlimited |full |digital |complete )+access", r"^cancel anytime\.?$", r"^(?:subscribers? only|for subscribers)\b",
            r"^\W*(?:(?:only|just)\s+)?[$€£]\s?\d+(?:[.,]\d+)?\s+(?:for|per|a)\s+(?:\d+\s+)?(?:week|month|year|months|weeks)",
            r"^you have reached your (?:free )?(?:article )?limit", r"^(?:start|begin) your (?:free )?trial",
            r"^to (?:view|read|continue reading) the (?:full|whole|rest of the) (?:story|article)", r"^(?:subscribe|sign up) now\b.{0,60}(?:full story|to read|to continue)",
            r"^if you(?:'|’)re seeing this message", r"^first-time subscribers",
            # de
            r"^(?:jetzt )?weiterlesen mit", r"^lesen sie jetzt weiter", r"^(?:dieser|der) (?:artikel|beitrag|inhalt) ist (?:nur )?(?:exklusiv )?für (?:abonnenten|abonnentinnen|abonnent)",
            r"^exklusiv für abonnenten", r"^(?:sie sind )?bereits abonnent", r"^jetzt abonnieren(?: und weiterlesen)?$", r"^mit \S+\+? weiterlesen",
            # fr
            r"^(?:cet )?article réservé aux abonnés", r"^la suite (?:de cet article )?est réservée aux abonnés",
            r"^abonnez-vous pour (?:lire|continuer)", r"^déjà abonné", r"^pour (?:lire|accéder à) la suite", r"^pour accéder en illimité",
            # es
            r"^(?:este )?contenido (?:es )?exclusivo para suscriptores", r"^suscríbete para (?:seguir|continuar) leyendo", r"^¿?ya eres suscriptor",
            r"^tu suscripción se está usando en otro dispositivo", r"^¿quieres añadir otro usuario a tu suscripción",
            # it
            r"^(?:questo )?articolo (?:è )?riservato agli abbonati", r"^abbonati per (?:continuare|leggere)", r"^sei già abbonato",
            # pt
            r"^(?:este )?conteúdo (?:é )?exclusivo para assinantes", r"^assine para (?:continuar|ler)", r"^já é assinante",
            # nl
            r"^(?:dit )?artikel is (?:alleen|exclusief) voor abonnees", r"^word (?:nu )?abonnee", r"^al abonnee",
            # tr
            r"^(?:bu )?(?:haber|içerik|makale) (?:sadece |yalnızca )?abonelere özel", r"^.{0,100}\babonelere sunulan haberler\b",
            # ja
            r"^この記事は(?:有料)?会員限定(?:記事)?です", r"^(?:続きを読むには|残り\d+文字)", r"^(?:無料)?会員登録",
        ),
        max_chars=240,
    ),
    TextRule(
        "newsletter-prompt",
        "drop",
        (
            # en
            r"^sign up (?:for|to) (?:our|the)?.{0,40}newsletter", r"^subscribe to (?:our|the).{0,30}newsletter",
            r"^get .{1,80} (?:by|in your|to your) (?:e-?mail|inbox)", r"^never miss (?:breaking news|a story|our top stories|an update)",
            r"^free sign up$", r"^sign up$", r"^you(?:'|’)re (?:now )?subscribed", r"^thanks? (?:you )?for (?:subscribing|signing up)",
            r"^(?:enter )?your e-?mail(?: address)?$", r"^the best of .{1,40} in your inbox",
            r"\bsign(?:ing)? up (?:to|for) (?:our|the) .{0,50}newsletters?\b",
            r"^get (?:breaking )?(?:news )?alerts\b", r"^get [\w -]{0,30}alerts\b", r"^text [a-z0-9]+ to \d{4,6}\b", r"^get .{0,40}(?:most important|top|best|latest) (?:stories|news|headlines)\b",
            r"^die wichtigsten (?:nachrichten|news|themen)\b.{0,80}(?:postfach|e-mail|inbox)", r"^(?:jetzt )?anmelden$",
            r"^recibe (?:cada (?:mañana|día|semana)|gratis|en tu (?:correo|email))", r"^recevez (?:chaque (?:matin|jour|semaine)|gratuitement|par e-?mail)",
            r"^je m['’]inscris$", r"^ontvang (?:elke (?:ochtend|dag|week)|gratis)", r"^ricevi (?:ogni (?:mattina|giorno)|gratis)",
            r"^receba (?:todas as manhãs|diariamente|gratuitamente)",
            r"\b(?:every|each) morning\b.{0,60}\binbox\b", r"\be-posta kutunuzda\b",
            r"^(?:every morning|each morning|jeden morgen|chaque matin|cada mañana|ogni mattina|todas as manhãs|elke ochtend|varje morgon)\b.{0,80}"
            r"\b(?:news|nachrichten|actualités?|noticias|notizie|notícias|nieuws|nyheter|newsletter|nieuwsbrief)\b",
            r"\bjeden (?:morgen|tag)\b.{0,60}\bpostfach\b", r"\bchaque (?:matin|jour)\b.{0,60}\bboîte\b", r"^(?:subscribe|sign up|inscrivez-vous|suscríbete|iscriviti|assine)$",
            # de / fr / es / it / pt / nl / pl / tr / sv
            r"^(?:jetzt )?(?:den |unseren )?newsletter (?:abonnieren|bestellen)", r"^melden sie sich (?:jetzt )?(?:für|zum) .{0,30}newsletter",
            r"^inscrivez-vous à (?:la|notre|nos) newsletter", r"^abonnez-vous à (?:la|notre|nos) newsletter",
            r"^recibe (?:nuestra|la|nuestras) newsletter", r"^suscríbete (?:a|al) (?:nuestra|la|nuestro|el) (?:newsletter|boletín)",
            r"^iscriviti alla newsletter", r"^receba (?:as )?(?:notícias|a newsletter|nossa newsletter)", r"^assine (?:a|nossa) newsletter",
            r"^meld je (?:nu )?aan voor (?:onze|de) nieuwsbrief", r"^zapisz się do newslettera", r"^bültene? abone olun",
            r"^prenumerera på (?:vårt )?nyhetsbrev", r"^הירשמו לניוזלטר", r"^اشترك في النشرة",
            r"\bnewsletter informiert (?:sie|dich)\b", r"\babonniere (?:den|unseren) (?:whatsapp|telegram)[- ]kanal\b", r"^(?:join|subscribe to) our (?:whatsapp|telegram) channel\b",
        ),
    ),
    TextRule(
        "app-prompt",
        "drop",
        (
            r"^(?:download|get) (?:our|the) .{0,30}app\b", r"^open in (?:the )?app$", r"^(?:turn on|enable|get|allow) (?:push )?notifications",
            r"^stay updated$", r"^get notifications to stay updated",
            r"^for the latest (?:stories|news)\b.{0,40}\bdownload (?:the|our)\b.{0,40}\bapp\b",
            r"^(?:jetzt )?(?:unsere )?app (?:herunterladen|laden)", r"^laden sie (?:unsere|die) .{0,20}app", r"^téléchargez (?:notre|l['’])application",
            r"^descarga (?:nuestra|la) app", r"^scarica (?:la nostra |l['’])app", r"^baixe (?:o|nosso) app", r"^download (?:de|onze) app",
        ),
    ),
    TextRule(
        "read-more",
        "end",
        (
            # the whole block is a heading that opens a list of links
            r"^(?:read (?:more|also|next)|also read|more on this (?:story|topic)|more (?:stories|news|from [\w .'-]{1,40})|"
            r"related(?: (?:articles?|stories|coverage|content|posts|links|news|reading|topics))?|recommended(?: for you| stories| reading)?|"
            r"you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed|shared)|trending(?: now)?|what to read next|"
            r"lesen sie (?:auch|mehr)|auch lesen|mehr zum thema|das (?:könnte|dürfte) (?:sie|dich) auch interessieren|das thema könnte (?:sie|dich) auch interessieren|"
            r"empfohlene (?:beiträge|artikel)|meistgelesen|weitere artikel|mehr aus .{1,30}|vorschau auf den nächsten artikel|beiträge aus dem forum|"
            r"(?:à )?lire aussi|sur le même sujet|les plus lus|lee también|te puede interesar|más leídas|leggi anche|potrebbe interessarti|"
            r"i più letti|leia (?:também|mais)|mais lidas|lees (?:ook|meer)|meest gelezen|czytaj (?:także|też|więcej)|läs (?:också|mer)|"
            r"ilgili haberler|関連記事|קראו עוד|עוד באתר|اقرأ (?:أيضا|أيضًا|المزيد))\s*[:.…»›>]*$",
        ),
        max_chars=60,
    ),
    TextRule(
        "read-more-inline",
        "drop",
        (
            r"^(?:read more|read also|also read|see also|related|more|watch|listen|lesen sie auch|auch interessant|mehr zum thema|zum artikel|"
            r"lire aussi|à lire aussi|voir aussi|lee también|ver también|leggi anche|leia também|leia mais|lees ook|czytaj także|"
            r"läs också|les også|læs også|funda (?:olunye udaba|nolu daba)(?: lapha)?|קראו גם|اقرأ أيضا)\s*[:»›>|]\s*\S.{5,}",
            r"^(?:leggi anche|lees ook|lee también|lire aussi|read also|also read|lesen sie auch|leia também|czytaj także)\s+(?-i:[A-ZÀ-ÖØ-Þ«„“\"]).{5,}",
        ),
    ),
    TextRule(
        "share-bar",
        "drop",
        (
            r"^(?:share|share this(?: article| story| page)?|share on \w+|copy link|link copied|teilen|artikel teilen|partager|compartir|"
            r"condividi|compartilhe|deel dit artikel|deel|udostępnij|dela|paylaş|שתפו|شارك)\s*[:!]?$",
            r"^(?:(?:facebook|twitter|x|whatsapp|linkedin|e-?mail|pinterest|telegram|reddit|print|copy link|messenger|flipboard|threads|bluesky)[\s,|•·/]*){2,}$",
            # "Share this article on: Facebook Twitter Digg" (older sites list the services after the label)
            r"^share (?:this|the)? ?(?:article|story|page|post)?\s*(?:on|via|with)?\s*:?\s*"
            r"(?:(?:facebook|twitter|x|digg|del\.icio\.us|delicious|reddit|stumbleupon|google\+?|linkedin|e-?mail|print|myspace|"
            r"technorati|newsvine|yahoo!? buzz|whatsapp|pinterest)[\s,|•·/]*){2,}$",
            r"^(?:facebook|twitter|whatsapp|linkedin|e-?mail|pinterest|telegram|reddit|print|drucken|imprimer|imprimir|stampa|messenger|"
            r"copier le lien|copiar (?:el )?enlace|link kopieren|copia (?:il )?link|kopieer link|partager(?: l['’]article| sur \w+)?|"
            r"artikel teilen|compartir (?:en \w+|artículo)|condividi (?:su \w+|l['’]articolo)|deel (?:via|op) \w+)$",
        ),
        max_chars=120,
    ),
    TextRule(
        "follow-us",
        "drop",
        (
            r"^follow (?:us|him|her|them|[\w.'’-]+(?: [\w.'’-]+){0,3}) on\b", r"^folgen sie uns", r"^suivez-nous", r"^s[ií]guenos\b", r"^seguici su", r"^siga-nos",
            r"^volg (?:ons|ons op)", r"^obserwuj nas", r"^følg oss", r"^följ oss",
            r"^folgst du (?:schon|bereits) .{1,40} auf (?:whatsapp|instagram|tiktok|facebook|x|telegram|youtube)\b",
        ),
    ),
    TextRule(
        "click-prompt",
        "drop",
        (
            # A line that asks the reader to click is page furniture, whatever follows the
            # prompt (print, e-mail, subscribe, comment, see the gallery).
            r"^(?:please )?click (?:here|this link|the link below|on the (?:image|photo|picture|link))\b.{0,40}?"
            r"\b(?:to|for)\s+(?:print|e-?mail|subscribe|sign up|register|download|read|view|see|watch|order|buy|get|learn|find out|"
            r"comment|share|send|join|enlarge|listen|visit|go|return|contact|advertise|report)\b",
            r"^(?:hier klicken|klicken sie hier|cliquez ici|haga clic aquí|clicca qui|klik hier)\b",
        ),
        max_chars=160,
    ),
    TextRule(
        "ad-label",
        "drop",
        (
            r"^(?:advertisement|advertising|ad|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|reklama|annons|reklam|"
            r"広告|إعلان|פרסומת|sponsored(?: content)?|paid content|promoted)\s*[:\-–]?$",
            r"^(?:the )?(?:story|article|content) continues below(?: (?:this )?advertisement)?$", r"^continue reading below$",
            r"^scroll (?:down )?to continue(?: with content| reading)?$", r"^\*?werbung\.? dieser (?:beitrag|artikel) enthält werbung\b", r"^weiter nach der anzeige$", r"^la suite après (?:cette )?publicité$",
        ),
        max_chars=70,
    ),
    TextRule(
        "image-placeholder",
        "drop",
        (
            r"^(?:image|images|photo|photos|picture|bild|bilder|foto|fotos|video|gallery|galerie|loading|enlarge|expand|zoom|"
            r"play video|watch|view gallery|open gallery|bildergalerie|diaporama|galería|galleria|\d+ (?:photos|bilder|images|fotos))\W*$",
        ),
        max_chars=30,
    ),
    TextRule(
        "feedback-prompt",
        "drop",
        (
            # "Found an error?" and "Rate this article" widgets under the text.
            r"^(?:sie haben einen )?fehler gefunden\??\s*(?:jetzt melden\.?)?$", r"^(?:found|spotted) (?:an? )?(?:error|typo|mistake)\??(?:\s*(?:report it|let us know)\.?)?$",
            r"^report an? (?:error|typo|correction)$", r"^signaler une erreur$", r"^¿has (?:visto|encontrado) (?:un|algún) error\??",
            r"^wie hat (?:ihnen|dir) (?:dieser|der) (?:artikel|beitrag) gefallen\??$", r"^(?:durchschnittliche )?bewertung\s*:\s*\d",
            r"^(?:was this|did you find this) (?:article|story) (?:helpful|useful)\??$", r"^(?:rate|bewerten sie) (?:this|diesen) (?:article|artikel)\b",
        ),
        max_chars=80,
    ),
    TextRule(
        "browser-notice",
        "drop",
        (
            # Notices for old browsers or disabled JavaScript, printed in the page.
            r"^(?:ihr|dein) browser ist (?:veraltet|nicht mehr aktuell)", r"^your browser is (?:out of date|outdated|not supported)",
            r"^votre navigateur (?:est obsolète|n['’]est plus à jour)", r"^tu navegador (?:está desactualizado|no es compatible)",
            r"^(?:please )?(?:enable|activate) javascript\b", r"^(?:bitte )?aktivieren sie javascript\b",
        ),
        max_chars=320,
    ),
    TextRule(
        "support-appeal",
        "drop",
        (
            r"\b(?:journalism|periodismo|journalisme|giornalismo|jornalismo|journalismus|journalistiek)\b.{0,40}\b(?:needs|necesita|a besoin de|ha bisogno|precisa|braucht|heeft)\b.{0,20}\b(?:your|tu|votre|del tuo|do seu|ihre|deine|jouw)\b.{0,10}\b(?:support|apoyo|soutien|sostegno|apoio|unterstützung|steun)",
            r"^support (?:our|independent|local|quality) journalism", r"^hacemos periodismo desde hace \d+ años",
            r"^tú también puedes hacer periodismo\b", r"^if you enjoyed (?:reading )?this (?:post|article)\b.{0,80}(?:share|support|subscribe|donate|buy)", r"^(?:donate|spenden sie|jetzt spenden|faire un don|haz una donación|dona ora|doe nu)\b",
        ),
    ),
    TextRule(
        "photo-credit",
        "drop",
        (
            # A credit standing alone on a line: the caption it belonged to was removed or never existed.
            r"^\(?(?:photo|photos|foto|fotos|bild|credit|image|quelle|source|fonte|fuente|crédits? photos?|צילום)\s*[:：]\s*\S.{0,60}\)?$",
            r"^(?:AFP|AP|Reuters|dpa|EFE|ANSA|EPA|Getty Images|imago|Keystone|ANP|PA)\s*/\s*[\w .'’-]{2,40}$",
        ),
        max_chars=80,
    ),
    TextRule(
        "caption-line",
        "drop",
        (
            # Captions written as paragraphs: "Pictured from left, ...", "Above: ...", "Im Bild: ...".
            r"^(?:pictured|above|below|inset|main picture|main image|top picture)\b[^.]{0,40}?[,:]", r"^(?:im bild|auf dem bild|sur la photo|en la foto|nella foto|na foto|op de foto)\s*[:,]",
        ),
        max_chars=300,
    ),
    TextRule(
        "embed-placeholder",
        "drop",
        (
            r"^link zum [\w-]+[- ]inhalt$", r"^(?:watch|view) (?:the )?(?:video|this video) on youtube$",
            r"^(?:view|open) (?:this )?(?:post|tweet|video) on (?:x|twitter|instagram|tiktok|facebook|youtube)$",
            r"^(?:externer inhalt|external content|contenu externe|contenido externo)$",
            # The signature line of an embedded post: "— Jane Doe (@janedoe) April 25, 2024".
            r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s+\S+(?:\s+\S+){1,2}$",
        ),
        max_chars=120,
    ),
    TextRule(
        "cookie-notice",
        "drop",
        (
            r"^we use cookies", r"^this (?:site|website) uses cookies", r"^accept (?:all )?cookies", r"^cookie (?:settings|policy|preferences)$",
            r"^wir verwenden cookies", r"^diese (?:website|seite) (?:verwendet|nutzt) cookies", r"^nous utilisons des cookies",
            r"^(?:utilizamos|usamos) cookies", r"^utilizziamo (?:i )?cookie", r"^wij gebruiken cookies", r"^(?:accept all|alle akzeptieren|tout accepter)$",
        ),
        max_chars=400,
    ),
    TextRule(
        "author-box",
        "drop",
        (
            r"^(?:about the author|über (?:den|die) autor(?:in)?|à propos de l['’]auteur|sobre el autor|sull['’]autore|sobre o autor|over de auteur)\b",
            r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3} (?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}(?:reporter|correspondent|writer|editor|journalist|columnist|contributor)\b.{0,200}(?:follow|twitter|email|@)",
            r"^(?:more|all) (?:articles|stories) (?:by|from) [\w .'-]{2,40}$",
        ),
        max_chars=400,
    ),
    TextRule(
        "comments-prompt",
        "drop",
        (
            r"^(?:\d+ )?comments?$", r"^(?:leave|post|add|write) a comment", r"^join the (?:conversation|discussion)",
            r"^(?:\d+ )?kommentare?(?: insgesamt)?:?$", r"^keine kommentare$", r"^no comments(?: yet)?$",
            r"^sie sind (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)\.?$", r"^you are not (?:currently )?logged in\.?$",
            r"^you must (?:confirm|be logged in|log ?in|sign in).{0,60}comment",
            r"^subscribe to:\s*post", r"^post comments \(atom\)$", r"^please log ?out and then log ?in again",
            r"^um kommentare (?:zu )?(?:schreiben|verfassen)", r"^(?:réagir|commenter|comentar|commenta|reageer)$", r"^vous devez être connecté",
            r"^(?:comments|commentaires|comentarios|reacties|kommentare)\s*\(\d+\)$", r"^(?:\d+ )?commentaires?$", r"^(?:\d+ )?comentarios?$", r"^(?:\d+ )?commenti$",
        ),
        max_chars=60,
    ),
    TextRule(
        "dateline",
        "drop",
        (
            # A block that is only a date/time stamp, with an optional label.
            r"^(?:stand|updated|update|published|posted|veröffentlicht|aktualisiert|zuletzt aktualisiert|mis à jour(?: le)?|publié le|"
            r"publicado|actualizado|aggiornato|pubblicato|bijgewerkt)?\s*:?\s*(?:am\s+|le\s+|on\s+)?"
            r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:,?\s*(?:um\s+|à\s+|at\s+)?\d{1,2}[:.hH]\d{2}(?:\s*(?:uhr|h|am|pm))?)?\.?$",
            r"^\d{4}年\d{1,2}月\d{1,2}日.{0,40}$",
            r"^(?:atualizado|actualizado|updated|aktualisiert|mis à jour|aggiornato|bijgewerkt)\s+(?:há|hace|vor|il y a|\d)\s*\d*\s*\w+(?: ago)?$",
            r"^(?:veröffentlicht|aktualisiert|publicerad|uppdaterad|publisert|oppdatert|julkaistu|päivitetty|publicado|actualizado|"
            r"publié|mis à jour|updated|published|posted|pubblicato|aggiornato|gepubliceerd|bijgewerkt)\s*(?:am|on|le|el|il|den|op|at)?\s*:?\s*\d.{0,60}$",
        ),
        max_chars=80,
    ),
    TextRule(
        "byline",
        "drop",
        (
            # "Von Nina Magoley", "By Jane Doe and John Roe": a byline left in the body.
            r"^(?:by|von|par|por|di|door|av|af|przez):?\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]+(?:,?\s+(?:(?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]+|and|und|et|y|e|en|van|von|de|der|da|di|le|la|del)){0,6}"
            r"(?:\s*[|·•,–—-]\s*.{0,60})?\s*$",
        ),
        max_chars=80,
    ),
    TextRule(
        "media-meta",
        "drop",
        (
            r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:min|mins|minutes|minuten|minutos|minuti)\b\.{0,2}.{0,50}$", r"^(?:video |audio )?verfügbar bis\b",
            r"^(?:video |audio )?available until\b", r"^\d+\s*(?:min|mins|minutes|minuten|minutos|minuti)\.?\s*(?:read|lesezeit|de lecture|de lectura|di lettura)?\.?$",
            r"^(?:lesezeit|reading time|temps de lecture|tiempo de lectura)\s*:?\s*\d+",
            r"^(?:listen to (?:this )?(?:article|story)|artikel (?:anhören|vorlesen)|écouter (?:cet )?article|escuchar (?:este )?artículo|"
            r"ascolta (?:l['’])?articolo|ouvir (?:este )?artigo|beluister (?:dit )?artikel)\b.{0,30}$", r"^gift (?:this )?(?:article|story)$",
        ),
        max_chars=80,
    ),
    TextRule(
        "republish-note",
        "drop",
        (
            # Where the story first ran, who translated it, and how to send feedback.
            r"^(?:this (?:article|story) was )?(?:first|originally) published (?:in|by|on)\b", r"^(?:dieser (?:artikel|beitrag) )?erschien (?:zuerst|erstmals)\b",
            r"^(?:lest|lesen sie) den originalartikel", r"^read the original (?:article|story)", r"^(?:aus dem \w+en (?:übersetzt )?von|übersetzt von|"
            r"translated (?:from \w+ )?by|traduit (?:de l['’]\w+ )?par|traducido por|tradotto da)\b",
            r"^have your say\b", r"^(?:ihre meinung ist uns wichtig|senden sie uns ihr feedback|we(?:'|’)d love to hear (?:from you|your thoughts)|"
            r"(?:do you )?have a (?:story|news tip|tip)\b.{0,40}\?|got a (?:story|tip)\b)",
        ),
        max_chars=200,
    ),
    TextRule(
        "tags-line",
        "drop",
        (r"^(?:tags|topics|themen|schlagwörter|mots-clés|etiquetas|temas|argomenti|tag|onderwerpen)\s*:",),
        max_chars=300,
    ),
    TextRule(
        "copyright-line",
        "drop",
        (
            r"^(?:©|\(c\)|copyright)\s*:?\s*(?:\d{4}|[A-Z])", r"^all rights reserved",
            r"^this (?:article|story|content) is the copyrighted property of\b", r"^written permission must be obtained before reprint",
        ),
        max_chars=160,
    ),
)

RULES_BY_NAME: dict[str, TextRule] = {rule.name: rule for rule in RULES}
