"""Furniture by wording: precise enough to run on every paragraph an extractor kept."""

from __future__ import annotations

import pytest

from reader.core.boilerplate import APPEAL_THRESHOLD, appeal_score, is_boilerplate


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
