"""Page clutter a reader recognises in a line of scraped text, by class, across sites.

Each class is what a page's widgets leave behind when the page is saved as text: a newsletter
sign-up box ("Sign up", "Invalid email address", "Download our app"), a video player ("JUST
WATCHED", "Replay", "More Videos"), a social follow line ("Follow INSIDER", "Follow @riverton"),
a comment form ("Your email address will not be published"), a paywall or an appeal for money
("Already a subscriber? Log in", "Support our journalism"), a picture credit ("Photo: Jane
Doe/Reuters", "© Shutterstock") and a filing label ("Category: News"). `clutter_class` names
the class of a line, or returns None for anything else. The patterns match whole short lines
(or, for the sentence-like ones, lines of at most `MAX_WORDS` words), so a sentence of an
article that merely mentions a newsletter or a video is never taken for one.
"""

from __future__ import annotations

import re

MAX_WORDS = 30  # a line longer than this is prose, whatever it says

_END = r"\s*[:!.…>»›?]*\s*$"

# A sign-up box: its buttons, its prompts and its error messages.
_SIGNUP = re.compile(
    r"^(?:invalid(?: e-?mail)?(?: address)?|please enter a valid e-?mail(?: address)?|"
    r"enter your e-?mail(?: address)?(?: here)?|your e-?mail(?: address)?|e-?mail address|"
    r"thank you for (?:signing up|subscribing)|thanks for (?:signing up|subscribing)|"
    r"(?:you(?:'re| are) (?:now )?(?:signed up|subscribed)|check your inbox).{0,60}|"
    r"sign up(?: now| here| today| for free)?|subscribe(?: here| today)?|"
    r"(?:\S+\s){0,3}\S*newsletter|(?:get|receive) (?:our|the) .{1,40} newsletter"
    r")" + _END,
    re.I,
)
# Sentences of a sign-up box: "Never miss the latest news by signing up to our newsletter".
_SIGNUP_SENTENCE = re.compile(
    r"\b(?:by (?:signing|subscribing) up|sign up (?:to|for) (?:our|the|a)\b|subscribe to (?:our|the) \w+|"
    r"straight to your inbox|delivered (?:to|in) your inbox|unsubscribe at any time|"
    r"download (?:the|our) .{0,40}\bapps?\b|\bapps? for (?:ios|android|iphone)|"
    r"newsletter abonnieren|zum newsletter anmelden|melden sie sich (?:jetzt )?(?:für|zu) unserem newsletter)",
    re.I,
)

# What a video player leaves: its buttons, its labels, its duration.
_VIDEO = re.compile(
    r"^(?:just watched|must watch|replay|more videos(?: \.\.\.|…)?|now playing|up next|"
    r"video ad feedback|play video|watch (?:video|now|the video)|video|videos|"
    r"(?:video )?duration\s*\d{1,2}:\d{2}|\d{1,2}:\d{2}(?::\d{2})?|"
    r"we pay for (?:your )?(?:videos|stories|photos)(?: too)?|"
    r"video source:?.{0,40}|source: cnn|"
    r"video abspielen|video starten|vidéo suivante|reproducir video)" + _END,
    re.I,
)

_PLATFORMS = (
    r"(?:twitter|x|facebook|instagram|linkedin|youtube|tiktok|telegram|whatsapp|threads|"
    r"mastodon|bluesky|pinterest|snapchat|google news|flipboard|reddit)"
)
# "Follow INSIDER on Facebook", "Follow @riverton", "Follow us on Instagram", "Folgen Sie uns auf X".
_FOLLOW = re.compile(
    r"^(?:follow|folgen sie|folge|folgt|suivez|siga|nos siga|s[ií]guenos|seguici|volg ons)"
    r"(?:\s+(?:us|me|uns|mir|nous|-nous|nos|-nos|ons))?"
    r"(?:\s+(?:@\w+|(?-i:[A-Z][A-Z0-9&.\-]{1,20})))?"
    r"(?:\s+(?:on|auf|sur|en|no|su|op|via))?"
    r"(?:\s*,?\s*(?:and|und|et|y|e|&)?\s*(?:@\w+|" + _PLATFORMS + r"))*" + _END,
    re.I,
)

# A comment form and its rules.
_COMMENT_FORM = re.compile(
    r"\b(?:your e-?mail address will not be published|required fields are marked|"
    r"comments are (?:closed|moderated)|(?:log ?in|sign in|register) to (?:leave|post) a comment|"
    r"you must be logged in to post a comment|to leave a comment|join the (?:conversation|discussion)|"
    r"this site uses akismet|we want to hear what you think|submit your letter|"
    r"(?:deine|ihre) e-?mail-adresse wird nicht veröffentlicht|erforderliche felder sind|"
    r"kommentare sind geschlossen|diese website verwendet akismet|"
    r"votre adresse (?:e-?mail|de messagerie) ne sera pas publiée|"
    r"tu dirección de correo electrónico no será publicada|"
    r"o seu endereço de e-?mail não será publicado)",
    re.I,
)

# A reader comment's header as blog software writes it: "Anna Berg says:", "Robbinho sagt:". The
# present tense only: "The mayor said:" on a line of its own opens a quote in an article.
_COMMENT_HEADER = re.compile(
    r"^(?:[\w.'’@-]+\s){0,3}[\w.'’@-]+\s+(?:says|sagt|dit|dice|diz|scrive|zegt)\s*:\s*$",
    re.I,
)

