"""Reading fact-checks: ClaimReview in its wrappings, tables, and bad files."""

from __future__ import annotations

import json

import pytest

from reader.core.errors import InputError
from reader.importers.factchecks import parse_factchecks, read_factchecks_file

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example.org/2025/troops-border",
    "claimReviewed": "Ten thousand troops were massed near the northern border last week.",
    "headline": "No, there were no 10,000 troops at the border",
    "datePublished": "2025-03-02",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
    },
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Speaker"}},
}


def other_review(n: int) -> dict[str, object]:
    return {
        **REVIEW,
        "url": f"https://checks.example.org/{n}",
        "claimReviewed": f"Claim number {n} about bridges.",
    }


def dump(obj: object) -> bytes:
    return json.dumps(obj).encode()


def test_one_claim_review_keeps_publisher_date_rating_and_url():
    [check] = parse_factchecks(dump(REVIEW)).checks
    assert check.claim.startswith("Ten thousand troops")
    assert check.title == "No, there were no 10,000 troops at the border"
    assert check.publisher == "Example Checks"
    assert check.date == "2025-03-02"
    assert check.rating == "False"
    assert check.rating_value == "1"
    assert check.url == "https://checks.example.org/2025/troops-border"
    assert check.claimant == "A. Speaker"


def test_a_list_a_graph_and_a_data_feed_are_all_read():
    as_list = [REVIEW, other_review(2)]
    graph = {"@context": "https://schema.org", "@graph": as_list}
    feed = {
        "@type": "DataFeed",
        "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [REVIEW]},
            {"@type": "DataFeedItem", "item": [other_review(2)]},
        ],
    }
    for wrapped in (as_list, graph, feed):
        claims = [c.claim for c in parse_factchecks(dump(wrapped)).checks]
        assert len(claims) == 2
        assert claims[1] == "Claim number 2 about bridges."


def test_json_lines_feed_is_read():
    data = b"\n".join(dump(r) for r in (REVIEW, other_review(3), other_review(4)))
    assert len(parse_factchecks(data).checks) == 3


def test_saved_fact_check_page_yields_its_json_ld():
    page = (
        "<html><head><title>x</title>"
        '<script type="application/ld+json">' + json.dumps(REVIEW) + "</script>"
        "</head><body><p>Article</p></body></html>"
    ).encode()
    [check] = parse_factchecks(page).checks
    assert check.rating == "False"


def test_fact_check_tools_search_json_is_read():
    data = {
        "claims": [
            {
                "text": "The bridge was closed for a year.",
                "claimant": "Mayor",
                "claimReview": [
                    {
                        "publisher": {"name": "Bridge Facts", "site": "bridgefacts.example"},
                        "url": "https://bridgefacts.example/closed",
                        "title": "Was the bridge closed?",
                        "reviewDate": "2024-05-01T00:00:00Z",
                        "textualRating": "Mostly false",
                        "languageCode": "en",
                    }
                ],
            }
        ]
    }
    [check] = parse_factchecks(dump(data)).checks
    assert (check.publisher, check.rating, check.claimant) == (
        "Bridge Facts",
        "Mostly false",
        "Mayor",
    )


def test_review_without_a_claim_is_skipped_and_counted():
    bare = {"@type": "ClaimReview", "url": "https://x.example"}
    result = parse_factchecks(dump([REVIEW, bare]))
    assert len(result.checks) == 1
    assert result.skipped == 1


def test_tsv_with_claim_title_url_and_rating_columns():
    data = (
        "claim\ttitle\turl\trating\tpublisher\n"
        "Ten thousand troops at the border.\tTroops?\thttps://c.example/1\tFalse\tC\n"
        '"A ""quoted"" claim."\tQuoted\thttps://c.example/2\tTrue\tC\n'
        "\t\t\t\t\n"
    ).encode()
    result = parse_factchecks(data)
    assert result.format == "table"
    assert [c.claim for c in result.checks] == [
        "Ten thousand troops at the border.",
        'A "quoted" claim.',
    ]
    assert result.checks[0].rating == "False"
    assert result.checks[1].url == "https://c.example/2"


def test_csv_with_differently_named_columns():
    data = (
        b"Claim Text,Headline,Link,Textual Rating\nThe sky is green.,Sky?,https://s.example,False\n"
    )
    [check] = parse_factchecks(data).checks
    assert (check.claim, check.title, check.url, check.rating) == (
        "The sky is green.",
        "Sky?",
        "https://s.example",
        "False",
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b'{"@type": "ClaimReview", "claimReviewed": ', "not valid JSON"),
        (b'{"@type": "Article", "headline": "x"}', "no ClaimReview"),
        (b"alpha\tbeta\n1\t2\n", "no claim column"),
        (b"claim\ttitle\n", "no fact-check rows"),
        (b"<html><body>hello</body></html>", "without ClaimReview"),
        (b"\x00\x01\x02\x89PNG\x00\x00" * 20, "not a text file"),
    ],
)
def test_bad_files_get_one_line_errors(data: bytes, words: str):
    with pytest.raises(InputError) as err:
        parse_factchecks(data, "checks.json")
    message = str(err.value)
    assert words in message
    assert "\n" not in message
    assert "checks.json" in message


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "this is a png image"),
        (bytes(range(256)) * 8, "binary data"),
    ],
)
def test_binary_file_is_named_without_advice_meant_for_articles(data: bytes, kind: str):
    with pytest.raises(InputError) as err:
        parse_factchecks(data, "checks.json")
    message = str(err.value)
    assert kind in message.lower()
    assert "web page" not in message and "paste" not in message
    assert message.endswith("Choose a ClaimReview JSON or a TSV file.")


def test_missing_file_and_folder_are_user_errors(tmp_path):
    with pytest.raises(InputError, match="was not found"):
        read_factchecks_file(tmp_path / "nope.json")
    with pytest.raises(InputError, match="is a folder"):
        read_factchecks_file(tmp_path)
