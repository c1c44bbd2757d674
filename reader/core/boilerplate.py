"""What page furniture says: knowledge shared by the text and the HTML cleaner.

A web page wraps its article in furniture — menus, share buttons, "Read more" links,
newsletter boxes, cookie bars, donation and subscription appeals, comment widgets,
copyright footers.  Layout tells the cleaners where the article is; this module answers
the narrower question "is this block furniture *by its wording alone*?", so that both
cleaners can remove what survives their layout analysis.

The HTML cleaner runs :func:`is_boilerplate` on every paragraph trafilatura kept, so the
function must be *precise*: deleting a real sentence of the article is far worse than
leaving a "Share" button in.  Three rules keep it precise:

1. **Short labels must match whole.**  A line of a few words is furniture only when the
   *entire* line is a known label ("Read more", "Partager sur Facebook", "Подписаться",
   "Related articles", "Remind me later").  "Read more about the budget at the ministry's
   site." is not a label, so it is kept.
2. **Footers are recognised by their form**, not by topic words: "© 2024 …", "All rights
   reserved", "Copyright …" on a short line.
3. **Appeals are scored, not matched.**  A long paragraph may mention donations,
   subscriptions or support and still be news ("The charity said donations fell…").
   What marks an appeal is that the *site* addresses the *reader*: first-person plural
   ("we", "our", "us") together with second-person ("you", "your"), imperative calls
   ("support us", "subscribe now", "donate"), and the fixed vocabulary of fundraising
   ("your support", "independent journalism", "just $2", "a small favour to ask",
   "ad-free").  :func:`appeal_score` adds the weights of the *distinct* cues found and
   scales by how much of the paragraph is reader-addressing pronouns; only a paragraph
   with several independent cues passes :data:`APPEAL_THRESHOLD`.  A news paragraph
   about a fundraiser reports in the third person and rarely says "you".

The cue lists cover English, German, French, Spanish and Russian, with the commonest
Italian and Portuguese labels; they are phrases every site uses, not any one site's.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)

# Whole-line labels: a short line that consists only of one of these is furniture.
# Each entry is a regular expression matched against the whole (lower-cased, trimmed,
# trailing punctuation stripped) line.
_LABELS: tuple[str, ...] = (
    # reading on / navigation
    r"(read|see|show|load|view) (more|less|all|full (story|article))( (stories|articles|news|comments))?",
    r"(continue|keep) reading( (the|this) (main )?(story|article))?",
    r"read (the )?(full|whole|original) (story|article|report|post)",
    r"(click|tap) (here|to (read|see|expand|enlarge|continue)).{0,30}",
    r"(back|return|go) to (top|home|homepage|the top)",
    r"skip (to|navigation).{0,30}",
    r"(previous|next) (article|story|post|page|slide)",
    (
        r"(more|latest|top|related|recommended|popular|trending|most (read|popular|viewed|shared)) "
        r"(news|stories|articles|posts|videos|reads|from .{1,30}|in .{1,30}|on .{1,30})"
    ),
    (
        r"(related|recommended|suggested|popular|trending|latest|recent)"
        r"( (articles?|stories|posts|content|links|reading|topics|videos|news))?"
    ),
    r"you (may|might) (also|be interested).{0,30}",
    r"(more|also) (on|from|in) (this|our|the) (topic|site|section|story)",
    r"(what|who) to read next|up next|also read|read also|see also|watch next",
    r"(most|more) (read|popular|viewed|shared|commented)",
    r"(all|latest|top) (news|stories|articles|videos)",
    r"(menu|search|home|close|open|toggle navigation|navigation|main menu|sections)",
    r"(sign|log) ?(in|out|up)( / (sign|log) ?(in|out|up)| or (sign|log) ?(in|out|up)| with .{1,20})?",
    r"(register|login|my account|create (an |a free )?account)",
    # sharing
    r"(share|tweet|email|e-mail|print|pin|save|copy link|copy url|share (this|the) (article|story|post|page))",
    r"(share|post|send) (on|to|via|with) \w+( \w+)?",
    (
        r"(facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|email|messenger|vk|flipboard|"
        r"tumblr|google\+|x|instagram|youtube|viber|pocket|mail|rss)"
    ),
    r"follow (us|me)( on .{1,40})?",
    r"(share|comment|like)s?( \(?\d+\)?)?",
    r"\d+ (shares|comments|views|reactions)",
    # comments
    (
        r"(posted |updated |edited )?(\d+|an?|one) (second|minute|hour|day|week|month|year)s? ago"
        r"( at .{1,12})?"
    ),
    r"(rating|votes?|score|points?) ?:? ?[-+]?\d+( votes?| points?)?",
    r"(\d+ )?(comments?|responses?|replies)( \(\d+\))?",
    r"(leave|post|add|write|view|show|hide|load) (a |your )?(comment|reply|response)s?",
    r"(join|start) the (discussion|conversation|debate)",
    r"(comments are|commenting is) (closed|disabled)",
    r"(reply|report|flag|upvote|downvote)( comment| abuse)?",
    # subscriptions, newsletters, appeals
    (
        r"(subscribe|subscribe now|subscribe today|unsubscribe|sign up( now| today| here)?|"
        r"get (the )?newsletter|newsletters?)"
    ),
    r"(sign up|subscribe) (for|to) (our|the) .{0,40}(newsletter|updates|alerts|emails?|digest)",
    r"(support|donate to|back|fund) (us|our (work|journalism|reporting))( today| now)?",
    (
        r"(donate|donate now|donate today|make a donation|give now|contribute( now)?|become a "
        r"(member|patron|supporter|subscriber))"
    ),
    r"remind me later|maybe later|not now|no,? thanks|not ready to (support|donate|subscribe).{0,20}",
    r"pa(y|i)ment (methods?|options)",
    r"(we accept|accepted payment).{0,40}",
    # ads and cookies
    (
        r"(advertisement|advertising|advert|ad|ads|sponsored( content)?|promoted( content)?|"
        r"paid (content|post|partner)|partner content|story continues below( advertisement)?|"
        r"article continues below( advertisement)?|content continues below)"
    ),
    (
        r"(accept|accept all|reject all|i agree|agree|got it|ok|okay|allow( all)? cookies|"
        r"accept (&|and) close|accept cookies|cookie (settings|preferences|policy))"
    ),
    r"(privacy|cookie) (policy|notice|settings|statement|preferences)",
    r"(terms|conditions)( of (use|service))?( (and|&) .{1,30})?",
    (
        r"(terms (of|and) conditions|terms of (use|service)|about us|contact us|contact|"
        r"careers|imprint|impressum|accessibility|sitemap|site map|faq|help|feedback|rss feeds?)"
    ),
    r"(tags?|topics?|categories|filed under|more about|keywords)",
    # German
    (
        r"(weiterlesen|mehr (lesen|dazu|zum thema)|alle artikel|zum artikel|teilen|drucken|"
        r"kommentare?|kommentieren|abonnieren|jetzt abonnieren|anmelden|abmelden|registrieren|"
        r"newsletter abonnieren|unterstützen sie uns|jetzt unterstützen|spenden|jetzt spenden|"
        r"anzeige|werbung|datenschutz(erklärung)?|nutzungsbedingungen|kontakt|"
        r"das könnte sie auch interessieren|auch interessant|ähnliche artikel|"
        r"zurück nach oben|nach oben|später erinnern|alle akzeptieren|akzeptieren)"
    ),
    # French
    (
        r"(lire (la )?suite|lire aussi|à lire aussi|voir aussi|en savoir plus|partager|"
        r"partager sur \w+|imprimer|commentaires?|commenter|s'abonner|abonnez-vous|"
        r"je m'abonne|se connecter|connexion|inscription|s'inscrire|soutenez-nous|"
        r"faire un don|je fais un don|publicité|sur le même sujet|articles? similaires|"
        r"(les )?plus lus|retour en haut|me le rappeler plus tard|tout accepter|j'accepte)"
    ),
    # Spanish (and Portuguese where the labels coincide)
    (
        r"(leer más|lee también|leer también|ver más|compartir|compartir en \w+|imprimir|"
        r"comentarios?|comentar|suscríbete|suscribirse|iniciar sesión|regístrate|apóyanos|"
        r"haz una donación|donar|publicidad|noticias relacionadas|te puede interesar|"
        r"lo más leído|más leídas?|volver arriba|aceptar( todo| cookies)?|recordármelo más tarde)"
    ),
    (
        r"(leia (mais|também)|veja (também|mais)|compartilhe|compartilhar|assine|"
        r"publicidade|notícias relacionadas|mais lidas)"
    ),
    # Italian
    (
        r"(leggi (anche|tutto|di più)|continua a leggere|condividi|commenti|iscriviti|"
        r"abbonati|pubblicità|articoli correlati|accetta( tutti)?)"
    ),
    # Russian
    (
        r"(читать (далее|еще|ещё|также|полностью)|читайте (также|еще|ещё)|подробнее|"
        r"поделиться|комментари(и|ев|й)|комментировать|подписаться|подпишитесь|"
        r"войти|вход|регистрация|поддержать|поддержите нас|поддержать нас|пожертвовать|"
        r"реклама|по теме|похожие (статьи|новости)|популярное|самое читаемое|"
        r"новости партнеров|наверх|напомнить позже|принять( все)?|показать (еще|ещё|больше))"
    ),
)

_LABEL_RE = re.compile(r"(?:" + r"|".join(_LABELS) + r")")
_LABEL_MAX_WORDS = 8

# Footer forms: recognised anywhere on a short line.
_FOOTER_RE = re.compile(
    r"(?:^©|\(c\)\s*\d{4}|©\s*\d{4}|^copyright\b|\ball rights reserved\b|"
    r"\balle rechte vorbehalten\b|\btous droits réservés\b|\btodos los derechos reservados\b|"
    r"\bвсе права защищены\b|\btutti i diritti riservati\b|\btodos os direitos reservados\b)",
    re.IGNORECASE,
)
_FOOTER_MAX_WORDS = 30

# Short lines that are furniture by a fixed opening, whatever follows.
_PREFIX_RE = re.compile(
    r"^(?:"
    r"(?:sign up|subscribe|register) (?:for|to) (?:our|the|a) (?:free )?(?:\w+ )?"
    r"(?:newsletter|briefing|digest|alerts?|emails?|updates)"
    r"|get (?:our|the) (?:free )?(?:\w+ )?(?:newsletter|briefing|digest|app)"
    r"|(?:download|get) (?:our|the) app"
    r"|follow (?:us|me) on"
    r"|(?:like|find) us on facebook"
    r"|(?:share|tweet) (?:this|on)"
    r"|click here to"
    r"|we use cookies|this (?:web)?site uses cookies|our website uses cookies"
    r"|by (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website)"
    r"|(?:photo|image|picture|video) (?:credit|courtesy)s?:"
    r"|(?:you (?:must|need to) )?(?:be )?(?:log(?:ged)?|sign(?:ed)?) in to (?:comment|post|reply)"
    r"|(?:related|recommended|read more|more from|see more|also read|read also|read next)\s*:"
    r"|(?:tags|topics|filed under|categories)\s*:"
    r"|(?:advertisement|anzeige|publicité|publicidad|реклама)\b"
    r")",
    re.IGNORECASE,
)
_PREFIX_MAX_WORDS = 25

# Appeal cues: (phrases, weight); a cue's weight counts once however many of its phrases
# occur.  Phrases are matched on whole words of the lower-cased text (a trailing ``*``
# lets the last word run on: "advertis*" covers "advertising", "advertisers").
_APPEAL_CUES: tuple[tuple[tuple[str, ...], float], ...] = (
    # English
    (
        (
            "support us",
            "support our work",
            "support our journalism",
            "support our reporting",
            "support our newsroom",
            "support our mission",
            "supporting us",
        ),
        1.0,
    ),
    (("your support", "your contribution", "your donation", "your gift", "your help"), 0.8),
    (
        (
            "donate",
            "donating",
            "make a donation",
            "make a contribution",
            "become a member",
            "become a patron",
            "become a supporter",
            "become a subscriber",
        ),
        0.8,
    ),
    (("we need your help", "we need your support", "we need you"), 1.0),
    (("small favor to ask", "small favour to ask"), 1.0),
    (
        (
            "independent journalism",
            "independent news",
            "independent media",
            "independent reporting",
            "independent voice",
            "quality journalism",
            "trusted journalism",
            "fearless journalism",
            "free journalism",
            "open journalism",
        ),
        0.5,
    ),
    (("monthly", "per month", "a month", "every month"), 0.3),
    (("just $", "only $", "from $", "as little as", "just €", "only €", "just £", "only £"), 0.6),
    (("thank you",), 0.3),
    (
        ("subscribe", "subscribes", "subscription", "subscriptions", "subscriber", "subscribers"),
        0.4,
    ),
    (("ad free", "ads", "advertis*", "paywall"), 0.3),
    (
        (
            "reader support",
            "readers support",
            "reader funded",
            "reader revenue",
            "reader s support",
            "readers support",
        ),
        0.8,
    ),
    (("keep providing", "keep bringing", "keep reporting", "keep our journalism"), 0.5),
    (("newsletter", "newsletters", "inbox"), 0.5),
    (("cookie", "cookies", "privacy policy", "personal data", "consent"), 0.5),
    (("sign up", "log in", "sign in", "create an account"), 0.4),
    (
        (
            "it s quick",
            "takes just a minute",
            "takes only a minute",
            "only takes a minute",
            "just takes a minute",
        ),
        0.5,
    ),
    # German
    (("unterstützen sie", "spenden sie", "jetzt spenden", "jetzt unterstützen"), 0.8),
    (("ihre unterstützung", "ihr beitrag", "ihre spende"), 0.8),
    (("unabhängigen journalismus", "unabhängiger journalismus"), 0.5),
    (("abonnieren", "abonnement", "monatlich", "pro monat", "im monat"), 0.4),
    # French
    (("soutenez", "faites un don", "abonnez vous"), 0.8),
    (("votre soutien", "votre don", "votre contribution"), 0.8),
    (("journalisme indépendant", "presse indépendante"), 0.5),
    (("abonnement", "par mois", "infolettre"), 0.4),
    # Spanish
    (("apóyanos", "haz una donación", "suscríbete", "colabora con"), 0.8),
    (("tu apoyo", "su apoyo", "tu aportación", "tu contribución"), 0.8),
    (("periodismo independiente", "periodismo de calidad"), 0.5),
    (("suscripción", "al mes", "boletín"), 0.4),
    # Russian
    (("поддержите", "пожертвуйте", "подпишитесь"), 0.8),
    (("ваша поддержка", "вашей поддержки", "ваше пожертвование"), 0.8),
    (("независимую журналистику", "независимой журналистики", "независимые сми"), 0.5),
    (("подписк*", "ежемесячн*", "в месяц", "рассылк*"), 0.4),
)


# Index of the cues by the first word of each phrase, so that a text is only tested for
# phrases whose first word it contains (most lines contain none).  Stems ("advertis*")
# are single words that may run on; they are tested with ``startswith``.
_PHRASES_BY_FIRST_WORD: dict[str, list[tuple[int, str]]] = {}
_STEMS: list[tuple[int, str]] = []
for _cue, (_phrases, _weight) in enumerate(_APPEAL_CUES):
    for _phrase in _phrases:
        if _phrase.endswith("*"):
            _STEMS.append((_cue, _phrase[:-1]))
        else:
            _PHRASES_BY_FIRST_WORD.setdefault(_phrase.split()[0], []).append((_cue, f" {_phrase} "))
_STEM_PREFIXES = tuple(stem for _cue, stem in _STEMS)
_CURRENCY_AMOUNT = re.compile(r"[$€£₽]\s?\d|\d\s?(?:[$€£₽]|usd\b|eur\b|rubles\b|руб)")
_WORD_OR_CURRENCY = re.compile(r"\w+|[$€£₽]")

# Words by which a site addresses its reader (and speaks of itself).
_READER_WORDS = frozenset(
    [
        "you",
        "your",
        "yours",
        "you're",
        "you’re",
        "we",
        "our",
        "us",
        "we're",
        "we’re",
        "sie",
        "ihre",
        "ihr",
        "ihnen",
        "wir",
        "unser",
        "unsere",
        "uns",
        "vous",
        "votre",
        "vos",
        "nous",
        "notre",
        "nos",
        "tu",
        "tus",
        "usted",
        "ustedes",
        "su",
        "nosotros",
        "nuestro",
        "nuestra",
        "nuestros",
        "nuestras",
        "вы",
        "ваш",
        "ваша",
        "ваши",
        "вас",
        "вам",
        "мы",
        "наш",
        "наша",
        "наши",
        "нас",
        "нам",
    ]
)
_FIRST_PERSON_PLURAL = frozenset(
    [
        "we",
        "our",
        "us",
        "ours",
        "we're",
        "we’re",
        "wir",
        "uns",
        "unser",
        "unsere",
        "unseren",
        "unserer",
        "nous",
        "notre",
        "nos",
        "nosotros",
        "nosotras",
        "nuestro",
        "nuestra",
        "nuestros",
        "nuestras",
        "nos",
        "мы",
        "наш",
        "наша",
        "наше",
        "наши",
        "нас",
        "нам",
    ]
)
_SECOND_PERSON = frozenset(
    [
        "you",
        "your",
        "yours",
        "you're",
        "you’re",
        "sie",
        "ihre",
        "ihnen",
        "vous",
        "votre",
        "vos",
        "tu",
        "tus",
        "usted",
        "вы",
        "ваш",
        "ваша",
        "ваши",
        "вас",
        "вам",
    ]
)

# Verbs of reported speech: their presence marks news about an appeal, not an appeal.
_REPORTED_SPEECH = frozenset(
    [
        "said",
        "says",
        "told",
        "added",
        "according",
        "asked",
        "urged",
        "sagte",
        "sagt",
        "erklärte",
        "betonte",
        "déclaré",
        "expliqué",
        "affirmé",
        "selon",
        "dijo",
        "afirmó",
        "explicó",
        "según",
        "сказал",
        "сказала",
        "заявил",
        "заявила",
        "сообщил",
        "сообщила",
    ]
)

_APPEAL_MIN_WORDS = 4

APPEAL_THRESHOLD = 1.5
"""Score at or above which a paragraph is taken for an appeal to the reader."""


def _plain(text: str) -> str:
    """Lower-case, single-spaced, without surrounding punctuation and bullets."""
    text = " ".join(text.split()).lower()
    return text.strip(" \t.,:;!?…·•|»«>›‹<-–—()[]{}\"'“”‘’*#+→←↓↑")


def is_label(text: str) -> bool:
    """True when the whole of a short ``text`` is a known furniture label."""
    return _is_plain_label(_plain(text))


def _is_plain_label(plain: str) -> bool:
    if not plain or plain.count(" ") >= _LABEL_MAX_WORDS * 2:
        return False
    if len(_WORD.findall(plain)) > _LABEL_MAX_WORDS:
        return False
    return _LABEL_RE.fullmatch(plain) is not None


def appeal_score(text: str) -> float:
    """How strongly ``text`` reads as the site appealing to its reader (0 = not at all).

    The weights of the distinct appeal cues found are added, then scaled by how much of
    the text is reader-addressing pronouns: a paragraph that never says "you" keeps
    only part of its cue weight, so news *about* donations or subscriptions scores low.
    """
    tokens = _WORD_OR_CURRENCY.findall(text.lower())
    if not tokens:
        return 0.0
    found: set[int] = set()
    joined = ""
    for token in _PHRASES_BY_FIRST_WORD.keys() & set(tokens):
        joined = joined or " " + " ".join(tokens) + " "
        found.update(cue for cue, phrase in _PHRASES_BY_FIRST_WORD[token] if phrase in joined)
    for token in tokens:
        if token.startswith(_STEM_PREFIXES):
            found.update(cue for cue, stem in _STEMS if token.startswith(stem))
    cue_weight = sum(_APPEAL_CUES[cue][1] for cue in found)
    if _CURRENCY_AMOUNT.search(text):
        cue_weight += 0.3
    if cue_weight == 0.0:
        return 0.0
    words = [t for t in tokens if t[0].isalnum() or t[0] == "_"]
    reader = sum(1 for w in words if w in _READER_WORDS)
    density = reader / max(1, len(words))
    factor = 0.5 + min(density * 6.0, 1.0)
    if _SECOND_PERSON.isdisjoint(words):
        factor *= 0.5
    if _FIRST_PERSON_PLURAL.isdisjoint(words):
        # The site speaks of itself in an appeal ("support us", "our newsletter");
        # consumer advice ("you can sign up for $6.99 a month") does not.
        factor *= 0.5
    if not _REPORTED_SPEECH.isdisjoint(words):
        # A site asking for help does not quote anyone; a news story does.
        factor *= 0.5
    return cue_weight * factor


def is_footer(text: str) -> bool:
    """True for a short copyright or rights line."""
    return _is_footer(text, len(_WORD.findall(text)))


def _is_footer(text: str, n_words: int) -> bool:
    return n_words <= _FOOTER_MAX_WORDS and _FOOTER_RE.search(text) is not None


@lru_cache(maxsize=4096)
def is_boilerplate(text: str) -> bool:
    """True when ``text`` (one block or line) is page furniture by its wording alone.

    Precise by design: whole-line labels, copyright footers, short lines opening with a
    furniture formula, and paragraphs whose :func:`appeal_score` reaches
    :data:`APPEAL_THRESHOLD`.  An article sentence that merely mentions support,
    subscriptions or donations is kept.
    """
    stripped = text.strip()
    if not stripped:
        return False
    plain = _plain(stripped)
    if _is_plain_label(plain):
        return True
    n_words = len(_WORD.findall(stripped))
    if n_words <= _PREFIX_MAX_WORDS and _PREFIX_RE.match(plain):
        return True
    if _is_footer(stripped, n_words):
        return True
    # Appeals are sentences; a line of a few words is judged by the label rules above.
    return n_words >= _APPEAL_MIN_WORDS and appeal_score(stripped) >= APPEAL_THRESHOLD
