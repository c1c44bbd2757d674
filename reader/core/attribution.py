"""Who said it: speaker, reporting verb and second-hand source of each sentence.

``attribute_article(sentences)`` reads the sentences of one article in order and returns
one :class:`Attribution` each:

- **speaker** — the person (or body) a claim is attributed to, as a canonical name: a
  person named in full once ("Foreign Minister Sergei Lavrov") is the same speaker when
  later named by surname ("Lavrov said"), by role ("the Russian foreign minister added")
  or by pronoun ("he said": the last named speaker);
- **verb** — the reporting verb ("said", "told", "according to");
- **source** — a second-hand source, a news outlet between the speaker and the article
  ("…, Interfax reported", "according to Reuters", "told the BBC");
- **flags** — ``unattributed`` (nobody is named as saying it: the article asserts it),
  ``anonymous`` ("officials said", "sources familiar with the talks"), ``second_hand``
  (a source is present).

A quotation that runs over several sentences ('"…," he said. "…"') gives every sentence of
the quotation the attribution of the sentence that carries it, in either direction.

The rules are word patterns over one sentence plus the article's register of names; no
parser, no model.  They are tuned for English news prose and judged on a hand-written set
(``tests/core/test_attribution.py``, and the bench).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["Attribution", "Flag", "attribute", "attribute_article"]

Flag = Literal["unattributed", "anonymous", "second_hand"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence's claim comes from (all ``None`` and ``unattributed`` if nobody)."""

    speaker: str | None = None
    speaker_text: str | None = None
    verb: str | None = None
    source: str | None = None
    flags: tuple[Flag, ...] = ("unattributed",)


_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|claimed|claims|insisted|insists|"
    r"announced|announces|warned|warns|argued|argues|asked|asks|wrote|writes|tweeted|"
    r"explained|explains|noted|notes|declared|declares|stressed|stresses|confirmed|"
    r"confirms|denied|denies|admitted|admits|acknowledged|alleged|maintained|contended|"
    r"suggested|predicted|promised|vowed|conceded|replied|responded|emphasized|emphasised"
)
_QUOTES = '"“”„«»'
_OPEN_QUOTES = '"“„«'

# A capitalised name of one to four words, allowing initials, "U.S." and particles.
_NAME = (
    r"(?:[A-Z][\w'’.-]*\.?|U\.S\.)(?:\s+(?:(?:of|de|van|von|al|bin|der|la|le)\s+)?"
    r"(?:[A-Z][\w'’-]*\.?)){0,4}"
)
_PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey|[Ii]t"
_ROLE = (
    r"(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+){0,3}?(?:minister|secretary|president"
    r"|spokes(?:man|woman|person)|chancellor|governor|senator|mayor|official"
    r"|ambassador|general|director|chief|head|leader|premier|envoy|diplomat|prosecutor"
    r"|judge|minister's\s+office)"
)
_BODY = (
    r"(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+){0,2}?(?:service|ministry|office|department"
    r"|agency|board|council|company|firm|police|army|military|government|commission"
    r"|committee|court|authority|authorities|institute|bank|union|party|campaign"
    r"|hospital|university|school|statement|report|study|survey)"
)
_GROUP = (
    r"[A-Z][\w-]+\s+(?:managers|workers|doctors|nurses|teachers|residents|officers"
    r"|scientists|researchers|economists|engineers|lawyers|farmers|prosecutors"
    r"|investigators|firefighters|rescuers|organisers|organizers)"
)
_ADVERB = r"(?:(?:also|later|earlier|then|previously|again|once|repeatedly|has|had|have)\s+)?"

_SUBJECT_VERB = re.compile(
    rf"(?P<subject>{_ROLE}|{_BODY}|{_GROUP}|{_NAME}|\b(?:{_PRONOUN}))\s+{_ADVERB}"
    rf"(?P<verb>{_VERBS})\b"
)
# "The opposition leader, Tom Okafor, said" and "Tom Okafor, the opposition leader, said".
_APPOSITION = re.compile(
    rf"(?:,\s*(?P<subject>{_NAME}),|(?P<subject2>{_NAME}),\s+(?:a|an|the)\s[^,\"“”]{{1,80}},)"
    rf"\s+{_ADVERB}(?P<verb>{_VERBS})\b"
)
_VERB_SUBJECT = re.compile(
    rf"[,{_QUOTES}]\s*(?P<verb>said|says|added|asked|wrote|told\s+\w+)\s+"
    rf"(?P<subject>{_ROLE}|{_NAME})(?=\s*(?:[,.;]|$))"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<subject>{_ROLE}|{_NAME}|(?:the\s+)?[\w-]+)")

