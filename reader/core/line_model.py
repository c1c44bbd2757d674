# Size: features, the two-stage classifier and Viterbi decoding of one model, kept in one file
# with its docstring so the model is read in one place.
"""Which lines of a copied web page are article text: a small statistical model.

"Select all, copy" on a web page gives one block per line: the article's paragraphs
and headings, and around them menus, share buttons, bylines, teasers, comments and
footers.  This module scores every line of such a text with the probability that it
belongs to the article, then decides the whole page at once.

**What the model sees.**  For each non-blank line, features that hold across languages
and scripts (:func:`page_features`):

* its length in characters, and in *units*: words for scripts written with spaces,
  characters per word (about 2 for Chinese and Japanese, 4 for Thai) for scripts
  written without, where a line of prose would otherwise look like a one-word menu
  entry;
* sentence-end punctuation (Latin, CJK ``。！？``, Arabic ``؟``, Devanagari ``।``) at the
  end of the line and inside it, and comma density;
* the share of stop words, from a small list per language (27 languages) chosen
  by a page-level language guess; for Chinese, Japanese and Thai, the share of
  characters that are common particles.  When no list fits the page (a language with
  no list here), the page's own commonest words stand in for one
  (:func:`page_stop_words`): the function words of any language are the words most
  lines of its running text share;
* title-case and all-caps shares, digits, link-like tokens (``www``, ``http``, ``@``,
  ``#``, ``.com``), date-like tokens, separators (``|``, ``•``);
* whether the line is repeated on the page, whether blank lines stand around it, its
  position on the page, and the general wording filter of
  :mod:`reader.core.boilerplate` (menus, appeals, footers: general phrases only);
* the same signals averaged over its neighbours (±1, ±2, ±5 lines).

No feature names a site, a headline or a phrase of one page.

**The model.**  Stage 1 is a small neural network (one hidden layer of tanh units) on
those features; its logit is the line's own score.  Stage 2 is a logistic regression on
the line's stage-1 score, its neighbours' scores (±1 … ±3, window means over ±5 and
±12 lines), whether the line lies inside the page's best contiguous run of positive
scores (the "body text extraction" idea of Finn et al., 2001), and where the line's
score stands on its own page: how far below the page's best score it is, and its
z-score among the page's lines.  Stage 1 sees one line and its neighbours; a paragraph
of a short blog post scores lower than one of a long report, and an "About this blog"
box beside it can score higher than the post.  Judged beside the rest of the page, the
post's lines are the page's best and the box is not the only candidate (held out,
``python -m tests.bench.extraction --corpus``: all pages 0.891 → 0.896 with seed 13,
0.887 → 0.893 with seed 14; pages under 0.5, 141 → 116).  Decoding then takes
the whole page at once: a two-state hidden Markov model (article / furniture) whose
emissions are stage 2's probabilities divided by the class priors and whose transition
probabilities were counted on the training pages; Viterbi's best path is the answer.
One long menu line or one short quote does not flip a block, because leaving a state
costs more than one line's evidence.

**Comment threads.**  Reader comments read like prose, and the training pages have few
of them, so the model alone keeps them.  After decoding, :func:`cut_thread` looks for the
pattern comments copy as in any language: short header lines carrying a time of day or an
age ("Ann on May 3, 2012 at 9:41 pm", "2 hours ago") or a reply button, each followed by
a few lines of text, at least three times in a row.  When such a thread follows the kept
article and its entries are short beside it, the thread is dropped (the text cleaner
leave-one-dataset-out, ``python -m tests.bench.extraction --corpus``: Dragnet 0.856 →
0.876; CleanEval, whose gold counts comments as content, 0.900 → 0.891).  A blog page of
several posts signed with a time keeps them: its entries are as long as the article.

**Rules on the page's shape.**  :mod:`reader.core.line_rules` then drops lines of one to
three words at the edges of the kept text (menu entries, share buttons; in scripts
without spaces counted as :func:`line_units` does) unless running text follows them,
and, when the model kept a thread but nothing before it, keeps the paragraph before
the thread that the model believes instead.

**Confidence.**  :func:`label_lines` also returns a confidence in ``[0, 1]``: the mean,
over the characters of the page, of how sure the decoded labels are (the posterior of
the chosen label), lowered when the kept text is far shorter than the prose on the page.

**Weights.**  ``data/line_model.json`` beside this module (a few tens of kB), loaded on
first use.  Its ``fitted_on`` field names the data it was fitted on; only datasets
whose licence allows shipping derived weights are used (see ``data/line_model.md``).
Retrain with ``python -m tests.bench.train_cleaner --write`` from the repository root.

**Speed.**  Pure Python feature extraction (one pass over the lines, a few regexes
each) and numpy for the two stages; the median page of the benchmarks takes a few
milliseconds.  Profiling the 88 extraction pages showed the time going to Python work
per line, not to the arithmetic: a date regex led by ``\b`` tried at every position of
every line with figures, the comment-stamp hint likewise, each line tokenised up to
five times (by the cleaner, the language guess, twice by the features, by the prose
test), numpy indexed element by element in the Viterbi loop.  Now the regexes open with a
character class the engine scans for (:func:`_dateish`, ``_STAMP_HINT``), each line is
tokenised once (:func:`tokenise_line`, handed on by the cleaner), and Viterbi runs on
Python floats: the same labels and probabilities, bit for bit, the model in about two
thirds of its former time and the cleaner's median page in 4.7 ms of CPU instead of 5.9
(``python -m tests.bench.extraction --held-out none``).  The page-shape rules took it to
5.3 ms; a second pass (text normalisation that skips absent characters, the thread found
once a page, stop words counted with ``map``, the median by sorting) brought it to
4.2–4.7 ms on a quiet machine, again with every output unchanged.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from reader.core.boilerplate import is_boilerplate_words
from reader.core.line_rules import may_rescue, refine

FloatArray = npt.NDArray[np.float64]

MODEL_PATH = Path(__file__).parent / "data" / "line_model.json"

_WORD = re.compile(r"\w+")
# Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao,
# Khmer, Myanmar.  A run of them is counted in characters.
_NO_SPACE_CHARS = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff]"
)
_SENTENCE_END_CHARS = ".!?…。！？؟।"
_CLOSERS = "\"'”’»)]」』）】"
_INNER_STOP = re.compile(r"[.!?。！？؟।](?:\s|$|[\"'”’»)\]」』）])")
_COMMAS = re.compile(r"[,，、،;；]")
_LINKISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b|@\w|#\w", re.IGNORECASE)
_DATEISH = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\b|"
    r"\b(?:19|20)\d{2}\b|\d+\s*(?:年|月|日)|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b\d+\s+(?:min|mins|minutes|hours?|days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
# _DATEISH split so that each part opens with a character class, which the regex engine
# scans for, instead of a ``\b`` it must try at every position (five times quicker on
# lines with figures): the digit-led forms, each ``\b`` turned into a look-behind after
# the first digits, and the month-led form (see :func:`_dateish`).
_MONTH_NAMES = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_DATEISH_DIGIT_LED = re.compile(
    r"\d(?:(?<!\w\d)(?:\d{3}-\d{2}-\d{2}\b|\d?[./]\d{1,2}[./]\d{2,4}\b|\d?:\d{2}\b|"
    r"(?<=1)9\d{2}\b|(?<=2)0\d{2}\b|\d?\s+" + _MONTH_NAMES + r"[a-z]*\b|"
    r"\d*\s+(?:min|mins|minutes|hours?|days?|weeks?)\s+ago\b)|"
    r"\d*\s*(?:年|月|日))",
    re.IGNORECASE,
)
# The class holds every character that (?i)[adfjmnos] matches ("ſ" is an "s").
_DATEISH_MONTH_LED = re.compile(
    r"[ADFJMNOSadfjmnos\u017f](?<!\w[\s\S])"
    r"(?i:(?<=j)(?:an|u[nl])|(?<=f)eb|(?<=m)a[ry]|(?<=a)(?:pr|ug)|(?<=s)ep|(?<=o)ct|"
    r"(?<=n)ov|(?<=d)ec)(?i:[a-z]*\.?\s+\d{1,2}\b)"
)
_SEPARATORS = re.compile(r"[|•·»›>/]")
_BULLET = re.compile(r"^(?:[•·▪◦●■\-–—*]|\d{1,2}[.)])\s+")

# Small stop-word lists: the commonest function words of each language, enough to guess
# the page's language and to tell running text from labels.
STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to a in is that for it was on with as he be by at are this from "
        "his an have not but had they which or has were their been its who will would "
        "she there we can her more said than when after about also into",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine "
        "als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch "
        "wie einem über so zum war haben nur oder aber vor zur bis",
        "fr": "de la le et les des en un du une que est pour qui dans par plus pas au sur "
        "ne se ce il sont avec ou son aux été mais nous comme elle leur ont cette ses "
        "lui fait sa été entre aussi",
        "es": "de la que el en y los del se las por un para con no una su al es lo como "
        "más pero sus le ya o fue este ha sí porque esta son entre cuando muy sin sobre "
        "también me hasta hay donde",
        "it": "di e il la che in un per è del non una della le si con i da al sono gli "
        "nel alla più come anche ma ha dei delle questo ci essere suo sua lo",
        "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos "
        "como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está",
        "nl": "de en van het een in is dat op te zijn met voor niet aan er om ook als dan "
        "maar bij of door naar over nog wordt heeft hij ze werd tot",
        "ru": "и в не на что с по он как а из к у за от это то но же его о так она был "
        "для ее было бы уже только или все мы они при до их также",
        "pl": "i w na nie z się do że to jest o jak a po co od za przez ale tak są jego "
        "już dla oraz także który która było",
        "tr": "ve bir bu da de için ile olarak çok daha gibi en ama olan sonra kadar her "
        "ne değil ise şu tarafından",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke karena "
        "ada oleh adalah sebagai mereka telah bisa",
        "ar": "في من على أن إلى عن التي الذي مع هذا هذه كان لا ما أو قد بين كما بعد ذلك "
        "وقد وفي كل إن لم هو هي",
        "sv": "och i att det som en på är av för med till den har de inte om ett var jag "
        "men från vi kan så han hon eller efter vid under också när sig sina sin skulle",
        "da": "og i at det som en på er af for med til den har de ikke om et var jeg men "
        "fra vi kan så han hun eller efter ved også når sig sin skal vil blev",
        "no": "og i at det som en på er av for med til den har de ikke om et var jeg men "
        "fra vi kan så han hun eller etter ved også når seg sin skal vil ble",
        "fi": "ja on ei se että oli ovat kun mutta myös joka tai hän sen kuin olla vain "
        "jo nyt niin mukaan mitä voi tämä ole hänen sekä jotka",
        "cs": "a v se na je že s z o do to i k jako pro ve by ale jsou za po jeho které "
        "který která bylo byl od tak jak už při podle také jen nebo aby",
        "sk": "a v sa na je že s z o do to i k ako pre vo by ale sú za po jeho ktoré "
        "ktorý ktorá bolo bol od tak už pri podľa tiež len alebo aby",
        "hu": "a az és hogy nem is egy meg van de ez csak mint már még volt el ki azt "
        "kell vagy ha pedig több után szerint amely mert",
        "ro": "și şi în de la a cu pe că nu din care o un se mai este pentru sau fost au "
        "ca lui ale cea cel fi după dar prin",
        "el": "και το της του η ο τα την σε με για των να από ένα μια στο στην που είναι "
        "θα τον οι δεν στη στα ότι αλλά όπως έχει ή",
        "uk": "і й в у на що не з до та за як це від по він але для його про також або "
        "було вже її є ми вони які який яка щоб",
        "bg": "и в на да се с за от не е че по са това като ще а но той тя които който "
        "която бъде или при след",
        "he": "של את על הוא לא עם זה כי גם היא אם או אבל יש מה אני כל היה בין אל הם "
        "היו עוד אחרי לפי",
        "fa": "و در به از که این را با است برای آن یک تا می بر هم شد ها نیز کرد شده های بود او خود",
        "hi": "है के में की और का को से पर यह ने कि भी एक हैं था लिए तो नहीं जो कर इस हो गया किया",
        "vi": "và của là có được cho không các những trong với một người đã này để khi "
        "từ đến cũng như về thì ra sẽ đang nhưng",
    }.items()
}
_LANGS_OF_WORD: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, words in STOP_WORDS.items() if word in words)
    for word in frozenset().union(*STOP_WORDS.values())
}
_ANY_STOP_WORD = frozenset(_LANGS_OF_WORD)
LISTED_SHARE_FLOOR = 0.05
"""Below this share of a page's words in the guessed language's list, no list fits the
page.  On the 2,233 benchmark pages English runs from 0.04 (a page of product names, the
one English page sent to its own words) and 0.07 (menus) to 0.3 and more, lorem ipsum
from 0.057 to 0.062 in Italian's list, a Korean page 0.005, a made-up language 0 to
0.002.  Chosen by looking at those shares, not fitted."""
PAGE_STOP_WORDS = 30
"""How many of a page's commonest words stand in for a missing stop list (about the size
of one list above)."""
_PAGE_STOP_MIN_TOKENS = 6
"""Words are counted on lines of at least this many tokens: running text, not menus."""
# For scripts without spaces: particles and function characters, counted per character.
STOP_CHARS: dict[str, frozenset[str]] = {
    "ja": frozenset("のはがをにでとたしてもるいなかれ"),
    "zh": frozenset("的了是在和有我他这也就不人都一上中为个们到说"),
}
# Thai writes words without spaces but its function words are several letters long:
# they are counted as substrings.
_THAI_STOP = re.compile("ที่|และ|ใน|ของ|การ|ไม่|ได้|เป็น|มี|ว่า|จะ|แล้ว|ให้|กับ|จาก|โดย")
_THAI_SENTENCE_UNITS = 15.0
"""Thai marks a sentence's end with a space, not a stop: a line this long is a sentence."""
_UNCASED_TITLE_SHARE = 0.35
"""Title-case share given to lines of scripts without case (Arabic, CJK, Thai …): the
share typical of running text in cased scripts, so that the feature says nothing."""
_KANA = re.compile(r"[\u3040-\u30ff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_units",
    "ends_sentence",
    "inner_stops",
    "comma_density",
    "stop_share",
    "title_share",
    "caps_share",
    "digit_share",
    "linkish",
    "dateish",
    "separators",
    "repeated",
    "blank_before",
    "blank_after",
    "position",
    "boilerplate",
    "bullet",
    "lower_start",
    "ends_colon",
    "units_vs_page_max",
    "one_unit",
    "short_label",
    "end_marker",
    "after_wall",
    "prose_before",
    "rel_units",
)
_CONTEXT_OF = ("log_units", "ends_sentence", "stop_share", "title_share", "boilerplate")
_CONTEXT_WINDOWS = (1, 2, 5, 12)
# Lines after which an article does not go on ("Related articles", "Comments"): general
# section titles in several languages, never one site's.
END_MARKERS = re.compile(
    r"^(?:related( articles?| stories| story| posts?| content| coverage| news| links?| reading)?|"
    r"see also|also read|further reading|more on this(?: story| topic)?|"
    r"weitere artikel|lire aussi|à lire aussi|te puede interesar|leia também|"
    r"читайте также|"
    r"related \w+ ?:.*|"
    r"(?:you )?(?:may|might) also (?:like|enjoy|be interested in)|"
    r"more (?:stories|articles|news|from \w+.*)|recommended(?: for you| stories| articles)?|"
    r"(?:top rated |top |latest |reader |\d+ )?comments?(?: \(\d+\))?|"
    r"\d+ (?:comments|responses|replies)|view (?:all )?comments|show comments|"
    r"leave a (?:reply|comment)|add (?:a|your) comment|post a comment|"
    r"join the (?:discussion|conversation)|most (?:read|popular|viewed)|read next|"
    r"ähnliche artikel|kommentare|mehr zum thema|sur le même sujet|commentaires|"
    r"noticias relacionadas|comentarios|lo más leído|комментарии|"
    r"похожие (?:статьи|новости)|相关(?:文章|新闻|阅读)|评论|関連記事|コメント|"
    r"ข่าวที่เกี่ยวข้อง|ความคิดเห็น|مقالات ذات صلة|اقرأ أيضا|تعليقات|"
    r"articoli correlati|leggi anche|commenti|gerelateerde artikelen|lees ook|reacties|"
    r"czytaj (?:także|też)|powiązane artykuły|komentarze|ilgili haberler|yorumlar|"
    r"berita terkait|baca juga|komentar|notícias relacionadas|comentários|"
    r"artículos relacionados|lee también|"
    r"relaterade artiklar|läs också|relaterede artikler|læs også|relaterte saker|les også|"
    r"kommentarer|lue myös|aiheeseen liittyvät|kommentit|související články|čtěte také|"
    r"komentáře|súvisiace články|čítajte aj|komentáre|kapcsolódó cikkek|hozzászólások|"
    r"articole similare|citește și|comentarii|σχετικά άρθρα|διαβάστε επίσης|σχόλια|"
    r"читайте також|схожі новини|коментарі|свързани статии|прочетете още|коментари|"
    r"כתבות קשורות|תגובות|مطالب مرتبط|اخبار مرتبط|نظرات|संबंधित खबरें|यह भी पढ़ें|"
    r"टिप्पणियाँ|tin liên quan|bài liên quan|xem thêm|bình luận|관련 ?기사|댓글)$",
    re.IGNORECASE,
)
_EDGES = " \t.,:;!?…·•|»«>›‹<-–—()[]{}\"'“”‘’*#+→←↓↑"
_WALL_PROSE_UNITS = 150


