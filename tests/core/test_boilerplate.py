"""Furniture by wording: precise enough to run on every paragraph an extractor kept."""

from __future__ import annotations

import pytest

from reader.core.boilerplate import (
    _LABEL_RE,
    APPEAL_THRESHOLD,
    _is_plain_label,
    appeal_score,
    is_boilerplate,
    is_footer,
    is_sales_pitch,
)


@pytest.mark.parametrize(
    "line",
    [
        "Read more",
        "Read more »",
        "Continue reading",
        "Remind me later.",
        "Maybe later",
        "Support us",
        "Donate now",
        "Payment methods",
        "Advertisement",
        "Story continues below advertisement",
        "Sign up for our morning newsletter",
        "Share on Facebook",
        "Tweet",
        "Related articles",
        "You may also like",
        "12 comments",
        "Leave a reply",
        "Accept all",
        "We use cookies to improve your experience on our site.",
        "© 2023 Hilltop Courier. All rights reserved.",
        "Copyright 2019 Example Media Group",
        "Weiterlesen",
        "Jetzt unterstützen",
        "Alle Rechte vorbehalten.",
        "Lire la suite",
        "Partager sur Twitter",
        "Me le rappeler plus tard",
        "Leer más",
        "Compartir en Facebook",
        "Читать далее",
        "Поделиться",
        "Напомнить позже",
    ],
)
def test_furniture_label_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "paragraph",
    [
        # English, in wordings other than any one site's
        (
            "Journalism like this costs money. If you can, become a supporter from just $3 "
            "a month — it takes only a minute, and your support keeps our newsroom independent."
        ),
        (
            "We are a small team and we rely on readers like you. Please donate today so "
            "that we can keep reporting. Thank you."
        ),
        # German
        (
            "Unabhängiger Journalismus braucht Sie. Unterstützen Sie uns mit einem Beitrag "
            "ab 5 Euro pro Monat – Ihre Unterstützung macht unsere Arbeit möglich."
        ),
        # French
        (
            "Votre soutien compte : soutenez un journalisme indépendant en faisant un don "
            "dès 2 € par mois. Merci à vous."
        ),
        # Spanish
        (
            "Tu apoyo es importante para nuestro periódico: suscríbete por 4 € al mes y "
            "defiende el periodismo independiente."
        ),
        # Russian
        (
            "Поддержите нас: ваша поддержка помогает нам оставаться независимыми. "
            "Подпишитесь на ежемесячное пожертвование от 200 рублей."
        ),
    ],
)
def test_appeal_to_the_reader_is_boilerplate(paragraph: str) -> None:
    assert is_boilerplate(paragraph)
    assert appeal_score(paragraph) >= APPEAL_THRESHOLD


@pytest.mark.parametrize(
    "paragraph",
    [
        "Read more about the budget on the ministry's website, the spokesman said.",
        (
            "The charity said donations fell by a third last year, and its director "
            "appealed to the public for support before the winter."
        ),
        (
            "Subscriptions to the streaming service rose to 40 million, the company said, "
            "helped by a cheaper plan with ads that costs $6.99 a month."
        ),
        (
            "Support for the measure among voters has grown since spring, a poll by the "
            "university found on Tuesday."
        ),
        (
            '"We need your help to find him," his mother told reporters, asking anyone '
            "who saw the boy to call the police."
        ),
        (
            "Newspapers that rely on subscriptions rather than advertising weathered the "
            "downturn better, the study concluded."
        ),
        "The senator urged supporters to donate to flood victims rather than to her campaign.",
        (
            "Die Zahl der Abonnenten stieg im vergangenen Jahr um zwölf Prozent, teilte der "
            "Verlag mit."
        ),
        "Le nombre de dons a doublé cette année, selon l'association.",
        "La suscripción al nuevo servicio cuesta diez euros al mes, según la empresa.",
        "Число подписчиков сервиса выросло на треть, сообщила компания.",
        "Share prices fell sharply on Monday.",
        "Comments by the minister drew criticism from the opposition.",
        # consumer advice addresses the reader but is not the site asking for money
        (
            "If you just want the streaming plan, you can sign up for a free trial; afterwards "
            "you'll pay only $6.99 per month."
        ),
    ],
)
def test_article_sentence_that_mentions_support_or_money_is_kept(paragraph: str) -> None:
    assert not is_boilerplate(paragraph)


def test_appeal_score_is_zero_for_plain_news() -> None:
    assert appeal_score("The bridge reopened on Monday after six weeks of repairs.") == 0.0


