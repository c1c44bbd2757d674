from reader.core.markup import is_safe_link, markdown_to_safe_html


def test_raw_html_in_a_note_is_shown_as_text():
    out = markdown_to_safe_html("Look <script>alert(1)</script> here")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_html_block_in_a_note_is_escaped():
    out = markdown_to_safe_html('<div onclick="x()">\nhi\n</div>')
    assert "<div" not in out


def test_markdown_images_are_not_rendered_as_images():
    out = markdown_to_safe_html("![pixel](https://tracker.example/p.gif)")
    assert "<img" not in out


def test_javascript_links_are_neutered_but_http_links_kept():
    out = markdown_to_safe_html("[a](javascript:alert(1)) [b](https://example.org/x)")
    assert 'href="javascript:' not in out and "<a href" in out
    assert 'href="https://example.org/x"' in out


def test_only_http_links_are_safe_to_open():
    assert is_safe_link("https://example.org")
    assert is_safe_link("HTTP://example.org")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "myapp://x"):
        assert not is_safe_link(bad)
