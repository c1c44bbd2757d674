from __future__ import annotations

import pytest

from reader.core.errors import InputError
from reader.core.source_url import checked_source_url


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("  http://example.org  ", "http://example.org"),
        ("10.1038/nature12373", "https://doi.org/10.1038/nature12373"),
        ("DOI:10.1038/nature12373", "https://doi.org/10.1038/nature12373"),
        # As copied from a browser's address bar, which hides the scheme.
        ("example.org", "https://example.org"),
        (
            "www.council.example.co.uk/minutes/3?p=2",
            "https://www.council.example.co.uk/minutes/3?p=2",
        ),
        (" news.example.com:8080/a ", "https://news.example.com:8080/a"),
    ],
)
def test_web_addresses_and_dois_are_accepted(typed, stored):
    assert checked_source_url(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:x",
        "file:///etc/passwd",
        "https://",
        "example",
        "council minutes.pdf",
        "example.org:evil",
        "user@example.org",
        "http://exa\nmple.org",
        "mailto:a@b.org",
        "",
    ],
)
def test_other_schemes_are_refused_with_a_sentence(typed):
    with pytest.raises(InputError) as err:
        checked_source_url(typed)
    assert "\n" not in str(err.value) and str(err.value).endswith(".")
