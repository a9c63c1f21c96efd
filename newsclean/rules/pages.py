"""Page kinds that are never articles, recognised by URL path, as data."""

from __future__ import annotations

import re

# The site's front door.
HOME_PATH = re.compile(r"^/?(?:index\.(?:html?|php|aspx?)|home|start|default\.aspx?)?/?$", re.I)
# Service pages every news site has: about, legal, contact, subscriptions.
SERVICE_PATH = re.compile(
    r"/(?:about|about-us|ueber-uns|uber-uns|a-propos|quienes-somos|chi-siamo|over-ons|contact|kontakt|contacto|contatti|"
    r"privacy|privacy-policy|datenschutz|confidentialite|privacidad|impressum|imprint|legal|terms|terms-of-service|agb|"
    r"cookies|cookie-policy|subscribe|subscription|abo|abonnement|newsletter|newsletters|faq|help|jobs|careers|advertise)"
    r"(?:\.html?|\.php|/)?$",
    re.I,
)

# A section front: one or two short path words and a trailing slash ("/business/", "/news/world/").
SECTION_PATH = re.compile(r"^/(?:[a-z]+(?:-[a-z]+)?/){1,2}$", re.I)
