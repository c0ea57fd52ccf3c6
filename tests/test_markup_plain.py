"""Plain paragraphs skip markdown-it: the HTML is the one markdown-it writes, for any text the short cut takes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ensomhed_cli.render import markup

# What a short cut could get wrong: Markdown's syntax, its spaces and line ends, HTML's
# special characters, digits that start a list, letters outside ASCII, spaces that are not " ".
TRICKY = list("aZæøÅé1 9\n\t.,;:?!'\"()%/-–—*_#<>&=+|`~[]\\^{}@$") + ["\u00a0", "\u2028", "\r", "\x00", "²", "ǅ", "\u0301"]


def markdown_it(text: str) -> str:
    return markup._parser().render(text)


# Words with Markdown between them: texts that are plain, or nearly so.
PIECES = ["ord", "Ord", "æble", " ", " ", "\n", "\n\n", "1", "2.", ". ", "- ", "* ", "*", "_", "# ", "`", "~~", "[", "](x)", "<", ">",
          "&", "&amp;", '"', "'", "  ", "\t", "\\", "|", "---", "===", "!", "(", ")", "    ", "\u00a0", "²", "–"]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=40))
def test_the_short_cut_writes_what_markdown_it_writes(text):
    plain = markup._plain_paragraphs(text)
    if plain is not None:
        assert plain == markdown_it(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
def test_words_with_markdown_between_them(pieces):
    text = "Ord" + "".join(pieces)
    plain = markup._plain_paragraphs(text)
    if plain is not None:
        assert plain == markdown_it(text), text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abcæø ,.;:?!'\"()%/-–")), min_size=1, max_size=30), min_size=1, max_size=6), st.sampled_from(["\n", "\n\n", "\n\n\n"]))
def test_paragraphs_of_words_take_the_short_cut_when_markdown_it_agrees(lines, separator):
    text = separator.join("Ord " + line.strip() + "." for line in lines)
    plain = markup._plain_paragraphs(text)
    assert plain is not None, text
    assert plain == markdown_it(text)


def test_descriptions_like_the_bundled_ones_take_the_short_cut():
    text = "Mødet tog orienteringen til efterretning.\nDer blev spurgt til \"Café Samvær\" (2023).\n\nNæste møde – 6,6 pct. af 400.000 kr./år.\n"
    assert markup._plain_paragraphs(text) == markdown_it(text)
    assert str(markup.markdown_html(text)) == markdown_it(text)


def test_anything_markdown_reads_is_left_to_markdown_it():
    for text in ("1. punkt", "- punkt", "# Overskrift", "a  \nb", "*vigtigt*", "a_b_c", "[link](https://x.dk)", "a &amp; b",
                 "Tabel | a\n--- | ---", "Linje\n===", "    kode", "a\\\nb", "<b>", "a\n b", " a", "a \nb", "\na"):
        assert markup._plain_paragraphs(text) is None, text