def test_empty_text_is_not_boilerplate() -> None:
    assert not is_boilerplate("   ")


# --- sales pitches: the site selling a subscription, a magazine, a newsletter ---------


@pytest.mark.parametrize(
    "pitch",
    [
        # delivery to the door + a price offer + a call to click
        (
            "Get Harbour Living delivered to your door every month: 6 issues for £9.50. "
            "Click here for details."
        ),
        # a free newsletter + delivery to the inbox, without "we"
        (
            "Sign up for The Tideline today and get the free weekly newsletter sent straight "
            "to your inbox."
        ),
        # a price offer + a promotional code
        "Get full access to Ledger Plus for as little as $1 a week. Use the code SPRING at checkout.",
        # rupees, as sites in India quote them
        "Grab a year of Market Desk for as little as Rs 499. Use the code DESK at checkout.",
        # the inbox + a newsletter to subscribe to
        "Get the morning's headlines in your inbox. Subscribe to the Courier's newsletters.",
    ],
)
def test_sales_pitch_is_boilerplate(pitch: str) -> None:
    assert is_sales_pitch(pitch)
    assert is_boilerplate(pitch)


@pytest.mark.parametrize(
    "paragraph",
    [
        # news about a paper's offers: reported, no imperative
        (
            "The newspaper sells a digital subscription for as little as $2 a week and sends a "
            "free daily newsletter to 40,000 readers, its editor said."
        ),
        # an imperative, but quoted
        (
            "Get vaccinated before winter, the health minister urged, adding that reminder letters "
            "would be delivered to your door."
        ),
        # an offer described in the third person
        (
            "Subscribers can have 12 issues of the magazine delivered to their door for £45 a "
            "year, half the newsstand price."
        ),
        # consumer advice that mentions the inbox and clicking
        (
            "Scam emails that land in your inbox often ask you to click here to claim a prize; "
            "the bank tells customers never to do so."
        ),
        (
            "The Ledger launched a free weekly newsletter in March and raised its print price to "
            "$2.50, the publisher told staff."
        ),
    ],
)
def test_news_about_newsletters_and_prices_is_kept(paragraph: str) -> None:
    assert not is_sales_pitch(paragraph)
    assert not is_boilerplate(paragraph)


@pytest.mark.parametrize(
    "line",
    [
        "Tell us what you think!",
        "Tell us what YOU think...",
        "Have your say",
        "Don't miss",
        "Follow the Riverton Ledger on Facebook and Instagram.",
        "Follow our science desk on Bluesky",
        "Like this article? Share it with your friends.",
    ],
)
def test_invitations_to_comment_follow_or_share_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Follow-up inspections on the bridge found no new cracks.",
        "Follow the river path on foot to reach the old mill.",
        "Tell us what happened, the detective said to the witness.",
    ],
)
def test_sentences_opening_like_invitations_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


# --- the fast paths give the same answers as the full rules ---------------------------


@pytest.mark.parametrize(
    "line",
    [
        "12 shares",
        "3 hours ago",
        "posted 2 days ago",
        "comments (4)",
        "an hour ago",
        "читать далее",
        "à lire aussi",
        "ähnliche artikel",
        "x",
        "the mayor said",
        "42",
        "£5 a month",
        "",
    ],
)
def test_label_index_by_first_character_agrees_with_the_full_label_regex(line: str) -> None:
    assert _is_plain_label(line) == (_LABEL_RE.fullmatch(line) is not None if line else False)


@pytest.mark.parametrize(
    "line",
    [
        "(C) 2021 Hilltop Media",
        "COPYRIGHT Hilltop Media",
        "© Hilltop Media",
        "Hilltop Media. All Rights Reserved.",
        "Tous droits réservés",
        "Все права защищены.",
    ],
)
def test_copyright_lines_in_any_case_are_footers(line: str) -> None:
    assert is_footer(line)
    assert is_boilerplate(line)


def test_long_paragraph_with_a_copyright_word_is_not_a_footer() -> None:
    paragraph = (
        "The court ruled that the photographer kept the copyright to the images, which the "
        "magazine had printed without permission in three issues last spring, and ordered "
        "the publisher to pay damages."
    )
    assert not is_footer(paragraph)
    assert not is_boilerplate(paragraph)


def test_price_in_a_currency_code_counts_in_any_case() -> None:
    upper = "Please support us today, we need your help: give 5 USD a month if you can."
    assert appeal_score(upper) == appeal_score(upper.replace("USD", "usd"))
