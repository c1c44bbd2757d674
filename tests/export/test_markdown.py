"""The Markdown export: exact format, merge on re-export, escaping, filters."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import markdown
import pytest
import yaml

from reader.core.models import Article, ArticleMeta, Note, Selector, Source, build_article
from reader.export.markdown import (
    NO_VERDICT,
    ForeignFileError,
    escape_block,
    escape_line,
    export_annotated,
    export_markdown,
    first_words,
    is_ours,
    link_destination,
    managed_block,
    marker_begin,
    marker_end,
    merge_into_existing,
    note_markdown,
    sanitize_body,
    write_export_file,
    yaml_string,
)

ARTICLE_ID = "0b9f3c1e-7d2a-4e55-9a61-3c8d2f0e4b17"
NOTE_A = "11111111-2222-4333-8444-555555555555"
NOTE_B = "66666666-7777-4888-9999-aaaaaaaaaaaa"
EXPORTED = "2024-03-05T09:30:00Z"


def _unhashed(text: str) -> str:
    """``text`` without the block hash in end markers (pinned by its own tests)."""
    return re.sub(r" sha256=[0-9a-f]+ -->", " -->", text)


def make_article() -> Article:
    clean = build_article(
        [
            ("title", "Mayor promises a bridge by spring"),
            ("paragraph", "The mayor said the bridge would open in March. Critics doubt it."),
            ("paragraph", "Costs rose by 40% last year, the council said."),
        ],
        ArticleMeta(
            site_name="The Riverside Post",
            url="https://news.example/bridge",
            published="2024-02-01",
        ),
    )
    return Article(ARTICLE_ID, clean.text, clean.blocks, clean.meta)


def note_on(article: Article, sentence: str, note_id: str, **fields: object) -> Note:
    start = article.text.index(sentence)
    selector = Selector(start, start + len(sentence), sentence)
    return Note(id=note_id, article_id=article.id, selector=selector, **fields)  # type: ignore[arg-type]


def fixture_notes(article: Article) -> list[Note]:
    costs = note_on(
        article,
        "Costs rose by 40% last year, the council said.",
        NOTE_B,
        status="in_progress",
        created="2024-03-02T00:00:00Z",
    )
    promise = note_on(
        article,
        "The mayor said the bridge would open in March.",
        NOTE_A,
        verdict="mostly_false",
        status="done",
        conclusion="The contract sets a June date.",
        body="The tender documents list *June 30* as the handover.",
        tags=["infrastructure"],
        sources=[
            Source(
                url="https://council.example/tender",
                title="Tender notice",
                publisher="City council",
                date="2024-01-10",
                archive_url="https://archive.example/tender",
                stance="refutes",
            )
        ],
        created="2024-03-01T00:00:00Z",
    )
    return [costs, promise]  # deliberately not in reading order


EXPECTED = f"""---
id: "{ARTICLE_ID}"
title: "Mayor promises a bridge by spring"
site: "The Riverside Post"
url: "https://news.example/bridge"
published: "2024-02-01"
text_sha256: "{make_article().text_sha256}"
exported: "{EXPORTED}"
---
# Mayor promises a bridge by spring

<!-- fact-check-reader:begin {ARTICLE_ID} -->
## 1. Mostly false: "The mayor said the bridge would open in…"

> The mayor said the bridge would open in March.

