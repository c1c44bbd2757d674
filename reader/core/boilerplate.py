# Size: most of this file is data — the multilingual phrase lists of page furniture (menus,
# share and subscribe lines, donation appeals) — read by the few functions that match them.
"""What page furniture says: knowledge shared by the text and the HTML cleaner.

A web page wraps its article in furniture — menus, share buttons, "Read more" links,
newsletter boxes, cookie bars, donation and subscription appeals, comment widgets,
copyright footers.  Layout tells the cleaners where the article is; this module answers
the narrower question "is this block furniture *by its wording alone*?", so that both
cleaners can remove what survives their layout analysis.

The HTML cleaner runs :func:`is_boilerplate` on every paragraph trafilatura kept, so the
function must be *precise*: deleting a real sentence of the article is far worse than
leaving a "Share" button in.  Four rules keep it precise:

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
4. **Sales pitches are made of formulas.**  A magazine or newsletter pitch ("Get …
   delivered through your letterbox. 12 issues for £11.99. Click here …") need not say
   "we", so it scores low as an appeal; :func:`is_sales_pitch` asks instead for a
   sentence opening with an imperative *and* two different kinds of offer formula
   (delivery "to your inbox", a price offer, "click here" or a promotional code, a
   free newsletter), and nobody quoted.  News about a paper's prices or newsletters
   has no imperative opening, or quotes someone.

The cue lists cover English, German, French, Spanish and Russian, with the commonest
Italian and Portuguese labels; they are phrases every site uses, not any one site's.

Speed.  Both cleaners call :func:`is_boilerplate` on every line or block, so it must
cost microseconds.  Profiling it (cProfile on the 2,000 blocks the HTML cleaner keeps
from the 88 pages of the extraction benchmark, and on their 14,000 copied-text lines)
showed the time going to regex *searches* that try many alternatives at every position
of a long paragraph — the copyright-footer regex alone took ~250 µs on a 400-character
paragraph — and to tokenising and lower-casing the same text three times.  What made
it ~2.5× quicker on paragraphs and ~3× on short lines, with the same answers on every
one of those texts:

* lower-case and split into words once (:func:`is_boilerplate_words` lets the
  copied-text cleaner hand over the words it has already split);
* decide by the word count which rules can apply before running any (a paragraph of
  40 words cannot be a label, a prefix line or a footer);
* ask a set of words before a regex: the footer regex runs only on lines holding
  "©", "(c)" or a rights word, the pitch formulas only on texts holding two of their
  words, the appeal phrases only for the cues whose *rarest* word is present (indexing
  by the first word, "a" of "a month" or "as" of "as little as", matched nearly every
  paragraph);
* one literal-led search tells whether a currency sign, a currency code or a cue stem
  can be present at all, before the per-word stem loop and the price regex;
* the ~55 label forms are indexed by the characters they can start with (read from
  Python's own regex parser), so a line is matched against a handful of forms, not all.

The functions are pure and :func:`is_boilerplate` is memoised, since menus and share
buttons repeat from page to page.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

try:  # Python's own regex parser, read once at import to index the labels (see below)
    import re._constants as _sre
    import re._parser as _sre_parse

    _DIGIT_CATEGORIES: tuple[object, ...] = (_sre.CATEGORY_DIGIT, _sre.CATEGORY_UNI_DIGIT)
except (ImportError, AttributeError):  # pragma: no cover - moved: the labels are not indexed
    _sre_parse = None
    _DIGIT_CATEGORIES = ()

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
    r"tell us what you think( (about|of) .{1,40})?|have your say",
    r"(don't|don’t|do not) miss( (this|these|out))?",
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


def _first_char_key(char: str) -> str:
    """The key under which labels starting with ``char`` are indexed: digits share one."""
    return "0" if char.isdigit() else char


def _first_chars(items: Any) -> tuple[frozenset[str] | None, bool]:
    """The characters a parsed regex can start with (None: any), and whether it can be empty.

    Reads the parse tree of Python's own regex parser; it errs towards "any", which
    only costs speed.
    """
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            return frozenset(chars | {chr(av)}), False
        if op is _sre.IN:
            for in_op, in_av in av:
                if in_op is _sre.LITERAL:
                    chars.add(chr(in_av))
                elif in_op is _sre.RANGE and in_av[1] - in_av[0] < 256:
                    chars.update(chr(c) for c in range(in_av[0], in_av[1] + 1))
                elif in_op is _sre.CATEGORY and in_av in _DIGIT_CATEGORIES:
                    chars.add("0")  # every digit is looked up as "0" (see _first_char_key)
                else:  # a category, a negation, a wide range
                    return None, False
            return frozenset(chars), False
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: the next item decides
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:  # inline flags ("(?i:…)") change what a literal matches
                return None, False
            sub, nullable = _first_chars(av[-1])
        elif op is _sre.BRANCH:
            sub, nullable = frozenset(), False
            for branch in av[1]:
                branch_chars, branch_nullable = _first_chars(branch)
                sub = None if sub is None or branch_chars is None else sub | branch_chars
                nullable = nullable or branch_nullable
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            sub, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        else:  # ANY, NOT_LITERAL, CATEGORY, back-references …
            return None, False
        if sub is None:
            return None, False
        chars |= sub
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def _alternatives(pattern: str) -> list[str]:
    """``"(a|b(c|d))"`` → ``["a", "b(c|d)"]``: a pattern that is one group, split at its ``|``."""
    depth = 0
    escaped = in_class = False
    splits: list[int] = []
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and i != len(pattern) - 1:
                return [pattern]  # the group is followed by more: not one group
        elif char == "|" and depth == 1:
            splits.append(i)
    if not pattern.startswith("(") or pattern.startswith("(?"):
        return [pattern]
    bounds = [0, *splits, len(pattern) - 1]
    return [pattern[start + 1 : end] for start, end in itertools.pairwise(bounds)]


def _labels_by_first_char(
    labels: tuple[str, ...],
) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str]] | None:
    """One regex per first character, holding only the labels that can start with it.

    Matching a line against all ~55 label forms costs several µs, as the regex engine
    tries every form in turn; most lines are then tested against a handful.  Returns the
    per-character regexes and the one for every other character (the forms that can
    start with anything, e.g. a digit), or None if Python's parser is not the expected one.
    """
    if _sre_parse is None:
        return None
    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    try:
        for form in (form for label in labels for form in _alternatives(label)):
            chars, nullable = _first_chars(_sre_parse.parse(form).data)
            if chars is None or nullable:
                anywhere.append(form)
                continue
            for char in {_first_char_key(char) for char in chars}:
                by_char.setdefault(char, []).append(form)
    except Exception:  # noqa: BLE001 - a private module changed: fall back to _LABEL_RE
        return None

    def compiled(forms: list[str]) -> re.Pattern[str]:
        return re.compile("(?:" + "|".join(forms or ["(?!)"]) + ")")

    regexes = {char: compiled(forms + anywhere) for char, forms in by_char.items()}
    return regexes, compiled(anywhere)


_LABEL_RE_BY_FIRST_CHAR = _labels_by_first_char(_LABELS)

# Footer forms: recognised anywhere on a short line.
_FOOTER_RE = re.compile(
    r"(?:^©|\(c\)\s*\d{4}|©\s*\d{4}|^copyright\b|\ball rights reserved\b|"
    r"\balle rechte vorbehalten\b|\btous droits réservés\b|\btodos los derechos reservados\b|"
    r"\bвсе права защищены\b|\btutti i diritti riservati\b|\btodos os direitos reservados\b)",
    re.IGNORECASE,
)
_FOOTER_MAX_WORDS = 30
_FOOTER_WORDS = frozenset(
    ["copyright", "reserved", "vorbehalten", "réservés", "reservados", "защищены", "riservati"]
)

# Short lines that are furniture by a fixed opening, whatever follows.
_PREFIX_RE = re.compile(
    r"^(?:"
    r"(?:sign up|subscribe|register) (?:for|to) (?:our|the|a) (?:free )?(?:\w+ )?"
    r"(?:newsletter|briefing|digest|alerts?|emails?|updates)"
    r"|get (?:our|the) (?:free )?(?:\w+ )?(?:newsletter|briefing|digest|app)"
    r"|(?:download|get) (?:our|the) app"
    r"|follow (?:us|me) on"
    # "Follow <the site, a section, a writer> on Twitter …"
    r"|follow (?:\S+ ){1,6}?on (?:facebook|twitter|instagram|linkedin|youtube|tiktok|threads|"
    r"bluesky|mastodon|x)\b"
    r"|(?:did you )?(?:like|liked|enjoy|enjoyed|love|loved) (?:this|the) "
    r"(?:story|article|post|piece)\?"
    r"|share (?:it|this|this (?:story|article)) with (?:a friend|your friends)"
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


# Index of the cues by the longest word of each phrase ("month" for "a month"), so that
# a text is only tested for phrases whose rarest word it contains (most paragraphs
# contain none, while nearly all contain "a", "as" or "it").  Stems ("advertis*") are
# single words that may run on; they are tested with ``startswith``.
_PHRASES_BY_KEY_WORD: dict[str, list[tuple[int, str]]] = {}
_STEMS: list[tuple[int, str]] = []
for _cue, (_phrases, _weight) in enumerate(_APPEAL_CUES):
    for _phrase in _phrases:
        if _phrase.endswith("*"):
            _STEMS.append((_cue, _phrase[:-1]))
        else:
            _key = max(_phrase.split(), key=len)
            _PHRASES_BY_KEY_WORD.setdefault(_key, []).append((_cue, f" {_phrase} "))
_KEY_WORDS = frozenset(_PHRASES_BY_KEY_WORD)
_STEM_PREFIXES = tuple(stem for _cue, stem in _STEMS)
_CURRENCY_SIGNS = "$€£₽"
_CURRENCY_AMOUNT = re.compile(r"[$€£₽]\s?\d|\d\s?(?:[$€£₽]|usd\b|eur\b|rubles\b|руб)")
# What a text must contain for a stem or _CURRENCY_AMOUNT to match: one search for all
# of them spares the per-token and per-position work on the many texts with none.
_RARE_HINTS = re.compile(
    "|".join(re.escape(hint) for hint in (*_CURRENCY_SIGNS, "usd", "eur", "rubles", "руб"))
    + "|"
    + "|".join(re.escape(stem) for stem in _STEM_PREFIXES)
)
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

# Sales pitches (see is_sales_pitch): an imperative opening a sentence …
_PITCH_OPENING = re.compile(
    r"(?:^|[.!?…][\"'”’)]*\s+)(?:get|sign up|subscribe|click|tap|join|try|start|register|"
    r"download|order|buy|grab|claim|use)\b"
)
# … and the formulas of an offer, of which a pitch has at least two kinds.
_PRICE = (
    r"(?:[$€£₽₹¥]\s?\d|(?:rs|inr|usd|eur|gbp|aud|cad)\.?\s?\d|"
    r"\d+(?:[.,]\d+)?\s?(?:[€£$₽₹]|euros?\b))"
)
_PITCH_FORMULAS: tuple[re.Pattern[str], ...] = (
    # delivered to the reader
    re.compile(
        r"\b(?:in|into|to) your (?:e-?mail )?inbox\b|\b(?:delivered|sent|straight|directly|direct)"
        r"(?:\s+\S+){0,3}?\s+(?:to|through|into|in|at) your (?:door|doorstep|letterbox|"
        r"letter box|mailbox|home)\b"
    ),
    # a price offer
    re.compile(
        rf"\b(?:for|from|at) (?:as little as|just|only)\s+{_PRICE}|\bas little as\s+{_PRICE}|"
        rf"\b\d+ (?:issues|editions|copies|months|weeks) for (?:just |only )?{_PRICE}"
    ),
    # a call to click, a promotional code
    re.compile(
        r"\b(?:click|tap) (?:here|the link|below|on the link)\b|"
        r"\b(?:promo|promotional|discount|coupon|voucher|offer) code\b|\buse (?:the )?code\b"
    ),
    # a newsletter on offer
    re.compile(
        r"\bfree (?:daily |weekly |monthly |morning |evening )?(?:newsletter|e-?mail|briefing|"
        r"digest|bulletin)s?\b|\b(?:subscribe|sign up) (?:to|for) (?:\S+ ){0,4}?(?:newsletters?|"
        r"magazine|briefing|digest|alerts)\b"
    ),
)
# Words one of which every pitch formula contains: a cheap test before the regexes.
_PITCH_WORDS = frozenset(
    [
        "inbox",
        "door",
        "doorstep",
        "letterbox",
        "letter",
        "mailbox",
        "home",
        "little",
        "just",
        "only",
        "issues",
        "editions",
        "copies",
        "months",
        "weeks",
        "click",
        "tap",
        "code",
        "free",
        "subscribe",
        "sign",
    ]
)
_PITCH_MIN_FORMULAS = 2
_PITCH_MAX_WORDS = 120


def _plain(lowered: str) -> str:
    """Single-spaced, without surrounding punctuation and bullets (input lower-cased)."""
    return " ".join(lowered.split()).strip(_EDGE_PUNCTUATION)


_EDGE_PUNCTUATION = " \t.,:;!?…·•|»«>›‹<-–—()[]{}\"'“”‘’*#+→←↓↑"


def is_label(text: str) -> bool:
    """True when the whole of a short ``text`` is a known furniture label."""
    return _is_plain_label(_plain(text.lower()))


def _is_plain_label(plain: str, n_words: int | None = None) -> bool:
    """``plain`` (see :func:`_plain`) is a label; ``n_words``: its word count, if known."""
    if not plain or plain.count(" ") >= _LABEL_MAX_WORDS * 2:
        return False
    if (len(_WORD.findall(plain)) if n_words is None else n_words) > _LABEL_MAX_WORDS:
        return False
    if _LABEL_RE_BY_FIRST_CHAR is None:
        return _LABEL_RE.fullmatch(plain) is not None
    by_char, other = _LABEL_RE_BY_FIRST_CHAR
    return by_char.get(_first_char_key(plain[0]), other).fullmatch(plain) is not None


def appeal_score(text: str) -> float:
    """How strongly ``text`` reads as the site appealing to its reader (0 = not at all).

    The weights of the distinct appeal cues found are added, then scaled by how much of
    the text is reader-addressing pronouns: a paragraph that never says "you" keeps
    only part of its cue weight, so news *about* donations or subscriptions scores low.
    """
    lowered = text.lower()
    return _appeal_score(lowered, _WORD.findall(lowered))


def appeal_score_words(lowered: str, words: list[str]) -> float:
    """:func:`appeal_score` of a text already lower-cased (``lowered``) and split.

    ``words`` are the ``\\w+`` tokens of ``lowered``: a caller that has them (the
    copied-text cleaner) saves tokenising a paragraph again.
    """
    return _appeal_score(lowered, words)


def _appeal_score(lowered: str, words: list[str]) -> float:
    """:func:`appeal_score` of a lower-cased text whose ``\\w+`` tokens are ``words``."""
    if not words:
        return 0.0
    key_words = _KEY_WORDS.intersection(words)
    has_hint = _RARE_HINTS.search(lowered) is not None
    if not key_words and not has_hint:
        return 0.0  # most text: no cue can be present
    # The phrases are matched on the token stream; currency signs are tokens too
    # ("just $"), and only then is the text tokenised again, with them.
    has_sign = has_hint and any(sign in lowered for sign in _CURRENCY_SIGNS)
    tokens = _WORD_OR_CURRENCY.findall(lowered) if has_sign else words
    found: set[int] = set()
    if key_words:
        joined = " " + " ".join(tokens) + " "
        for token in key_words:
            found.update(cue for cue, phrase in _PHRASES_BY_KEY_WORD[token] if phrase in joined)
    if has_hint and any(stem in lowered for stem in _STEM_PREFIXES):
        for token in words:
            if token.startswith(_STEM_PREFIXES):
                found.update(cue for cue, stem in _STEMS if token.startswith(stem))
    cue_weight = sum(_APPEAL_CUES[cue][1] for cue in found)
    if has_hint and _CURRENCY_AMOUNT.search(lowered):
        cue_weight += 0.3
    if cue_weight == 0.0:
        return 0.0
    reader = sum(1 for w in words if w in _READER_WORDS)
    density = reader / len(words)
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
    lowered = text.lower()
    words = _WORD.findall(lowered)
    return len(words) <= _FOOTER_MAX_WORDS and _is_footer(text, lowered, words)


def _is_footer(text: str, lowered: str, words: list[str]) -> bool:
    # Every form of _FOOTER_RE contains "©", "(c)" or one of _FOOTER_WORDS: the regex
    # (slow on a long line: it tries every form at every position) runs only then.
    if "©" not in lowered and "(c)" not in lowered and _FOOTER_WORDS.isdisjoint(words):
        return False
    return _FOOTER_RE.search(text) is not None


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
    lowered = stripped.lower()
    return is_boilerplate_words(stripped, lowered, _WORD.findall(lowered))


def is_boilerplate_words(text: str, lowered: str, words: list[str]) -> bool:
    """:func:`is_boilerplate` of a stripped, non-empty ``text`` already lower-cased and split.

    ``lowered`` is ``text.lower()`` and ``words`` its ``\\w+`` tokens: a caller that
    needs them anyway (the copied-text cleaner) saves tokenising every line twice.
    """
    # Every rule below reads the one lower-cased, tokenised text.  Lower-casing changes
    # the number of words only for "İ", whose lower case carries a combining dot.
    n_words = len(words) if "\u0307" not in lowered else len(_WORD.findall(text))
    if n_words <= _PREFIX_MAX_WORDS:
        plain = _plain(lowered)
        # _plain only drops spaces and punctuation: the words are the same.
        if n_words <= _LABEL_MAX_WORDS and _is_plain_label(plain, n_words):
            return True
        if _PREFIX_RE.match(plain):
            return True
    if n_words <= _FOOTER_MAX_WORDS and _is_footer(text, lowered, words):
        return True
    # Appeals are sentences; a line of a few words is judged by the label rules above.
    if n_words < _APPEAL_MIN_WORDS:
        return False
    if _appeal_score(lowered, words) >= APPEAL_THRESHOLD:
        return True
    return n_words <= _PITCH_MAX_WORDS and _is_sales_pitch(lowered, words)


def is_sales_pitch(text: str) -> bool:
    """True when ``text`` sells the reader a subscription, a magazine or a newsletter.

    A pitch need not say "we", so :func:`appeal_score` misses it, but it is made of
    fixed formulas: a sentence opening with an imperative ("Get …", "Sign up …",
    "Click …") and at least two kinds of offer — delivery "to your inbox" or "through
    your letterbox", a price offer ("12 issues for £9", "for as little as Rs 99"), a
    call to click or a promotional code, a free newsletter.  A paragraph that quotes
    anyone ("said", "told") is news about an offer, not the offer.
    """
    lowered = text.lower()
    return _is_sales_pitch(lowered, _WORD.findall(lowered))


def _is_sales_pitch(lowered: str, words: list[str]) -> bool:
    # The formulas share no word: a text with two kinds of formula has two of these words.
    if len(_PITCH_WORDS.intersection(words)) < _PITCH_MIN_FORMULAS:
        return False
    if not _REPORTED_SPEECH.isdisjoint(words) or _PITCH_OPENING.search(lowered) is None:
        return False
    kinds = sum(1 for formula in _PITCH_FORMULAS if formula.search(lowered) is not None)
    return kinds >= _PITCH_MIN_FORMULAS
