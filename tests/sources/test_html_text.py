"""HTML to text, for feed summaries and for articles pasted as links."""

from __future__ import annotations

from goodwill.sources.html_text import html_to_text, page_text


def test_markup_scripts_and_entities_are_removed_and_paragraphs_kept_apart() -> None:
    text = html_to_text("<p>Solar &amp; <b>storage</b></p><script>x()</script><p>Part two</p>")

    assert text == "Solar & storage\nPart two"


def test_a_page_gives_its_title_description_and_body_without_navigation() -> None:
    page = page_text(
        """<html><head><title>Ignored</title>
        <meta property="og:title" content="Home batteries in 2026">
        <meta name="description" content="What the numbers say">
        <style>body{}</style></head>
        <body><nav>Home About</nav><article><h1>Home batteries</h1><p>Prices fell.</p></article>
        <footer>© me</footer></body></html>"""
    )

    assert page.title == "Home batteries in 2026"
    assert page.description == "What the numbers say"
    assert page.text == "Home batteries\nPrices fell."
