"""Markdown sanitising and URL normalisation."""

import pytest

from apps.learning.text import normalize_url, plain_text, render_markdown, sanitize_snippet


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        '<div onclick="alert(1)" onmouseover="alert(2)">hi</div>',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_render_markdown_strips_active_content(markdown):
    html = render_markdown(markdown).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert " on" not in html.replace("noopener", "")  # no on* attribute survives
    assert "<iframe" not in html
    assert "alert(1)</script" not in html


def test_render_markdown_keeps_formatting():
    html = render_markdown("# Title\n\nSome **bold** and a [link](https://example.com).\n\n```\ncode\n```")
    assert "<h1>Title</h1>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<code>code\n</code>" in html


def test_snippet_keeps_only_mark():
    assert sanitize_snippet('a <mark>b</mark> <script>x()</script><b onclick="y">c</b> 1 < 2') == (
        "a <mark>b</mark> c 1 &lt; 2"
    )


def test_snippet_of_markdown_shows_its_words_not_its_syntax():
    headline = "See [the <mark>docs</mark>](https://example.com/x) and **bold** `code`\n\n- item <mark>one</mark>"
    assert sanitize_snippet(headline) == "See the <mark>docs</mark> and bold code item <mark>one</mark>"


def test_plain_text_drops_markup_scripts_and_urls():
    text = "# Eigen\n\nA [link](https://example.com) <script>alert(1)</script> &amp; *more*."
    assert plain_text(text) == "Eigen\n\nA link & more."


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM/Path/", "https://example.com/Path"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a/", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/a?utm_source=x&id=3&UTM_medium=y", "https://example.com/a?id=3"),
        ("https://example.com/a?b=2&a=1#section", "https://example.com/a?b=2&a=1"),
        ("https://example.com/", "https://example.com"),
        ("https://example.com", "https://example.com"),
    ],
)
def test_normalize_url(url, expected):
    assert normalize_url(url) == expected
