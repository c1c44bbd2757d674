"""Word lists the sentence splitter consults (see :mod:`reader.core.segment`).

Kept apart from the algorithm so the lists can grow without touching the logic.  Every
list is a ``frozenset`` so a look-up costs one hash.  Abbreviations are stored without
their final period; multi-period ones keep their inner periods (``"u.s"``).
"""

from __future__ import annotations


def _word_set(spaced: str) -> frozenset[str]:
    """The words of a whitespace-separated list, as a frozenset."""
    return frozenset(spaced.split())


# Titles written before a name.  A period after one of these never ends a sentence when a
# capitalised word or a number follows: "Gen. Mark Milley", "Sen. Smith", "Mt. Fuji".
# Matched case-sensitively, because "Gen", "Rep" or "Col" in lower case are other words.
PREPOSED_TITLES: frozenset[str] = _word_set(
    """
    Mr Mrs Ms Mx Messrs Mmes Mme Mlle Mssrs Prof Profs Gen Gens Sen Sens Rep Reps Gov Govs
    Lt Col Capt Cpt Sgt Cpl Pvt Maj Adm Cmdr Cdr Brig Rev Revs Hon Pres Supt Msgr Fr Atty
    Mt Ft Amb Insp Det Treas Lieut Comdr
    """
)

# Abbreviations that, like titles, introduce what follows, but that can also close a
# sentence in their other sense ("Dr." = Drive, "St." = Street): they end a sentence only
# when a typical sentence starter follows.
AMBIGUOUS_TITLES: frozenset[str] = _word_set("Dr Drs St Ste Sr Sra Srta")

# Abbreviations that are never the last word of a sentence: "Smith vs. Jones", "e.g. the".
NEVER_FINAL: frozenset[str] = _word_set(
    """
    vs v e.g i.e cf viz approx ca incl esp resp mr mrs ms messrs prof
    """
)

# Other abbreviations, matched case-insensitively: a period after one of these ends a
# sentence only when the next word is a typical sentence starter ("Inc. The company" vs
# "Apple Inc. Chief Executive Tim Cook"); a number after one never starts a sentence
# ("No. 10", "p. 55", "Jan. 5").
ABBREVIATIONS: frozenset[str] = _word_set(
    """
    inc ltd corp co cos bros plc llc llp gmbh pty assn assoc dept depts div
    univ inst intl natl govt admin mfg mgr dir exec jr snr etc al ibid op.cit
    no nos n° nº p pp para paras fig figs vol vols art arts ch chap op ed eds ref refs
    tel ext nr
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    ave blvd rd hwy fwy pkwy sq ln ct pl terr bldg rm apt fl ste
    est min max avg dist mt mts ft yd yds oz lb lbs hr hrs sec secs
    a.m p.m a.d b.c b.c.e c.e u.s u.s.a u.k u.n u.s.s.r e.u d.c n.y l.a n.j ph.d m.d
    b.a m.a m.b.a ll.b d.d.s r.n esq
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss
    mo mont neb nebr nev n.h n.m n.c n.d okla ore pa penn r.i s.c s.d tenn tex vt va wash
    w.va wis wisc wyo alta b.c man n.b nfld n.s ont p.e.i que sask
    """
)

# Abbreviations that collide with ordinary English words when written in lower case
# ("mass", "wash", "ill", "miss", "sun", "sat", "wed", "mar", "ore", "la", "pa", "co"
# are handled by requiring the capitalised spelling for these).
CAPITALISED_ONLY: frozenset[str] = _word_set(
    "ala ark del ill ind kan mass miss mo mont ore pa wash wis sun sat wed mar la min max "
    "est fl pl ct man que apt art ed"
)

# Times of day: after "a.m."/"p.m." a capitalised word usually starts a new sentence
# ("at 6 p.m. Mr. Smith then left") unless the clock time opened the sentence ("At 5 a.m.
# Mr. Smith went ...") or a day, month or time zone follows.
TIMES_OF_DAY: frozenset[str] = _word_set("a.m p.m am pm")
TIME_FOLLOWERS: frozenset[str] = _word_set(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri
    Sat Sun January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT BST CET CEST UTC MSK IST JST AEST AEDT
    Eastern Central Pacific Mountain Moscow London Greenwich
    """
)
# Prepositions that open a fronted time phrase ("At 5 a.m.", "By 10 p.m.").
TIME_PREPOSITIONS: frozenset[str] = _word_set(
    "at by until till from after before around about since between shortly from starting beginning"
)

# Words that typically open an English sentence and almost never continue a name: a
# capitalised one of these after an abbreviation means the abbreviation ended the
# sentence ("in the U.S. He said" vs "the U.S. Secretary of State").
SENTENCE_STARTERS: frozenset[str] = _word_set(
    """
    A An The This That These Those There Here It Its He She They We You I His Her Their
    Our My Your Some Many Most Much More Few Several All Both Each Every Any No None Not
    Nor Neither Either Such Other Another Only Even Also Just Still Yet So But And Or
    Then Now However Meanwhile Moreover Furthermore Nevertheless Nonetheless Instead
    Indeed Otherwise Thus Hence Therefore Later Earlier Finally First Second Third Last
    Next Today Yesterday Tomorrow Tonight Once If Unless Because Although Though While
    When Whenever Where Wherever Whether What Whatever Who Whom Whose Why How Which
    After Before During Since Until As At By For From In Into On Of Over Under Among
    Amid Despite Without With Within Through Throughout Against Along Across Behind
    Beyond Like Unlike Upon To Toward Towards According Asked Is Are Was Were Be Been Do
    Does Did Can Could Will Would Should Shall Might Must Has Have Had Let Please Yes
    Perhaps Maybe Nobody Nothing Someone Something Everyone Everything Anyone Anything
    Overall Instead Additionally Currently Recently Previously Initially Eventually
    Ultimately Afterward Afterwards Similarly Likewise Consequently Specifically
    Still Besides Anyway Again Often Sometimes Never Always Rather Sadly Fortunately
    Unfortunately Clearly Obviously Apparently Interestingly
    """
)

# Verbs of saying: a capitalised name and one of these right after a quotation that
# ends in "?" or "!" is its attribution, not a new sentence ("Why now?" Lavrov asked.).
SPEECH_VERBS: frozenset[str] = _word_set(
    """
    said says asked asks added adds told tells replied replies wrote writes explained
    explains insisted insists noted notes recalled recalls continued shouted yelled
    whispered declared argued argues stressed stresses warned warns observed remarked
    conceded admitted acknowledged tweeted posted responded answered cried exclaimed
    wondered joked quipped countered concluded announced suggested agreed confirmed
    claimed claims urged demanded
    """
)

# Words after which a line cannot end a sentence: a single line break after one of these
# is a soft wrap inside the sentence ("met with the\nU.S. envoy"), not a headline end.
JOINING_WORDS: frozenset[str] = _word_set(
    """
    a an the of to in on at for with by from into onto about and or nor but as than that
    which who whose whom his her its their our my your this these those is are was were
    be been has have had will would can could should not no via per
    """
)