[On the original page](https://news.example/bridge#:~:text=The%20mayor%20said%20the,would%20open%20in%20March.)

**Conclusion:** The contract sets a June date.

The tender documents list *June 30* as the handover.

Sources:

1. [Tender notice](https://council.example/tender) — City council, 2024-01-10 · archived: <https://archive.example/tender> · *refutes*

Status: done · Tags: #infrastructure <!-- note {NOTE_A} -->

## 2. No verdict: "Costs rose by 40% last year, the council…"

> Costs rose by 40% last year, the council said.

[On the original page](https://news.example/bridge#:~:text=Costs%20rose%20by%2040%25,year%2C%20the%20council%20said.)

Status: in progress <!-- note {NOTE_B} -->

<!-- fact-check-reader:end {ARTICLE_ID} -->
"""


def test_export_matches_the_documented_format_in_reading_order() -> None:
    article = make_article()
    assert (
        _unhashed(export_markdown(article, fixture_notes(article), exported=EXPORTED)) == EXPECTED
    )


def test_front_matter_reads_back_as_the_article_metadata() -> None:
    article = make_article()
    document = export_markdown(article, [], exported=EXPORTED)
    front = yaml.safe_load(document.split("---\n")[1])
    assert front == {
        "id": ARTICLE_ID,
        "title": "Mayor promises a bridge by spring",
        "site": "The Riverside Post",
        "url": "https://news.example/bridge",
        "published": "2024-02-01",
        "text_sha256": article.text_sha256,
        "exported": EXPORTED,
    }


def test_export_without_exported_time_stamps_the_current_utc_time() -> None:
    document = export_markdown(make_article(), [])
    exported = yaml.safe_load(document.split("---\n")[1])["exported"]
    assert exported.endswith("Z") and exported[:2] == "20"


def test_article_without_notes_still_has_an_empty_managed_block() -> None:
    article = make_article()
    block = managed_block(article, [])
    assert block.startswith(marker_begin(ARTICLE_ID))
    assert _unhashed(block).endswith(marker_end(ARTICLE_ID))
    assert "No notes" in block


def test_notes_at_the_same_place_are_ordered_by_end_then_creation() -> None:
    article = make_article()
    sentence = "Critics doubt it."
    later = note_on(article, sentence, "c", created="2024-03-02")
    earlier = note_on(article, sentence, "b", created="2024-03-01")
    longer = note_on(article, "The mayor said the bridge would open in March. Critics", "a")
    block = managed_block(article, [later, earlier, longer])
    assert block.index("note a ") < block.index("note b ") < block.index("note c ")


def test_orphaned_note_is_exported_and_marked() -> None:
    article = make_article()
    orphan = Note("o1", ARTICLE_ID, Selector(0, 10, "A sentence that was removed."), "orphan")
    section = note_markdown(orphan, 1, article)
    assert "*Orphaned note:" in section
    assert "> A sentence that was removed." in section


def test_deleted_notes_are_left_out() -> None:
    article = make_article()
    gone = note_on(article, "Critics doubt it.", "gone", deleted_at="2024-03-03")
    assert "note gone" not in managed_block(article, [gone])


# ------------------------------------------------------------------ filters


def test_verdict_filter_keeps_only_those_verdicts_and_renumbers() -> None:
    article = make_article()
    block = managed_block(article, fixture_notes(article), verdicts={"mostly_false"})
    assert "## 1. Mostly false" in block
    assert NOTE_B not in block


def test_verdict_filter_with_no_verdict_key_keeps_unrated_notes() -> None:
    article = make_article()
    block = managed_block(article, fixture_notes(article), verdicts={NO_VERDICT})
    assert '## 1. No verdict: "Costs rose' in block
    assert NOTE_A not in block


def test_status_filter_keeps_only_those_statuses() -> None:
    article = make_article()
    block = managed_block(article, fixture_notes(article), statuses={"in_progress"})
    assert NOTE_B in block and NOTE_A not in block


# ------------------------------------------------------------------ merge


def test_re_export_keeps_user_text_above_and_below_and_refreshes_front_matter() -> None:
    article = make_article()
    first = export_markdown(article, [], exported="2024-01-01T00:00:00Z")
    edited = (
        first.replace(
            f"{marker_begin(ARTICLE_ID)}", f"My introduction.\n\n{marker_begin(ARTICLE_ID)}"
        )
        + "\n## My own conclusions\n\nWritten by hand.\n"
    )
    edited = edited.replace("---\n# ", "---\n# ", 1)
    second = export_markdown(article, fixture_notes(article), exported=EXPORTED)

    merged = merge_into_existing(edited, second, ARTICLE_ID)

    assert "My introduction.\n\n" + marker_begin(ARTICLE_ID) in merged
    assert _unhashed(merged).endswith(
        marker_end(ARTICLE_ID) + "\n\n## My own conclusions\n\nWritten by hand.\n"
    )
    assert "## 1. Mostly false" in merged
    assert yaml.safe_load(merged.split("---\n")[1])["exported"] == EXPORTED


def test_re_export_keeps_the_users_own_front_matter_keys() -> None:
    article = make_article()
    first = export_markdown(article, [], exported="2024-01-01T00:00:00Z")
    edited = first.replace("---\nid:", "---\naliases:\n  - bridge story\nid:", 1)
    edited = edited.replace('title: "Mayor promises a bridge by spring"', "title: >\n  My title")
    article.meta.title = "Mayor promises a bridge by summer"

    merged = merge_into_existing(
        edited, export_markdown(article, [], exported=EXPORTED), ARTICLE_ID
    )

    front = yaml.safe_load(merged.split("---\n")[1])
    assert front["aliases"] == ["bridge story"]
    assert front["title"] == "Mayor promises a bridge by summer"
    assert front["exported"] == EXPORTED


def test_re_export_refreshes_front_matter_the_user_moved_below_own_text() -> None:
    article = make_article()
    first = export_markdown(article, [], exported="2024-01-01T00:00:00Z")
    edited = "My own intro, written above everything.\n\n" + first
    merged = merge_into_existing(
        edited, export_markdown(article, fixture_notes(article), exported=EXPORTED), ARTICLE_ID
    )
    assert merged.startswith("My own intro, written above everything.\n\n---\nid: ")
    assert merged.count("exported:") == 1
    assert f'exported: "{EXPORTED}"' in merged or f"exported: {EXPORTED}" in merged
    assert "## 1. Mostly false" in merged
    again = merge_into_existing(
        merged, export_markdown(article, fixture_notes(article), exported=EXPORTED), ARTICLE_ID
    )
    assert again == merged


def test_re_export_adds_front_matter_the_user_deleted() -> None:
    article = make_article()
    body_only = "Notes:\n\n" + managed_block(article, []) + "\n"
    merged = merge_into_existing(
        body_only, export_markdown(article, [], exported=EXPORTED), ARTICLE_ID
    )
    assert merged.startswith("---\nid: ")
    assert merged.endswith("---\nNotes:\n\n" + managed_block(article, []) + "\n")


def test_re_export_into_a_windows_file_keeps_crlf_line_ends() -> None:
    article = make_article()
    first = export_markdown(article, [], exported="2024-01-01T00:00:00Z").replace("\n", "\r\n")
    merged = merge_into_existing(
        first + "Mine.\r\n", export_markdown(article, fixture_notes(article)), ARTICLE_ID
    )
    assert "\n" not in merged.replace("\r\n", "")
    assert _unhashed(merged).endswith(marker_end(ARTICLE_ID) + "\r\nMine.\r\n")


def test_a_file_without_our_markers_is_refused() -> None:
    article = make_article()
    foreign = "# My own notes\n\nNothing from the app here.\n"
    assert not is_ours(foreign, ARTICLE_ID)
    with pytest.raises(ForeignFileError):
        merge_into_existing(foreign, export_markdown(article, []), ARTICLE_ID)


def test_an_export_of_another_article_is_not_ours() -> None:
    other = export_markdown(make_article(), [])
    assert is_ours(other, ARTICLE_ID)
    assert not is_ours(other, "another-article-id")


def test_a_begin_marker_without_end_is_not_ours() -> None:
    assert not is_ours(marker_begin(ARTICLE_ID) + "\ntext\n", ARTICLE_ID)


def test_a_marker_quoted_inside_a_line_is_not_ours() -> None:
    assert not is_ours(f"see `{marker_begin(ARTICLE_ID)}` and {marker_end(ARTICLE_ID)}", ARTICLE_ID)


def test_write_export_file_creates_then_merges(tmp_path: Path) -> None:
    article = make_article()
    path = tmp_path / "bridge.md"
    assert write_export_file(path, export_markdown(article, []), ARTICLE_ID) is False
    path.write_text(path.read_text(encoding="utf-8") + "\nKept.\n", encoding="utf-8")

    assert write_export_file(path, export_markdown(article, fixture_notes(article)), ARTICLE_ID)

    text = path.read_text(encoding="utf-8")
    assert text.endswith("\nKept.\n") and "## 2. No verdict" in text
    assert [p.name for p in tmp_path.iterdir()] == ["bridge.md"]


def test_write_export_file_leaves_an_unedited_export_alone_when_only_its_time_differs(
    tmp_path: Path,
) -> None:
    article = make_article()
    path = tmp_path / "bridge.md"
    path.write_text(
        export_markdown(article, fixture_notes(article), exported=EXPORTED), encoding="utf-8"
    )
    os.utime(path, (1_000_000_000, 1_000_000_000))

    again = export_markdown(article, fixture_notes(article), exported="2025-01-01T00:00:00Z")
    assert write_export_file(path, again, ARTICLE_ID) is True

    assert path.stat().st_mtime == 1_000_000_000
    assert f'exported: "{EXPORTED}"' in path.read_text(encoding="utf-8")


def test_write_export_file_refreshes_an_unedited_export_whose_notes_changed(
    tmp_path: Path,
) -> None:
    article = make_article()
    path = tmp_path / "bridge.md"
    path.write_text(export_markdown(article, [], exported=EXPORTED), encoding="utf-8")

    new_export = export_markdown(article, fixture_notes(article), exported=EXPORTED)
    assert write_export_file(path, new_export, ARTICLE_ID) is True

    assert path.read_text(encoding="utf-8") == new_export


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="unnamed files are Linux only")
def test_a_failed_write_of_a_new_file_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.core.files.os.write", disk_full)
    with pytest.raises(OSError):
        write_export_file(tmp_path / "bridge.md", export_markdown(make_article(), []), ARTICLE_ID)
    assert list(tmp_path.iterdir()) == []


def test_a_new_file_is_written_the_portable_way_where_unnamed_files_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.core.files._O_TMPFILE", 0)
    export = export_markdown(make_article(), [], exported=EXPORTED)

    assert write_export_file(tmp_path / "bridge.md", export, ARTICLE_ID) is False

    assert [p.name for p in tmp_path.iterdir()] == ["bridge.md"]
    assert (tmp_path / "bridge.md").read_text(encoding="utf-8") == export


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="unnamed files are Linux only")
def test_a_file_created_while_exporting_is_merged_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.export.markdown.merge as markdown_module

    path = tmp_path / "bridge.md"
    article = make_article()
    real_read = markdown_module._read_existing_export
    reads: list[Path] = []

    def read_then_someone_writes(target: Path) -> str | None:
        text = real_read(target)
        if not reads:  # right after our first look, another export lands there
            path.write_text(export_markdown(article, []) + "Mine.\n", encoding="utf-8")
        reads.append(target)
        return text

    monkeypatch.setattr(markdown_module, "_read_existing_export", read_then_someone_writes)
    assert write_export_file(path, export_markdown(article, fixture_notes(article)), ARTICLE_ID)

    text = path.read_text(encoding="utf-8")
    assert text.endswith("Mine.\n") and "## 2. No verdict" in text


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_re_export_keeps_the_permissions_of_the_users_file(tmp_path: Path) -> None:
    article = make_article()
    path = tmp_path / "bridge.md"
    write_export_file(path, export_markdown(article, []), ARTICLE_ID)
    path.chmod(0o640)

    write_export_file(path, export_markdown(article, fixture_notes(article)), ARTICLE_ID)

    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "## 2. No verdict" in path.read_text(encoding="utf-8")


def test_write_export_file_leaves_a_foreign_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("my thesis\n", encoding="utf-8")
    with pytest.raises(ForeignFileError):
        write_export_file(path, export_markdown(make_article(), []), ARTICLE_ID)
    assert path.read_text(encoding="utf-8") == "my thesis\n"


def test_write_export_file_refuses_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.md"
    path.write_bytes(b"\xff\xd8\xff\xe0binary")
    with pytest.raises(ForeignFileError):
        write_export_file(path, export_markdown(make_article(), []), ARTICLE_ID)
    assert path.read_bytes() == b"\xff\xd8\xff\xe0binary"


# ------------------------------------------------------------------ escaping


def render(document: str) -> str:
    html: str = markdown.markdown(document.split("\n---\n", 1)[1], extensions=["fenced_code"])
    return html


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("a *b* _c_ snake_case", "a \\*b\\* \\_c\\_ snake_case"),
        ("[link](x) `code`", "\\[link\\](x) \\`code\\`"),
        ("<b> --> &copy; AT&T", "&lt;b\\> --\\> &amp;copy; AT&T"),
        ("two\nlines", "two lines"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_escape_line_shows_syntax_as_text(text: str, escaped: str) -> None:
    assert escape_line(text) == escaped


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("> quoted", "\\> quoted"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("2) item", "2\\) item"),
        ("---", "\\-\\-\\-"),
        ("===", "&#61;&#61;&#61;"),
        ("|---|:--|", "|\\-\\-\\-|:\\-\\-|"),
        ("~~~", "&#126;~~"),
        ("    indented", "indented"),
    ],
)
def test_escape_block_defuses_block_syntax_at_line_starts(line: str, escaped: str) -> None:
    assert escape_block("first\n" + line) == ["first", escaped]


def test_quote_with_markdown_syntax_renders_as_the_same_text() -> None:
    article = make_article()
    nasty = "# Big > small | x *y* `z` --> [a](b)\n---\n1. not a list"
    note = Note("n", ARTICLE_ID, Selector(0, 5, nasty))
    html = render(export_markdown(article, [note]))
    assert html.count("<h2>") == 1 and "<hr" not in html and "<ol>" not in html
    assert "# Big &gt; small | x *y* `z` --&gt; [a](b)\n---\n1. not a list" in html


def test_title_with_newlines_and_yaml_syntax_stays_one_heading_and_valid_yaml() -> None:
    article = make_article()
    article.meta.title = 'Title: "quoted" #1\n---\n- item'
    document = export_markdown(article, [])
    assert yaml.safe_load(document.split("---\n")[1])["title"] == article.meta.title
    assert '<h1>Title: "quoted" #1 --- - item</h1>' in render(document).replace("&quot;", '"')


def test_yaml_string_escapes_quotes_backslashes_and_invisible_characters() -> None:
    value = 'a "b" \\ c\n\t\x00\x85\u2028\ufeff😀'
    assert yaml.safe_load(f"v: {yaml_string(value)}")["v"] == value
    assert yaml_string(None) == "null"


def test_source_url_with_spaces_and_parentheses_keeps_its_link() -> None:
    assert link_destination(" https://w.example/Foo_(bar) baz ") == (
        "https://w.example/Foo_%28bar%29%20baz"
    )
    note = Note(
        "n",
        ARTICLE_ID,
        Selector(0, 5, "Quote."),
        sources=[Source(url="https://w.example/Foo_(bar)", title="Wiki [draft]")],
    )
    html = render(export_markdown(make_article(), [note]))
    assert '<a href="https://w.example/Foo_%28bar%29">Wiki [draft]</a>' in html


def test_source_without_url_shows_its_title_as_text() -> None:
    note = Note("n", ARTICLE_ID, Selector(0, 5, "Q."), sources=[Source(url="", title="Phone call")])
    assert "1. Phone call\n" in note_markdown(note, 1)


def test_a_source_that_is_not_a_web_address_is_shown_but_never_a_live_link() -> None:
    note = Note(
        "n",
        ARTICLE_ID,
        Selector(0, 5, "Quote."),
        sources=[
            Source(
                url="javascript:alert(1)",
                title="Click me",
                archive_url="data:text/html,<script>x</script>",
            )
        ],
    )
    html = render(export_markdown(make_article(), [note]))
    assert 'href="javascript' not in html and 'href="data:' not in html
    assert "Click me" in html and "alert" in html


def test_url_ampersand_stays_unless_it_would_read_as_an_entity() -> None:
    assert link_destination("https://a.example/?x=1&y=2") == "https://a.example/?x=1&y=2"
    assert link_destination("https://a.example/?x=1&copy;") == "https://a.example/?x=1%26copy;"


def test_first_words_cut_long_quotes_with_an_ellipsis() -> None:
    assert first_words("One two three.") == "One two three."
    assert first_words("a b c d e f g h i j") == "a b c d e f g h…"
    assert first_words("x" * 100) == "x" * 60 + "…"


def test_first_words_stop_before_the_word_that_would_pass_the_length_limit() -> None:
    eight_long_words = " ".join(["abcdefghij"] * 8)  # 87 characters
    assert first_words(eight_long_words) == " ".join(["abcdefghij"] * 5) + "…"
    assert first_words("One,  two;\u00a0three: four", words=3) == "One, two; three…"
    assert first_words("exactly eight short words fit in sixty chars") == (
        "exactly eight short words fit in sixty chars"
    )


# ------------------------------------------------------------------ bodies


def test_body_markdown_is_kept_as_written() -> None:
    body = "Some **bold** and a [link](https://x.example).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    assert sanitize_body(body) == body.split("\n")


def test_body_headings_are_demoted_below_note_headings() -> None:
    assert sanitize_body("# One\n## Two\n### Three\n###### Six") == [
        "### One",
        "#### Two",
        "##### Three",
        "###### Six",
    ]


def test_body_cannot_fake_a_note_heading() -> None:
    note = Note("n", ARTICLE_ID, Selector(0, 5, "Q."), body='## 2. False: "fake"\n\nSub\n---')
    html = render(export_markdown(make_article(), [note]))
    assert html.count("<h2>") == 1
    assert '<h4>2. False: "fake"</h4>' in html.replace("&quot;", '"')
    assert "<h4>Sub</h4>" in html


def test_body_hashtag_at_line_start_is_not_a_heading() -> None:
    assert sanitize_body("#factcheck done") == ["\\#factcheck done"]


def test_body_cannot_close_the_managed_block() -> None:
    article = make_article()
    body = f"{marker_end(ARTICLE_ID)}\n<!-- note x -->"
    note = Note("n", ARTICLE_ID, Selector(0, 5, "Q."), body=body)
    document = export_markdown(article, [note])
    assert _unhashed(document).count(marker_end(ARTICLE_ID)) == 1
    assert "&lt;!-- fact-check-reader:end" in document
    merged = merge_into_existing(document + "mine\n", export_markdown(article, []), ARTICLE_ID)
    assert _unhashed(merged).endswith(marker_end(ARTICLE_ID) + "\nmine\n")


def test_body_raw_html_is_shown_as_text_but_autolinks_work() -> None:
    assert sanitize_body("<pre>open\n<https://x.example> <me@x.example>") == [
        "&lt;pre>open",
        "<https://x.example> <me@x.example>",
    ]


def test_body_html_inside_inline_code_is_kept() -> None:
    assert sanitize_body("Use `<meta name=x>` here <b>") == ["Use `<meta name=x>` here &lt;b>"]


def test_body_fenced_code_is_kept_verbatim() -> None:
    body = "```html\n<p># not a heading</p>\n```"
    assert sanitize_body(body) == body.split("\n")


def test_body_unclosed_fence_is_closed_at_the_end_of_the_body() -> None:
    note = Note("n", ARTICLE_ID, Selector(0, 5, "Q."), body="```\ncode\n\n")
    document = export_markdown(make_article(), [note, Note("m", ARTICLE_ID, Selector(6, 9, "R."))])
    assert "```\ncode\n```\n" in document
    assert render(document).count("<h2>") == 2


def test_body_fence_closed_by_a_longer_fence_is_closed_the_same_for_both_dialects() -> None:
    assert sanitize_body("```\ncode\n  `````\n# heading") == ["```", "code", "```", "### heading"]


def test_body_fence_line_only_one_dialect_accepts_is_shown_as_text() -> None:
    assert sanitize_body("``` two words\n# h") == ["\\``` two words", "### h"]


def test_body_quote_right_after_the_quoted_sentence_stays_a_separate_quote() -> None:
    note = Note("n", ARTICLE_ID, Selector(0, 5, "The quote."), body="> my own quote")
    html = render(export_markdown(make_article(), [note]))
    assert html.count("<blockquote>") == 2


def test_copied_note_is_a_complete_section() -> None:
    article = make_article()
    notes = fixture_notes(article)
    section = note_markdown(notes[1], 1, article)
    assert section.startswith('## 1. Mostly false: "The mayor')
    assert section.endswith(f"<!-- note {NOTE_A} -->\n")


# ------------------------------------------------------------------ annotated


def test_annotated_export_bolds_noted_sentences_and_adds_footnotes() -> None:
    article = make_article()
    document = export_annotated(article, fixture_notes(article), exported=EXPORTED)
    assert "**The mayor said the bridge would open in March.**[^1] Critics doubt it." in document
    assert "**Costs rose by 40% last year, the council said.**[^2]" in document
    assert "[^1]: **Mostly false** — The contract sets a June date." in document
    assert "    The tender documents list *June 30* as the handover." in document
    assert is_ours(document, ARTICLE_ID)
    html = markdown.markdown(document.split("\n---\n", 1)[1], extensions=["footnotes"])
    assert html.count('class="footnote-ref"') == 2
    assert "<strong>The mayor said the bridge would open in March.</strong>" in html


def test_annotated_export_overlapping_notes_get_both_references() -> None:
    article = make_article()
    whole = note_on(
        article, "The mayor said the bridge would open in March. Critics doubt it.", "w"
    )
    part = note_on(article, "The mayor said the bridge would open in March.", "p")
    document = export_annotated(article, [whole, part])
    assert (
        "**The mayor said the bridge would open in March.**[^1] **Critics doubt it.**[^2]"
        in document
    )


def test_annotated_export_lists_orphans_after_the_article() -> None:
    article = make_article()
    orphan = Note("o", ARTICLE_ID, Selector(0, 3, "Removed claim."), anchor_state="orphan")
    document = export_annotated(article, [orphan])
    assert '- "Removed claim."[^1]' in document
    assert "[^1]: **No verdict**" in document
    assert "    > Removed claim." in document


def test_annotated_export_escapes_article_text() -> None:
    clean = build_article([("title", "T"), ("paragraph", "# Not a heading [^1] <b>")])
    article = Article(ARTICLE_ID, clean.text, clean.blocks, clean.meta)
    document = export_annotated(article, [])
    assert "\\# Not a heading \\[^1\\] &lt;b\\>" in document


def test_a_quote_that_looks_like_a_list_of_dashes_stays_a_quote():
    import markdown as md

    from reader.export.markdown import escape_block

    [line] = escape_block("+ ---")
    html = md.markdown(line)
    assert "<li>" not in html and "<hr" not in html
    assert "+ ---" in html