_OUTLETS = (
    r"Interfax|Reuters|TASS|ITAR-TASS|RIA\s+Novosti|RIA|AFP|Agence\s+France-Presse|"
    r"AP|the\s+Associated\s+Press|Associated\s+Press|Bloomberg|the\s+BBC|BBC|CNN|Fox\s+News|"
    r"NBC|CBS|ABC|NPR|Al\s+Jazeera|Xinhua|Kyodo|Yonhap|Kommersant|Vedomosti|Izvestia|"
    r"(?:the\s+)?(?:New\s+York\s+Times|Washington\s+Post|Wall\s+Street\s+Journal|"
    r"Financial\s+Times|Guardian|Times|Telegraph|Economist|Independent)|Politico|Axios|"
    r"Der\s+Spiegel|Le\s+Monde|El\s+País|dpa|ANSA|EFE|Nikkei|"
    r"the\s+(?:news\s+agency|agency|newspaper|paper|broadcaster|daily|channel|magazine|"
    r"website|outlet|station|network|tabloid|wire\s+service)|"
    r"(?:the\s+)?(?:[A-Z][\w-]+\s+){0,3}(?:Herald|Times|Post|Journal|Gazette|Tribune|News|"
    r"Chronicle|Standard|Observer|Mail|Express|Radio|Television|TV|Agency|Daily|Magazine)\b"
)
_SOURCE_PATTERNS = (
    re.compile(
        rf"(?P<source>{_OUTLETS})\s+{_ADVERB}(?:reported|reports|quoted|cited|said|says|wrote)\b"
    ),
    re.compile(rf"\b[Aa]ccording\s+to\s+(?P<source>{_OUTLETS})\b"),
    re.compile(rf"\b(?:told|in\s+an\s+interview\s+with|speaking\s+to)\s+(?P<source>{_OUTLETS})\b"),
    re.compile(rf"\b(?:reported|quoted)\s+by\s+(?P<source>{_OUTLETS})\b"),
    # "…, Interfax reported." with any capitalised name: "reported" marks a medium.
    re.compile(rf",\s*(?P<source>{_NAME})\s+(?:reported|reports)\b"),
)

_ANONYMOUS = re.compile(
    r"\b(?:(?:senior|unnamed|anonymous|western|u\.s\.|european|government|administration|"
    r"military|intelligence|security)\s+)*"
    r"(?:officials|official|sources|source|diplomats|diplomat|aides|aide|insiders|analysts|"
    r"observers|people|persons?|experts|critics|opponents|supporters)\s+(?:familiar|close|with\s+knowledge|briefed|"
    r"who\s+(?:spoke|asked|declined|requested)|(?:also\s+)?(?:said|say|says|told|added|warned|"
    r"believe|claimed))\b"
    r"|\bon\s+(?:the\s+)?condition\s+of\s+anonymity\b|\bspeaking\s+anonymously\b"
    r"|\baccording\s+to\s+(?:\w+\s+){0,2}(?:sources|officials|insiders|people\s+familiar)\b"
    r"|\b(?:it\s+is|it\s+was)\s+(?:understood|believed|reported|said)\b"
    r"|\bsome\s+(?:say|said|argue|claim|believe)\b",
    re.IGNORECASE,
)

