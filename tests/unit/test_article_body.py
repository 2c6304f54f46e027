"""Article bodies made safe (load/article_body.py): what is removed, what is kept byte for byte."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from briefing.load.article_body import make_safe, url_is_safe


def rendered(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=["tables", "toc"]), "html.parser")


def live_attributes(document: BeautifulSoup) -> list[str]:
    found = []
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            flat = "".join(str(value).split()).lower()
            if (
                name.startswith("on")
                or name == "style"
                or (name in ("href", "src", "action", "formaction") and flat.startswith(("javascript:", "data:")))
            ):
                found.append(f"{element.name} {name}")
    return found + [e.name for e in document.find_all(["script", "iframe", "svg", "object", "embed", "style"])]


@pytest.mark.parametrize(
    "body",
    [
        "Plain prose, a < b, 3 <4, <3 and AT&T, **bold**, [a link](https://example.org/x_(y)) and ![map](map.png).\n",
        "| a | b |\n|---|---|\n| <b>1</b> | <sub>2</sub> |\n",
        'H<sub>2</sub>O and <br> and <abbr title="x">X</abbr> and <https://example.org/a> and <editor@example.org>.\n',
        "[relative](../other/) [fragment](#top) [mail](mailto:a@example.org) [tel](tel:+1-555) [ftp](ftp://x.org/f)\n",
        '[ref][r]\n\n[r]: https://example.org/r "Title"\n',
        "",
    ],
)
def test_what_editors_write_is_kept_byte_for_byte(body: str) -> None:
    safe = make_safe(body)
    assert safe.text == body
    assert safe.removals == ()


@pytest.mark.parametrize(
    ("body", "offsets"),
    [
        ("a <script>alert(1)</script> b", [2]),
        ("<img src=x onerror=alert(1)>", [0]),
        ("<IMG SRC=x OnError=alert(1)>", [0]),
        ('<a href="javascript:alert(1)">x</a>', [0]),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', [0]),
        ('<a href="jav&#x0A;ascript:alert(1)">x</a>', [0]),
        ("[x](javascript:alert(1))", [4]),
        ("[x]( \n javascript:alert(1))", [7]),
        ("[x](<javascript:alert(1)>)", [4]),
        ("[x](&#x6A;avascript:alert(1))", [4]),
        ("[x](java\tscript:alert(1))", [4]),
        ("[x](data:text/html,<script>alert(1)</script>)", [4, 19]),
        ("[x][r]\n\n[r]:\n  vbscript:msgbox(1)", [15]),
        ("![i](javascript:alert(1))", [5]),
        ("<javascript:alert(1)>", [0]),
        ("x <div><x@y onmouseover=alert(1)>hover</x@y></div>", [7]),
        ('<a title=">" onclick="alert(1)">x</a>', [0]),
        ("<svg><script>alert(1)</script></svg>", [0, 5]),
        ("<style>body{display:none}</style>", [0]),
        ('<p style="position:fixed">x</p>', [0]),
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', [0]),
        ("<form><button formaction=javascript:alert(1)>x</button></form>", [0, 6]),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", [0, 6, 20, 28, 35]),
        ("java<script></script>script:alert(1) [x](java<!-- -->script:alert(1))", [4, 41]),
        ("`<img src=x onerror=alert(1)>`", [1]),
        ("text <!-- never closed\n[x](javascript:alert(1))", [5]),
    ],
)
def test_nothing_that_can_run_survives_rendering(body: str, offsets: list[int]) -> None:
    safe = make_safe(body)
    assert live_attributes(rendered(safe.text)) == [], safe.text
    assert sorted(r.offset for r in safe.removals) == offsets, safe.removals


def test_unclosed_comment_is_said_because_it_takes_the_rest() -> None:
    safe = make_safe("Kept.\n<!-- a note\n\nThe rest of the article.\n")
    assert safe.text == "Kept.\n"
    assert [r.message for r in safe.removals] == ["removed a comment that is never closed, and everything after it: end it with -->"]


def test_closed_comments_go_without_a_word() -> None:
    safe = make_safe("Kept <!-- note --> here.\n")
    assert (safe.text, safe.removals) == ("Kept  here.\n", ())


def test_a_comment_cannot_forge_a_placeholder_of_briefing() -> None:
    assert "briefing-block" not in make_safe("<!--briefing-block-0-->\n").text


def test_autolink_with_a_query_becomes_the_same_link() -> None:
    safe = make_safe("See <https://example.org/a_b?c=d&e=(f)>.\n")
    assert safe.removals == ()
    assert str(rendered(safe.text).a) == str(rendered("See <https://example.org/a_b?c=d&e=(f)>.\n").a).replace("(f)", "%28f%29", 1)


def test_text_inside_dropped_elements_stays_escaped_text() -> None:
    safe = make_safe("<textarea><img src=x onerror=alert(1)></textarea>")
    assert "<img" not in safe.text and live_attributes(rendered(safe.text)) == []
    assert rendered(safe.text).get_text() == "<img src=x onerror=alert(1)>"


def test_the_marker_of_text_runs_cannot_collide_with_the_body() -> None:
    body = "briefingtext0briefingtext <b>x</b> briefingtextx1briefingtextx"
    assert make_safe(body).text == body


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.org", True),
        ("../a/", True),
        ("#top", True),
        ("//x.org/a", True),
        ("javascript:x", False),
        ("JAVASCRIPT:x", False),
        ("\x01javascript:x", False),
        ("java\nscript:x", False),
        ("&#106;avascript:x", False),
        ("javascript&colon;x", False),
        ("java\\script:x", True),  # not a scheme for a browser: a relative path
        ("data:image/png;base64,AAAA", False),
        ("file:///etc/passwd", False),
    ],
)
def test_url_schemes(url: str, safe: bool) -> None:
    assert url_is_safe(url) is safe


def test_output_is_deterministic() -> None:
    body = "<b onclick=x>a</b> [y](javascript:z) <table><tr><td>1</td></tr></table>\n"
    assert make_safe(body) == make_safe(body)
