from collab_atlas.markdown import render_markdown


def test_markdown_is_rendered():
    assert render_markdown("**bold**") == "<p><strong>bold</strong></p>"


def test_scripts_and_raw_html_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(1)">text')
    assert "<script" not in html
    assert "onerror" not in html
    assert "<img" not in html


def test_javascript_links_lose_their_target_and_links_are_marked_external():
    html = render_markdown("[a](javascript:alert(1)) [b](https://example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html
    assert "nofollow" in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