def context_feature_names() -> tuple[str, ...]:
    """Names of the columns :func:`page_features` returns, in order."""
    names = list(FEATURE_NAMES)
    for window in _CONTEXT_WINDOWS:
        names.extend(f"{name}@{window}" for name in _CONTEXT_OF)
    names.extend(("prev_units", "next_units", "prev_end", "next_end"))
    return tuple(names)


@dataclass(frozen=True, slots=True)
class PageLines:
    """The non-blank lines of a normalised text, with where they stand."""

    texts: list[str]
    indexes: list[int]  # line numbers in the text
    blank_before: list[bool]
    blank_after: list[bool]


def split_lines(text: str) -> PageLines:
    """The non-blank lines of ``text`` (already normalised) and their surroundings."""
    raw = [line.strip() for line in text.split("\n")]
    texts: list[str] = []
    indexes: list[int] = []
    before: list[bool] = []
    after: list[bool] = []
    last = len(raw) - 1
    for i, line in enumerate(raw):
        if line:
            texts.append(line)
            indexes.append(i)
            before.append(i == 0 or not raw[i - 1])
            after.append(i == last or not raw[i + 1])
    return PageLines(texts, indexes, before, after)


def guess_language(texts: list[str], lowered_tokens: list[list[str]] | None = None) -> str:
    """A language code from stop-word hits over the page (``"en"`` when nothing fits).

    ``lowered_tokens``: the lower-cased tokens of every line, when the caller has them.
    """
    return _guess_language(texts, lowered_tokens)[0]