# A paywall or registration wall.
_PAYWALL = re.compile(
    r"\b(?:already (?:a subscriber|have an account|registered)|subscribe (?:now )?to (?:continue|read|unlock)|"
    r"to continue reading|continue reading with|(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) (?:to|for)|"
    r"subscribers? only|for subscribers|you have (?:reached|read) (?:your|\d+)|free articles? (?:left|remaining)|"
    r"subscribe now (?:to|for)|for the full story|"
    r"(?:schon|bereits) registriert|jetzt (?:registrieren|abonnieren|weiterlesen)|registrieren und weiterlesen|"
    r"(?:diesen|den ganzen) artikel (?:weiter|kostenlos )?lesen|abonnenten vorbehalten|"
    r"déjà abonné|réservé aux abonnés|contenido exclusivo para suscriptores|ya eres suscriptor)",
    re.I,
)
# An appeal for money or membership, opening its line: "Support our journalism", "Unterstützen Sie uns".
_APPEAL = re.compile(
    r"^(?:support (?:our|independent|quality|local) (?:journalism|reporting|work)|support us|"
    r"become a (?:member|supporter|patron)|donate(?: now| today)?|make a donation|"
    r"unterstütze[n]?(?: sie)?(?: uns| unsere arbeit| diese form| \w+)?|jetzt spenden|"
    r"hazte (?:miembro|socio)|apóyanos|soutenez(?:-nous)?|faire un don)\b",
    re.I,
)

# A picture's credit, on a line of its own or closing a caption.
_CREDIT = re.compile(
    r"^(?:(?:photo|photos|picture|image|images|foto|fotos|bild|bilder|crédit|crédito|credit|"
    r"illustration|grafik|abbildung)\s*(?:credits?|source|quelle)?\s*:\s*.{1,80}|"
    r"(?:photo|image|picture|foto) (?:by|von|de)\s+.{1,60}|"
    r"©\s*.{1,60}|\(?(?:photo|foto|bild|crédito|credit|image)\s*:\s*[^)]{1,60}\)?|"
    r"(?:reuters|afp|ap|getty images|getty|dpa|epa|imago)\s*/\s*[\w .'’-]{1,40}|"
    r"[\w .'’-]{1,40}/(?:reuters|afp|ap|getty images|getty|dpa|epa|shutterstock|istock|imago|picture alliance)"
    r"|(?:reuters|afp|ap|getty images|dpa|epa|shutterstock|istock|imago) (?:files?|photo)s?"
    r")\s*$",
    re.I,
)
# A page's filing labels: "Category: News", "Tags: bridge, council", "Release Date:".
_LABEL = re.compile(
    r"^(?:category|categories|kategorie|kategorien|tags?|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|"
    r"filed under|posted in|release date|ver(?:ö|oe)ffentlicht am|themen|temas|etiquetas|rubrik|rubrique|"
    r"cat(?:é|e)gorie|categor[ií]a)\s*:",
    re.I,
)
_CAPTION_CREDIT = re.compile(
    r"\((?:photo|foto|bild|crédito|credit|image|fotos?)\s*:\s*[^)]{1,60}\)\s*$|"
    # a caption that ends in its credit: "Pumps at dusk. Photo: Jane Doe/Reuters", "... / (C) Kab Niang"
    r"(?:[.!?)»”]|\s[|/])\s*(?:photo|foto|bild|crédito|credit|image|fotos?|picture)\s*:\s*(?:(?!\.\s)[^!?:]){1,60}?\s*\|?\s*$|"
    r"\s(?:/|\|)\s*(?:\(c\)|©)\s*[\w .'’-]{1,40}$",
    re.I,
)


# Words one of the sentence-like patterns needs: a line with none of them skips those searches.
_HINTS = ("mail", "comment", "kommentar", "akismet", "subscri", "abonn", "regist", "account", "read",
          "lesen", "inbox", "newsletter", "app", "hear what", "letter", "suscri", "sign", "article",
          "story", "artikel", "content", "reached", "free", "déjà", "réservé", "publi", "closed",
          "moderated", "conversation", "discussion", "felder", "fields", "contenido", "continue")


def clutter_class(line: str) -> str | None:
    """The clutter class of one line ("sign-up box", "video player", "follow line",
    "comment form", "paywall", "credit", "filing label"), or None for a line that is none of them."""
    text = line.strip()
    if not text or len(text.split()) > MAX_WORDS:
        return None
    folded = text.casefold()
    hinted = any(hint in folded for hint in _HINTS)
    if _SIGNUP.match(text) or (hinted and _SIGNUP_SENTENCE.search(text)):
        return "sign-up box"
    if _VIDEO.match(text):
        return "video player"
    if _FOLLOW.match(text):
        return "follow line"
    if (hinted and _COMMENT_FORM.search(text)) or _COMMENT_HEADER.match(text):
        return "comment form"
    if (hinted and _PAYWALL.search(text)) or (len(text.split()) <= 12 and _APPEAL.match(text)):
        return "paywall"
    if _CREDIT.match(text) or _CAPTION_CREDIT.search(text):
        return "credit"
    if len(text.split()) <= 10 and _LABEL.match(text):
        return "filing label"
    return None