_TITLE_WORDS = frozenset(
    "president vice prime foreign defence defense finance interior deputy minister "
    "secretary state senator sen. rep. representative governor gov. mayor chancellor "
    "general gen. col. lt. sgt. mr. mrs. ms. dr. prof. judge justice ambassador "
    "spokesman spokeswoman spokesperson chairman chairwoman chair leader premier king "
    "queen prince princess pope bishop director chief executive head envoy commissioner "
    "u.s. us uk eu u.n. un former then acting russian ukrainian american british french "
    "german chinese israeli iranian crimean european western sir lord lady dame".split()
)
_NOT_NAMES = frozenset(
    "the a an this that these those it its he she they we i you but and or so yet "
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december in on at after "
    "before during meanwhile however while when if".split()
)
_TITLE_NOUNS = frozenset(
    "minister secretary president mayor governor senator chancellor spokesman spokeswoman "
    "spokesperson leader chief head director chairman chairwoman chair ambassador envoy "
    "commissioner general premier judge officer adviser advisor inspector manager "
    "prosecutor editor correspondent".split()
)
_NATIONALITIES = frozenset(
    "u.s. us uk eu u.n. un russian ukrainian american british french german chinese "
    "israeli iranian crimean european western former then acting".split()
)
_CAPITALISED_RUN = re.compile(r"(?<![\w.])[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


@dataclass
class _Register:
    """The people an article names: surname → full name, role words → full name."""

    by_surname: dict[str, str]
    by_role: dict[str, str]

    def canonical(self, text: str) -> str:
        name = _strip_titles(text)
        if name in self.by_surname.values():
            return name
        last = name.split()[-1] if name else name
        if last in self.by_surname and (name == last or self.by_surname[last].endswith(name)):
            return self.by_surname[last]
        if " " not in name and " " in text:
            # "Foreign Ministry" is a body, not a Mr Ministry.
            return text.removesuffix("'s")
        return name

    def role(self, text: str) -> str | None:
        """The person a role phrase ("the Russian foreign minister") names, if any."""
        lowered = text.lower()
        for role, name in sorted(self.by_role.items(), key=lambda item: -len(item[0])):
            if role in lowered:
                return name
        head = lowered.split()[-1]
        for role, name in self.by_role.items():
            if role.split()[-1] == head:
                return name
        return None


def _title_end(words: list[str]) -> int:
    """How many leading words are a title ("Harbour Minister Elena Marsh" → 2)."""
    cut = 0
    for i, word in enumerate(words[:-1]):
        if word.lower().rstrip(",") in _TITLE_NOUNS:
            cut = i + 1
    return cut


def _strip_titles(text: str) -> str:
    words = text.replace("’", "'").split()
    words = words[_title_end(words) :] or words
    while len(words) > 1 and words[0].lower().rstrip(",") in _TITLE_WORDS:
        words.pop(0)
    while len(words) > 1 and words[0] == "of":
        words.pop(0)
    return " ".join(words).removesuffix("'s").strip(" ,")


def _register(sentences: Sequence[str]) -> _Register:
    by_surname: dict[str, str] = {}
    by_role: dict[str, str] = {}
    for sentence in sentences:
        for match in _CAPITALISED_RUN.finditer(sentence):
            words = match.group(0).split()
            title: list[str] = []
            cut = _title_end(words)
            title.extend(words[:cut])
            words = words[cut:]
            while words and (words[0].lower() in _TITLE_WORDS or words[0].lower() in _NOT_NAMES):
                title.append(words.pop(0))
            # A person's name: two or three words, not ending in a possessive.
            if not 2 <= len(words) <= 3 or words[-1].endswith(("'s", "’s")):
                continue
            name = " ".join(words)
            by_surname.setdefault(words[-1], name)
            role = " ".join(w for w in title if w.lower() not in _NATIONALITIES)
            if role and role.split()[-1].lower() in _TITLE_NOUNS | _TITLE_WORDS:
                by_role.setdefault(role.lower(), name)
    return _Register(by_surname, by_role)


def _find_source(sentence: str) -> str | None:
    for pattern in _SOURCE_PATTERNS:
        match = pattern.search(sentence)
        if match:
            source = match.group("source")
            return source[4:] if source.startswith("the ") and source[4].isupper() else source
    return None


def _drop_leading_joiners(subject: str) -> str:
    """'But Lavrov' → 'Lavrov'; 'The Russian foreign minister' stays whole."""
    if re.match(_ROLE, subject) or re.match(_BODY, subject):
        return subject
    words = subject.split()
    while words and words[0].lower() in _NOT_NAMES - {"he", "she", "they", "it"}:
        words.pop(0)
    return " ".join(words)


def _is_outlet(text: str) -> bool:
    return re.fullmatch(_OUTLETS, text.strip()) is not None


def _attribute_one(sentence: str, register: _Register, last_speaker: str | None) -> Attribution:
    source = _find_source(sentence)
    anonymous = _ANONYMOUS.search(sentence)
    speaker: str | None = None
    speaker_text: str | None = None
    verb: str | None = None

    candidates: list[tuple[int, str, str]] = []
    for pattern in (_SUBJECT_VERB, _VERB_SUBJECT, _APPOSITION):
        for match in pattern.finditer(sentence):
            found = match.groupdict().get("subject") or match.groupdict().get("subject2") or ""
            subject = _drop_leading_joiners(found.strip())
            if not subject or (source and (subject == source or subject.endswith(source))):
                continue
            if _is_outlet(subject):
                continue
            candidates.append((match.start(), subject, match.group("verb").split()[0]))
    according = _ACCORDING.search(sentence)
    if according and not (source and source in according.group("subject")):
        subject = according.group("subject")
        if subject[:1].isupper() or subject.lower().startswith(("the ", "a ", "an ")):
            candidates.append((according.start(), subject, "according to"))
    if candidates:
        _, speaker_text, verb = min(candidates)
        lowered = speaker_text.lower()
        if lowered in {"he", "she"}:
            speaker = last_speaker
        elif lowered in {"they", "it"}:
            speaker = None
        elif re.fullmatch(_ROLE, speaker_text):
            speaker = register.role(speaker_text) or speaker_text
        elif re.fullmatch(_BODY, speaker_text) or re.fullmatch(_GROUP, speaker_text):
            speaker = speaker_text
        else:
            speaker = register.canonical(speaker_text)
    elif source:
        verb = "reported"

    flags: list[Flag] = []
    if anonymous:
        flags.append("anonymous")
        if speaker_text and speaker_text.lower() in anonymous.group(0).lower():
            speaker = None
    if source:
        flags.append("second_hand")
    if speaker is None and source is None and not anonymous and speaker_text is None:
        flags.append("unattributed")
    return Attribution(speaker, speaker_text, verb, source, tuple(flags))


def _quote_state(sentence: str) -> tuple[bool, bool]:
    """(starts inside or with a quotation, leaves a quotation open at its end)."""
    stripped = sentence.lstrip()
    starts = bool(stripped) and stripped[0] in _OPEN_QUOTES
    straight = sentence.count('"')
    curly_open = sentence.count("“") + sentence.count("«")
    curly_close = sentence.count("”") + sentence.count("»")
    open_at_end = straight % 2 == 1 or curly_open > curly_close
    return starts, open_at_end


def attribute_article(sentences: Sequence[str]) -> list[Attribution]:
    """Attribute every sentence of one article, in order (see the module docstring)."""
    register = _register(sentences)
    result: list[Attribution] = []
    last_speaker: str | None = None
    for sentence in sentences:
        attribution = _attribute_one(sentence, register, last_speaker)
        if attribution.speaker and attribution.speaker_text not in {"they", "it"}:
            last_speaker = attribution.speaker
        result.append(attribution)
    states = [_quote_state(sentence) for sentence in sentences]
    # A sentence inside a multi-sentence quotation takes the attribution of the sentence
    # that carries it: backwards ('"…," he said. "…"') first, then forwards.
    for i in range(1, len(sentences)):
        starts, _ = states[i]
        if starts and "unattributed" in result[i].flags and _has_quote(sentences[i - 1]):
            previous = result[i - 1]
            if "unattributed" not in previous.flags:
                result[i] = previous
    for i in range(len(sentences) - 2, -1, -1):
        starts, open_at_end = states[i]
        if starts and open_at_end and "unattributed" in result[i].flags:
            following = result[i + 1]
            if "unattributed" not in following.flags:
                result[i] = following
    return result


def _has_quote(sentence: str) -> bool:
    return any(mark in sentence for mark in _QUOTES)


def attribute(sentence: str) -> Attribution:
    """Attribute one sentence on its own (no article context: pronouns stay unresolved)."""
    return attribute_article([sentence])[0]