def _guess_language(
    texts: list[str], lowered_tokens: list[list[str]] | None = None
) -> tuple[str, float]:
    """:func:`guess_language`, and the share of the words looked at that its list holds
    (1.0 for scripts without spaces, whose characters are counted instead)."""
    sample = texts if len(texts) <= 400 else texts[:400]
    joined = "\n".join(sample)
    no_space = 0 if joined.isascii() else len(_NO_SPACE_CHARS.findall(joined))
    if no_space > 0.3 * max(1, len(joined) - joined.count(" ")):
        if len(_THAI.findall(joined)) > no_space / 2:
            return "th", 1.0
        return ("ja" if len(_KANA.findall(joined)) > no_space / 10 else "zh"), 1.0
    if lowered_tokens is None:
        token_list = _WORD.findall(joined.lower())
        n_tokens = len(token_list)
        tokens: Iterable[str] = token_list
    else:  # the same tokens: no lower-casing reaches across a line break
        n_tokens = sum(map(len, lowered_tokens[:400]))
        tokens = chain.from_iterable(lowered_tokens[:400])
    # Only stop words are counted, and each adds to the languages that list it: the
    # same sums as counting every word and looking each language's words up.
    counts = Counter(filter(_ANY_STOP_WORD.__contains__, tokens))
    hits_of = dict.fromkeys(STOP_WORDS, 0)
    for word, count in counts.items():
        for lang in _LANGS_OF_WORD[word]:
            hits_of[lang] += count
    best, best_hits = "en", 0
    for lang in STOP_WORDS:
        hits = hits_of[lang]
        if hits > best_hits:
            best, best_hits = lang, hits
    return best, best_hits / max(1, n_tokens)


