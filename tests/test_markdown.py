import sys

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


def test_nothing_one_text_defines_carries_over_to_the_next():
    """The converter is reused (one per thread): references, footnotes and
    abbreviations defined in one text must not change how the next renders."""
    first = render_markdown(
        "See [the guide][g] and NGO.[^1]\n\n[g]: https://example.org/guide\n"
        "[^1]: A note.\n\n*[NGO]: Non-governmental organisation"
    )
    assert 'href="https://example.org/guide"' in first and "<abbr" in first
    second = render_markdown("See [the guide][g] and NGO.[^1]")
    assert "href" not in second and "<abbr" not in second and "A note" not in second
    assert second == render_markdown("See [the guide][g] and NGO.[^1]")


def test_threads_render_with_their_own_converter():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"# Title {n}\n\n- item *{n}*\n- [link {n}][r]\n\n[r]: https://example.org/{n}"
             for n in range(200)]  # fmt: skip
    alone = [render_markdown(text) for text in texts]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns inside a conversion
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(render_markdown, texts)) == alone
    finally:
        sys.setswitchinterval(interval)