def page_stop_words(lowered_tokens: list[list[str]]) -> frozenset[str]:
    """The words that stand in for a stop list on a page in a language without one.

    In any language the function words ("the", "of", "and") are the words that most
    sentences share, so the page's :data:`PAGE_STOP_WORDS` words found on the most lines
    of running text (six tokens or more: menus and buttons do not count; at least two
    lines; counted by lines, so one line repeating a word does not make it common) play
    their part.  Numbers are left out.  The article's topic words may come in with them;
    they too mark the article's lines.
    """
    lines_of: Counter[str] = Counter()
    for lowered in lowered_tokens:
        if len(lowered) >= _PAGE_STOP_MIN_TOKENS:
            # In the page's order (not a set's, which changes from run to run): words
            # found on as many lines are then taken in the order they first occur.
            lines_of.update(dict.fromkeys((w for w in lowered if not w[0].isdigit()), 1))
    return frozenset(w for w, count in lines_of.most_common(PAGE_STOP_WORDS) if count >= 2)


def tokenise_line(text: str) -> tuple[list[str], list[str]]:
    """A line's ``\\w+`` tokens as written, and those of the lower-cased line.

    What :func:`label_lines` takes as ``tokenised``, one pair per non-blank line.
    """
    tokens = _WORD.findall(text)
    # Lower-casing token by token gives the tokens of the lower-cased line, save for
    # "İ" (its lower case has a combining dot, which is no word character) and "Σ"
    # (lower-cased by context): one tokenisation instead of two.
    if text.isascii() or ("\u0130" not in text and "\u03a3" not in text):
        # Token by token: quicker than joining, lower-casing and splitting again.
        return tokens, [t.lower() for t in tokens]
    return tokens, _WORD.findall(text.lower())


def _line_row(
    text: str,
    stop: frozenset[str],
    stop_chars: frozenset[str],
    furniture: bool | None,
    tokenised: tuple[list[str], list[str]] | None = None,
) -> list[float]:
    """The own features of one line (:data:`FEATURE_NAMES`; page-level ones left at 0).

    ``tokenised``: :func:`tokenise_line` of ``text``, when the caller has it.
    """
    lowered = text.lower()
    tokens, lowered_tokens = tokenised if tokenised is not None else tokenise_line(text)
    ascii_only = text.isascii()
    chars = len(text)
    no_space = 0 if ascii_only else len(_NO_SPACE_CHARS.findall(text))
    units = _units(tokens, text, no_space)
    n_alpha = n_cased = n_title = n_caps = n_digit = 0
    for t in tokens:
        first = t[0]
        if first.isdigit():
            n_digit += 1
        elif first.isalpha():
            n_alpha += 1
            if first.isupper():
                n_cased += 1
                n_title += 1
                if len(t) > 1 and t.isupper():
                    n_caps += 1
            elif first.islower():
                n_cased += 1
    if n_cased:
        title, caps = n_title / n_cased, n_caps / n_cased
    else:
        title, caps = (_UNCASED_TITLE_SHARE, 0.0) if n_alpha else (0.0, 0.0)
    digits = n_digit / (len(tokens) or 1)
    thai = len(_THAI.findall(text)) if no_space else 0
    is_thai = thai > 0 and thai > no_space / 2
    if is_thai:
        stop_share = sum(len(m) for m in _THAI_STOP.findall(text)) / max(1, thai)
    elif no_space:
        stop_share = sum(1 for c in text if c in stop_chars) / max(1, no_space)
    else:
        stop_share = sum(map(stop.__contains__, lowered_tokens)) / (len(tokens) or 1)
    core = text.rstrip(_CLOSERS)
    ends = 1.0 if (text[-1] in '”"»」』' or (core and core[-1] in _SENTENCE_END_CHARS)) else 0.0
    inner = len(_INNER_STOP.findall(text))
    if is_thai and units >= _THAI_SENTENCE_UNITS:
        ends = 1.0
        inner += text.count(" ")
    if furniture is None:
        furniture = is_boilerplate_words(text, lowered, lowered_tokens)
    return [
        math.log1p(chars),
        math.log1p(units),
        ends,
        min(inner, 10) / max(1.0, units / 10.0),
        _count_commas(text, ascii_only) / max(1.0, units),
        stop_share,
        title,
        caps,
        digits,
        1.0 if _maybe_link(text, lowered) and _LINKISH.search(text) else 0.0,
        1.0 if digits and _dateish(text) else 0.0,
        min(_count_separators(text, ascii_only), 5) / 5.0,
        0.0,  # repeated: filled in per page
        0.0,  # blank_before
        0.0,  # blank_after
        0.0,  # position
        1.0 if furniture else 0.0,
        1.0 if _BULLET.match(text) else 0.0,
        1.0 if text[0].islower() else 0.0,
        1.0 if text.endswith(":") else 0.0,
        units,  # turned into units / page max per page
        1.0 if units <= 1.0 else 0.0,
        1.0 if units <= 4.0 and not ends else 0.0,
        1.0 if units <= 8 and END_MARKERS.match(text.strip(_EDGES)) else 0.0,
        0.0,  # after_wall
        0.0,  # prose_before
        0.0,  # rel_units
    ]


def _maybe_link(text: str, lowered: str) -> bool:
    """A quick literal test that lets through every line :data:`_LINKISH` can match.

    Each of the regex's forms holds one of these literals (in the lower-cased line: no
    other character matches these letters case-insensitively).
    """
    return (
        "@" in text
        or "#" in text
        or "http" in lowered
        or "www." in lowered
        or (
            "." in text
            and (".com" in lowered or ".org" in lowered or ".net" in lowered or ".htm" in lowered)
        )
    )


def _count_commas(text: str, ascii_only: bool) -> int:
    """``len(_COMMAS.findall(text))``; an ASCII line can only hold "," and ";"."""
    if ascii_only:
        return text.count(",") + text.count(";")
    return len(_COMMAS.findall(text))


def _count_separators(text: str, ascii_only: bool) -> int:
    """``len(_SEPARATORS.findall(text))``; an ASCII line can only hold "|", ">", "/"."""
    if ascii_only:
        return text.count("|") + text.count(">") + text.count("/")
    return len(_SEPARATORS.findall(text))


def _dateish(text: str) -> bool:
    """``_DATEISH.search(text)`` is not None, answered by its two quicker parts."""
    return (
        _DATEISH_DIGIT_LED.search(text) is not None or _DATEISH_MONTH_LED.search(text) is not None
    )


def _median(values: FloatArray) -> float:
    """``float(np.median(values))`` of a non-empty array without NaN, in a fifth of its time.

    The same arithmetic: the middle value, or the two middle values added and halved.
    """
    ordered = np.sort(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (float(ordered[middle - 1]) + float(ordered[middle])) / 2


def page_features(
    lines: PageLines,
    furniture: list[bool] | None = None,
    tokenised: list[tuple[list[str], list[str]]] | None = None,
) -> FloatArray:
    """The feature matrix of a page: one row per line, :func:`context_feature_names` columns.

    ``furniture`` is the wording filter's answer for each line when the caller already
    has it (the text cleaner asks it anyway); ``tokenised`` likewise each line's
    :func:`tokenise_line`.
    """
    texts = lines.texts
    n = len(texts)
    names = context_feature_names()
    if n == 0:
        return np.zeros((0, len(names)))
    if tokenised is None:  # once, for the language and the lines
        tokenised = [tokenise_line(t) for t in texts]
    all_lowered = [lowered for _tokens, lowered in tokenised]
    lang, listed_share = _guess_language(texts, all_lowered)
    stop = STOP_WORDS.get(lang, STOP_WORDS["en"])
    if listed_share < LISTED_SHARE_FLOOR:
        stop = page_stop_words(all_lowered)
    stop_chars = STOP_CHARS.get(lang, frozenset())
    lowered_texts = list(map(str.lower, texts))
    lowered_counts = Counter(lowered_texts)
    flags: list[bool | None] = list(furniture) if furniture is not None else [None] * n
    rows = [
        _line_row(t, stop, stop_chars, flag, tok) for t, flag, tok in zip(texts, flags, tokenised)
    ]
    # One flat pass is quicker than np.array finding the shape of a list of lists.
    own = np.fromiter(chain.from_iterable(rows), np.float64, n * len(FEATURE_NAMES))
    own = own.reshape(n, len(FEATURE_NAMES))
    col = {name: i for i, name in enumerate(FEATURE_NAMES)}
    # Python floats, not numpy scalars indexed one by one: the same comparisons, quicker.
    own[:, col["repeated"]] = [
        1.0 if lowered_counts[low] > 1 and log_units < 3.3 else 0.0
        for low, log_units in zip(lowered_texts, own[:, col["log_units"]].tolist())
    ]
    own[:, col["blank_before"]] = lines.blank_before
    own[:, col["blank_after"]] = lines.blank_after
    own[:, col["position"]] = np.arange(n) / max(1, n - 1)
    units = own[:, col["units_vs_page_max"]].copy()
    own[:, col["units_vs_page_max"]] = units / max(1.0, float(units.max()))
    log_units_col = own[:, col["log_units"]]
    own[:, col["rel_units"]] = log_units_col - _median(log_units_col)
    prose_units = np.where(own[:, col["ends_sentence"]] * (units >= 8) > 0, units, 0.0)
    cum = np.cumsum(prose_units) - prose_units
    own[:, col["prose_before"]] = cum / max(1.0, float(prose_units.sum()))
    walls = own[:, col["end_marker"]] * (cum >= _WALL_PROSE_UNITS)
    own[:, col["after_wall"]] = np.minimum(1.0, np.cumsum(walls))
    parts = [own]
    ctx_cols = [col[name] for name in _CONTEXT_OF]
    ctx = own[:, ctx_cols]
    padded_sum = np.vstack([np.zeros((1, len(ctx_cols))), np.cumsum(ctx, axis=0)])
    for window in _CONTEXT_WINDOWS:
        # np.maximum / np.minimum: the bounds np.clip would apply (it costs more).
        lo = np.maximum(np.arange(n) - window, 0)
        hi = np.minimum(np.arange(n) + window + 1, n)
        total = padded_sum[hi] - padded_sum[lo] - ctx
        count = np.maximum(hi - lo - 1, 1)[:, None]
        parts.append(total / count)
    log_units = own[:, col["log_units"]]
    ends = own[:, col["ends_sentence"]]
    parts.append(
        np.stack(
            [
                np.concatenate([[0.0], log_units[:-1]]),
                np.concatenate([log_units[1:], [0.0]]),
                np.concatenate([[0.0], ends[:-1]]),
                np.concatenate([ends[1:], [0.0]]),
            ],
            axis=1,
        )
    )
    return np.hstack(parts)


# --- stage 2 and decoding --------------------------------------------------------------

STAGE2_NAMES: tuple[str, ...] = (
    "s1",
    "s1-1",
    "s1+1",
    "s1-2",
    "s1+2",
    "s1-3",
    "s1+3",
    "p@5",
    "p@12",
    "in_span",
    "span_share",
    "page_pos_share",
    "log_units",
    "boilerplate",
    "s1_vs_max",
    "s1_z",
)


def best_span(scores: FloatArray) -> tuple[int, int]:
    """``[start, end)`` of the contiguous run with the highest total (``(0, 0)`` if none)."""
    best_total = 0.0
    best = (0, 0)
    total = 0.0
    start = 0
    for i, score in enumerate(scores.tolist()):
        if total <= 0:
            total = 0.0
            start = i
        total += score
        if total > best_total:
            best_total = total
            best = (start, i + 1)
    return best


def stage2_features(s1: FloatArray, own: FloatArray) -> FloatArray:
    """Stage 2's inputs from the stage-1 logits ``s1`` and the page's feature matrix."""
    n = len(s1)
    if n == 0:
        return np.zeros((0, len(STAGE2_NAMES)))
    col = {name: i for i, name in enumerate(FEATURE_NAMES)}
    prob = 1.0 / (1.0 + np.exp(-s1))

    def shifted(k: int) -> FloatArray:
        out = np.full(n, -4.0)
        if k > 0:
            out[k:] = s1[:-k] if k < n else out[k:]
        else:
            out[: n + k] = s1[-k:] if -k < n else out[: n + k]
        return out

    cumsum = np.concatenate([[0.0], np.cumsum(prob)])

    def window_mean(w: int) -> FloatArray:
        lo = np.maximum(np.arange(n) - w, 0)  # as np.clip, quicker
        hi = np.minimum(np.arange(n) + w + 1, n)
        return np.asarray((cumsum[hi] - cumsum[lo]) / (hi - lo), dtype=np.float64)

    weight = np.exp(own[:, col["log_units"]]) - 1.0
    start, end = best_span((prob - 0.5) * weight)
    in_span = np.zeros(n)
    in_span[start:end] = 1.0
    span_share = np.full(n, (end - start) / n)
    pos_share = np.full(n, float((prob > 0.5).mean()))
    return np.stack(
        [
            s1,
            shifted(1),
            shifted(-1),
            shifted(2),
            shifted(-2),
            shifted(3),
            shifted(-3),
            window_mean(5),
            window_mean(12),
            in_span,
            span_share,
            pos_share,
            own[:, col["log_units"]],
            own[:, col["boilerplate"]],
            s1 - float(s1.max()),
            # + 1: a page whose lines all score alike gets z-scores near 0, not noise.
            (s1 - float(s1.mean())) / (float(s1.std()) + 1.0),
        ],
        axis=1,
    )


def viterbi(prob: FloatArray, log_trans: FloatArray, log_prior: FloatArray) -> list[bool]:
    """The likeliest article/furniture path given per-line probabilities of "article".

    ``log_trans[a, b]`` is log P(next = b | this = a) with 0 = furniture, 1 = article;
    emissions are the probabilities divided by the class priors (a hybrid HMM).
    """
    n = len(prob)
    if n == 0:
        return []
    eps = 1e-6
    emit = np.stack([np.log(1 - prob + eps), np.log(prob + eps)], axis=1) - log_prior
    # The loop runs on Python floats and lists: indexing numpy arrays element by element
    # and making a 2-vector per line cost more than the arithmetic (same operations,
    # same IEEE doubles, same result).
    emit0, emit1 = emit[:, 0].tolist(), emit[:, 1].tolist()
    back0 = [0] * n
    back1 = [0] * n
    s0, s1 = (float(v) for v in emit[0] + log_prior)
    t00, t01, t10, t11 = (float(v) for v in log_trans.ravel())
    for i in range(1, n):
        from0, from1 = s0 + t00, s1 + t10
        if from0 >= from1:
            to0 = from0
        else:
            to0 = from1
            back0[i] = 1
        from0, from1 = s0 + t01, s1 + t11
        if from0 >= from1:
            to1 = from0
        else:
            to1 = from1
            back1[i] = 1
        s0, s1 = to0 + emit0[i], to1 + emit1[i]
    state = int(np.argmax([s0, s1]))
    path = [False] * n
    for i in range(n - 1, -1, -1):
        path[i] = state == 1
        state = back1[i] if state else back0[i]
    return path


_MIN_KEPT_UNITS = 20.0


def _trim_runs(path: list[bool], prob: FloatArray) -> list[bool]:
    """Each kept run begins and ends with a line the model itself believes (p ≥ 0.5).

    Staying in a state is cheap, so Viterbi carries a run over the doubtful lines at
    its edges (a menu line just above the first paragraph); inside a run, doubtful lines
    stay: they are the subheadings and short quotes the decoding is there to keep.
    """
    out = list(path)
    n = len(out)
    i = 0
    while i < n:
        if not out[i]:
            i += 1
            continue
        j = i
        while j < n and out[j]:
            j += 1
        start, end = i, j
        while start < end and prob[start] < 0.5:
            out[start] = False
            start += 1
        while end > start and prob[end - 1] < 0.5:
            out[end - 1] = False
            end -= 1
        i = j
    return out


def decode(
    prob: FloatArray,
    units: FloatArray,
    log_trans: FloatArray,
    log_prior: FloatArray,
    has_prose: bool = True,
) -> list[bool]:
    """Viterbi's path, or, when it keeps almost nothing, the page's likeliest block.

    A short article on a long page can lose to the prior that most lines are furniture;
    an empty answer is never the best one when the page has a line of running text
    (``has_prose``), so then the contiguous run that best beats half the page's highest
    probability is kept.
    """
    path = _trim_runs(viterbi(prob, log_trans, log_prior), prob)
    kept = float(units[np.array(path, dtype=bool)].sum()) if any(path) else 0.0
    if kept >= _MIN_KEPT_UNITS or len(prob) == 0 or not has_prose:
        return path
    top = float(prob.max())
    start, end = best_span((prob - 0.5 * top) * units)
    rescued = [start <= i < end for i in range(len(prob))]
    rescued_units = float(units[start:end].sum())
    return rescued if rescued_units > kept else path


# A time of day or an age ("9:41 pm", "2 hours ago"): what a comment's header carries
# ("Ann on May 3, 2012 at 9:41 pm") and a quoted post's or a tweet's date does not.
_STAMP = re.compile(
    r"\b\d{1,2}:\d{2}(?-i:[AP]M)?\b|\d+\s*(?:时|時|点)\d*\s*分|"
    r"\b\d+\s+(?:min|mins|minutes|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|"
    r"\bvor\s+\d+\s+(?:minuten|stunden|tagen|wochen|monaten|jahren)\b|"
    r"\bil y a\s+\d+\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)\b|"
    r"\bhace\s+\d+\s+(?:minutos?|horas?|días?|semanas?|meses|años?)\b|"
    r"\d+\s+(?:минут\w*|час\w*|дн\w*|недел\w*)\s+назад",
    re.IGNORECASE,
)
# What every match of _STAMP contains: a quick test that spares most lines the full one.
# It is (?i)``:\d|分|ago\b|vor |il y a|hace |назад`` written to open with a character
# class, which the regex engine scans for, rather than trying each form at every
# position (four times quicker): each form is found by one of its rarer letters, the
# rest checked behind and ahead of it; the class holds every character those letters
# match case-blind.
_STAMP_HINT = re.compile(
    r"[:分CGVYcgvyЗз]"
    r"(?i:(?<=:)\d|(?<=分)|(?<=ag)o\b|(?<=v)or |(?<=il y) a|(?<=hac)e |(?<=наз)ад)"
)
# The button under every comment, in several languages.
_REPLY_LABEL = re.compile(
    r"^(?:reply|replies|\d+ repl(?:y|ies)|reply ↓|antworten|répondre|responder|rispondi|"
    r"antwoorden|odpowiedz|ответить|yanıtla|balas|回复|回覆|返信|ردّ?)$",
    re.IGNORECASE,
)


def is_reply_row(text: str) -> bool:
    """A reply button, alone or leading a short row of actions ("Reply to this · Share")."""
    stripped = text.strip(_EDGES)
    if _REPLY_LABEL.match(stripped):
        return True
    first = stripped.split(maxsplit=1)
    return len(first) == 2 and _REPLY_LABEL.match(first[0]) is not None and line_units(text) <= 5


THREAD_HEADER_UNITS = 25.0
"""A comment's header (name, date, "Reply") is at most this many words."""
THREAD_GAP = 12
"""Headers at most this many lines apart belong to one thread."""
THREAD_MIN_HEADERS = 3
"""A thread has at least this many headers, each followed by a comment's text."""
THREAD_PROSE_BEFORE = 60.0
"""Units of kept text the article must have before a thread for it to be cut."""
THREAD_ENTRY_SHARE = 0.5
"""A thread's median entry is at most this share of the article above it: comments are
short beside the article, while the posts of a blog page are about as long as each
other."""
_THREAD_MARKER_REACH = 30
"""An end marker ("21 comments") this many lines above a thread is where it starts."""
_THREAD_MARKER_STOP_UNITS = 12.0
"""… unless a paragraph (this many words) stands between the marker and the thread."""


def thread_start(
    texts: list[str], units: FloatArray, end_marker: FloatArray
) -> tuple[int, float] | None:
    """Where a thread of comments (or of dated teasers) begins, and its entries' size.

    Comments copy as a regular pattern: a short header line with a time of day or an
    age (the author and when), or a reply button repeated under every comment,
    then the comment's text, again and again.  Their text reads like prose, so the
    line model alone keeps them; the pattern gives them away in any language.  The
    thread is the first run of :data:`THREAD_MIN_HEADERS` such headers, each at most
    :data:`THREAD_GAP` lines after the previous one with a line of text between; it
    starts at its first header, or at an end marker ("21 comments", "Leave a reply")
    a little above it with no paragraph between.  Returns that line's index and the
    median units of text between two headers, or None.
    """
    n = len(texts)
    headers: list[int] = []
    replies: list[int] = []
    short = (units <= THREAD_HEADER_UNITS).tolist()
    unit_list = units.tolist()  # Python floats: quicker to index one by one
    for i, text in enumerate(texts):
        if not short[i]:
            continue
        if _STAMP_HINT.search(text) and _STAMP.search(text):
            headers.append(i)
        elif unit_list[i] <= 5 and is_reply_row(text):
            replies.append(i)
    if replies:
        counts = Counter(texts[i].lower() for i in replies)
        replies = [i for i in replies if counts[texts[i].lower()] >= THREAD_MIN_HEADERS]
        headers = sorted(headers + replies)
    header_set = set(headers)
    # Headers with no text between them (a name line, then a date line; a reply
    # button, then the next comment's header) are one header: [first, last] lines.
    groups: list[list[int]] = []
    for h in headers:
        if groups and not _text_between(groups[-1][1], h, units, header_set):
            groups[-1][1] = h
        else:
            groups.append([h, h])
    run: list[list[int]] = []
    for group in groups:
        if run and group[0] - run[-1][1] > THREAD_GAP:
            if len(run) >= THREAD_MIN_HEADERS:
                break
            run = []
        run.append(group)
    if len(run) < THREAD_MIN_HEADERS:
        return None
    start = run[0][0]
    for i in range(start - 1, max(-1, start - _THREAD_MARKER_REACH), -1):
        if end_marker[i]:
            start = i
            break
        if unit_list[i] >= _THREAD_MARKER_STOP_UNITS:
            break  # a paragraph: a marker above it (a menu's "Comments") is not the thread's
    entries = [
        float(sum(units[i] for i in range(a[1] + 1, b[0]) if i not in header_set))
        for a, b in zip(run, run[1:])
    ]
    return (start, float(np.median(entries))) if start < n else None


def _text_between(a: int, b: int, units: FloatArray, headers: set[int]) -> bool:
    """A line of a few words, not a header, stands between lines ``a`` and ``b``."""
    return any(units[i] >= 4 and i not in headers for i in range(a + 1, b))


def cut_thread(path: list[bool], texts: list[str], features: FloatArray) -> list[bool]:
    """``path`` without the comment thread after the article (see :func:`thread_start`).

    Only a thread that follows :data:`THREAD_PROSE_BEFORE` units of kept text is cut,
    and only when its entries are short beside that text (:data:`THREAD_ENTRY_SHARE`):
    a page that is all thread (a forum), or a blog page of several posts each signed
    with a time, keeps what the model chose.
    """
    if not any(path):
        return path
    units = np.exp(features[:, FEATURE_NAMES.index("log_units")]) - 1.0
    marker = features[:, FEATURE_NAMES.index("end_marker")]
    return _cut_at(path, units, thread_start(texts, units, marker))


def _cut_at(path: list[bool], units: FloatArray, found: tuple[int, float] | None) -> list[bool]:
    """:func:`cut_thread` once :func:`thread_start` has answered ``found``."""
    if found is None:
        return path
    start, entry_units = found
    kept_before = float(units[:start][np.array(path[:start], dtype=bool)].sum()) if start else 0.0
    if kept_before < THREAD_PROSE_BEFORE or entry_units > THREAD_ENTRY_SHARE * kept_before:
        return path
    return path[:start] + [False] * (len(path) - start)


# --- the fitted model ------------------------------------------------------------------


@dataclass(frozen=True)
class LineModel:
    """The fitted parameters: feature scaling, stage-1 network, stage-2 logistic, HMM."""

    mean: FloatArray
    scale: FloatArray
    w1: FloatArray
    b1: FloatArray
    w2: FloatArray
    b2: float
    mean2: FloatArray
    scale2: FloatArray
    v: FloatArray
    c: float
    log_trans: FloatArray
    log_prior: FloatArray
    info: dict[str, Any]

    def stage1(self, features: FloatArray) -> FloatArray:
        """Stage-1 logits of the rows of ``features``."""
        hidden = np.tanh((features - self.mean) / self.scale @ self.w1 + self.b1)
        return np.asarray(hidden @ self.w2 + self.b2, dtype=np.float64)

    def stage2(self, s1: FloatArray, features: FloatArray) -> FloatArray:
        """Stage-2 probabilities of "article" for every line of one page."""
        x2 = (stage2_features(s1, features) - self.mean2) / self.scale2
        return np.asarray(1.0 / (1.0 + np.exp(-(x2 @ self.v + self.c))), dtype=np.float64)

    def to_json(self) -> dict[str, Any]:
        """The parameters as plain JSON values (rounded: the file stays small)."""

        def r(a: FloatArray) -> Any:
            return np.round(a, 5).tolist()

        return {
            **self.info,
            "features": list(context_feature_names()),
            "stage2_features": list(STAGE2_NAMES),
            "mean": r(self.mean),
            "scale": r(self.scale),
            "w1": r(self.w1),
            "b1": r(self.b1),
            "w2": r(self.w2),
            "b2": round(self.b2, 5),
            "mean2": r(self.mean2),
            "scale2": r(self.scale2),
            "v": r(self.v),
            "c": round(self.c, 5),
            "log_trans": r(self.log_trans),
            "log_prior": r(self.log_prior),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LineModel:
        """The model stored by :meth:`to_json`; refuses a file made for other features."""
        if data.get("features") != list(context_feature_names()) or data.get(
            "stage2_features"
        ) != list(STAGE2_NAMES):
            raise ValueError("line model file does not match this version's features")

        def a(key: str) -> FloatArray:
            return np.asarray(data[key], dtype=np.float64)

        info = {
            k: v
            for k, v in data.items()
            if k
            not in {
                "features",
                "stage2_features",
                "mean",
                "scale",
                "w1",
                "b1",
                "w2",
                "b2",
                "mean2",
                "scale2",
                "v",
                "c",
                "log_trans",
                "log_prior",
            }
        }
        return cls(
            a("mean"),
            a("scale"),
            a("w1"),
            a("b1"),
            a("w2"),
            float(data["b2"]),
            a("mean2"),
            a("scale2"),
            a("v"),
            float(data["c"]),
            a("log_trans"),
            a("log_prior"),
            info,
        )


_MODEL: LineModel | None = None
_MODEL_LOCK = threading.Lock()


def shipped_model() -> LineModel:
    """The model in ``data/line_model.json``, read on first use."""
    global _MODEL
    if _MODEL is None:
        with _MODEL_LOCK:
            if _MODEL is None:
                data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
                _MODEL = LineModel.from_json(data)
    return _MODEL


@dataclass(frozen=True)
class LineLabels:
    """The decision for every non-blank line of a page, and how sure it is."""

    lines: PageLines
    article: list[bool]
    prob: list[float]
    confidence: float
    prose: list[bool]  # is_prose_line of every line
    units: list[float] = field(default_factory=list)  # line_units of every line

    @property
    def prose_chars(self) -> int:
        """Characters in the page's lines of running text."""
        return sum(len(t) for t, is_prose in zip(self.lines.texts, self.prose) if is_prose)


def label_lines(
    text: str,
    model: LineModel | None = None,
    furniture: list[bool] | None = None,
    tokenised: list[tuple[list[str], list[str]]] | None = None,
) -> LineLabels:
    """Decide which lines of ``text`` (normalised) are article text.

    Returns the decoded label and the stage-2 probability of every non-blank line, and
    a page confidence (see the module docstring).  ``furniture``: the wording filter's
    answer per non-blank line, when the caller has it already; ``tokenised`` likewise
    :func:`tokenise_line` of each non-blank line (each line is tokenised once).
    """
    model = model or shipped_model()
    lines = split_lines(text)
    if not lines.texts:
        return LineLabels(lines, [], [], 0.0, [])
    if tokenised is None:
        tokenised = [tokenise_line(t) for t in lines.texts]
    features = page_features(lines, furniture, tokenised)
    s1 = model.stage1(features)
    prob = model.stage2(s1, features)
    units = np.exp(features[:, FEATURE_NAMES.index("log_units")]) - 1.0
    prose = [is_prose_line(t, tok[0]) for t, tok in zip(lines.texts, tokenised)]
    path = decode(prob, units, model.log_trans, model.log_prior, any(prose))
    # The thread is searched for at most once a page: the cut and the rules ask alike.
    marker = features[:, FEATURE_NAMES.index("end_marker")]
    threads: list[tuple[int, float] | None] = []

    def thread() -> tuple[int, float] | None:
        if not threads:
            threads.append(thread_start(lines.texts, units, marker))
        return threads[0]

    if any(path):
        path = _cut_at(path, units, thread())
    path = _refine(path, lines.texts, features, prob, prose, thread)
    confidence = page_confidence(lines, path, prob, prose)
    return LineLabels(lines, path, prob.tolist(), confidence, prose, units.tolist())


def _refine(
    path: list[bool],
    texts: list[str],
    features: FloatArray,
    prob: FloatArray,
    prose: list[bool],
    thread: Callable[[], tuple[int, float] | None] | None = None,
) -> list[bool]:
    """``path`` after the page-shape rules of :mod:`reader.core.line_rules`.

    ``thread``: gives :func:`thread_start` of the page, when the caller has it.
    """
    if not any(path):
        return path
    units = np.exp(features[:, FEATURE_NAMES.index("log_units")]) - 1.0
    found = None
    if may_rescue(path, units, prob):
        if thread is not None:
            found = thread()
        else:
            found = thread_start(texts, units, features[:, FEATURE_NAMES.index("end_marker")])
    return refine(path, texts, units, prob, None if found is None else found[0], prose)


def page_confidence(
    lines: PageLines, path: list[bool], prob: FloatArray, prose: list[bool] | None = None
) -> float:
    """How sure the decision is: the chosen labels' mean probability, weighted by size.

    Lowered in proportion when the kept text is under half of the page's prose (lines of
    running text ending like sentences), because then the model most likely kept the
    wrong block or too little of the right one.
    """
    sizes = np.array([len(t) for t in lines.texts], dtype=np.float64)
    chosen = np.where(np.array(path), prob, 1.0 - prob)
    sure = float((chosen * sizes).sum() / max(1.0, sizes.sum()))
    kept = float(sizes[np.array(path, dtype=bool)].sum()) if any(path) else 0.0
    if prose is None:
        prose = [is_prose_line(t) for t in lines.texts]
    prose_total = sum(len(t) for t, is_prose in zip(lines.texts, prose) if is_prose)
    if prose_total > 0 and kept < 0.5 * prose_total:
        sure *= kept / (0.5 * prose_total)
    return round(max(0.0, min(1.0, sure)), 3)


def line_units(text: str, tokens: list[str] | None = None) -> float:
    """A line's length in words; in scripts without spaces, in characters per word.

    ``tokens``: the line's ``\\w+`` tokens, when the caller has them.
    """
    if tokens is None:
        tokens = _WORD.findall(text)
    if text.isascii():  # no character of a script without spaces
        return float(len(tokens))
    return _units(tokens, text, len(_NO_SPACE_CHARS.findall(text)))


_CHARS_PER_WORD = 2.0
"""Chinese and Japanese: characters per word, roughly."""
_THAI_CHARS_PER_WORD = 4.0
"""Thai spells words with several letters and combining marks."""


def _units(tokens: list[str], text: str, no_space: int) -> float:
    if not no_space:
        return float(len(tokens))
    spaced = sum(1 for t in tokens if not _NO_SPACE_CHARS.search(t))
    thai = len(_THAI.findall(text))
    return max(
        1.0,
        spaced + (no_space - thai) / _CHARS_PER_WORD + thai / _THAI_CHARS_PER_WORD,
    )


def is_prose_line(text: str, tokens: list[str] | None = None) -> bool:
    """A line of running text in any script: long, with inner or final sentence stops.

    Thai, which ends sentences with a space rather than a stop, counts as prose from
    a sentence's length on.  ``tokens``: the line's ``\\w+`` tokens, when the caller
    has them.
    """
    if len(text) < 23:  # twelve words of one letter take 23 characters
        return False
    units = line_units(text, tokens)
    if units < 12 and len(text) < 60:
        return False
    core = text.rstrip(_CLOSERS)
    ends = bool(core) and core[-1] in _SENTENCE_END_CHARS
    if not ends and not text.isascii() and len(_THAI.findall(text)) > len(text) / 2:
        return True
    return ends or len(_INNER_STOP.findall(text)) >= 1 and units >= 20


def prose_chars(texts: list[str]) -> int:
    """Characters in the prose lines (:func:`is_prose_line`) of a page."""
    return sum(len(t) for t in texts if is_prose_line(t))
