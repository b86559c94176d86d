"""mta.message.html: what the sanitizer lets through of hostile mail HTML. CSS values that
fetch, relative and odd URLs, remote images listed and blocked; and the same over SMTP
and GET /v1/messages/{id}."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from mta.message.html import sanitize
from tests.conftest import ServerThread
from tests.test_mail_api import client, deliver


@pytest.mark.parametrize(
    "declaration",
    [
        "width: url(https://t.example/w)",
        "width: URL( 'https://t.example/w' )",
        "font: 12px url(https://t.example/f)",
        "font-family: image('https://t.example/i.png')",
        "font-family: image-set('https://t.example/i.png' 1x)",
        "border: 1px -webkit-image-set(url(https://t.example/b.png) 1x)",
        "border-top: expression(alert(1))",
        "width: var(--w)",
        "width: attr(data-w px)",
        "width: u\\72l(https://t.example/e)",
        "width: \\75rl(https://t.example/e)",
        "font-family: a\\,b",
        "width: u&#114;l(https://t.example/entity)",
        "width: url/**/(https://t.example/c)",
        "border: 1px cross-fade(url(https://t.example/x), red)",
        "width: src('https://t.example/s')",
    ],
)
def test_css_values_that_fetch_or_hide_are_dropped(declaration: str) -> None:
    out = sanitize(f'<p style="color: red; {declaration}; margin: 2px">x</p>').html
    assert out == '<p style="color:red;margin:2px">x</p>', declaration


def test_css_values_that_only_style_stay() -> None:
    out = sanitize(
        "<p style=\"font: bold 12px/1.4 'Times New Roman', serif; color: rgb(10, 20, 30);"
        ' width: calc(100% - 2px); border-top: 1px solid #ccc">x</p>'
    ).html
    for kept in ("font:", "Times New Roman", "color:rgb(10, 20, 30)", "width:calc(100% - 2px)", "border-top:"):
        assert kept in out, out


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<img src="x">', "<img>"),
        ('<img src="/v1/send">', "<img>"),
        ('<a href="/v1/messages/1?permanent=true">d</a>', '<a rel="noopener noreferrer" target="_blank">d</a>'),
        ('<a href="./x">d</a>', '<a rel="noopener noreferrer" target="_blank">d</a>'),
        ('<img src="//tracker.example/p.gif">', "<img>"),
        ('<img src="http:/v1/send">', "<img>"),  # relative to an http page
        ('<img src="http:v1/send">', "<img>"),
        ('<img src="http://evil.example\\@good.example/">', "<img>"),
        ('<img src="https://user:pw@good.example/">', "<img>"),
        ('<img src="http://999.1.1.1/">', "<img>"),  # a browser refuses it
        ('<img src="http://a b/">', "<img>"),
        ('<img src="http://[fe80::1%25eth0]/">', "<img>"),
        ('<img src="#x">', "<img>"),  # would load the page showing the mail
        ('<img src="cid:http://tracker.example/x">', "<img>"),
        ('<img src="cid://tracker.example/x">', "<img>"),
        ('<img src="cid:http%3A%2F%2Ftracker.example">', "<img>"),
        ('<img src="mailto:a@example.org">', "<img>"),
        ('<img src="HTTP://Tracker.EXAMPLE/P.gif">', '<img src="http://tracker.example/P.gif">'),
        ('<img src="hTTpS://tracker.example:0443/">', '<img src="https://tracker.example:443/">'),
        ('<img src="http://2130706433/">', '<img src="http://127.0.0.1/">'),
        ('<img src="http://0x7f.1/">', '<img src="http://127.0.0.1/">'),
        ('<img src="http://0177.0.0.1./">', '<img src="http://127.0.0.1/">'),
        ('<img src="http://[::FFFF:7F00:1]:8080/">', '<img src="http://[::ffff:7f00:1]:8080/">'),
        ('<img src="http://%74racker.example/">', '<img src="http://tracker.example/">'),
        ('<img src="https://bücher.example/ä b">', '<img src="https://xn--bcher-kva.example/%C3%A4%20b">'),
        ('<img src=" https://t.example/a&#10;b ">', '<img src="https://t.example/ab">'),
        ('<img src="cid:logo.png@01D9">', '<img src="cid:logo.png@01D9">'),
        ('<a href="#top">t</a>', '<a href="#top" target="_blank" rel="noopener noreferrer">t</a>'),
        (
            '<a href="MAILTO:a@example.org">m</a>',
            '<a href="mailto:a@example.org" target="_blank" rel="noopener noreferrer">m</a>',
        ),
        ('<image src="https://t.example/i" loading="lazy">', '<img src="https://t.example/i">'),
    ],
)
def test_every_url_left_is_absolute_and_in_one_form(markup: str, expected: str) -> None:
    assert sanitize(markup).html == expected


def test_remote_images_are_listed_and_blocked_on_request() -> None:
    markup = (
        "<title>Your weekly digest</title>"
        '<p style="width: url(https://t.example/css)">Hello</p>'
        '<img src="https://t.example/a.png" alt="logo" width="40"><img src="cid:inline@x">'
        '<img src="https://t.example/a.png" srcset="https://t.example/2x.png 2x">'
        '<table background="https://t.example/bg.png"><tr><td>cell</td></tr></table>'
        '<img src="HTTP://T.example/b.png"><a href="https://t.example/read">read</a>'
    )
    allowed, blocked = sanitize(markup), sanitize(markup, block_remote=True)
    assert allowed.remote == blocked.remote == ["https://t.example/a.png", "http://t.example/b.png"]
    assert 'src="https://t.example/a.png"' in allowed.html
    assert "t.example/a.png" not in blocked.html and "t.example/b.png" not in blocked.html
    for html in (allowed.html, blocked.html):
        assert "weekly digest" not in html and "Hello" in html
        assert "2x.png" not in html and "bg.png" not in html and "css" not in html
        assert '<img src="cid:inline@x">' in html and 'href="https://t.example/read"' in html
    assert 'alt="logo"' in blocked.html and 'width="40"' in blocked.html  # the placeholder keeps its place


def html_mail(html: str) -> EmailMessage:
    m = EmailMessage()
    m["From"] = "news@remote.test"
    m["To"] = "alice@example.com"
    m["Subject"] = "digest"
    m.set_content("plain")
    m.add_alternative(html, subtype="html")
    return m


def test_message_html_over_the_api_has_no_relative_urls_and_blocks_remote(server: ServerThread) -> None:
    deliver(
        server,
        html_mail(
            "<html><head><title>Quarterly digest</title></head><body>"
            '<img src="/v1/send"><a href="/v1/messages/1?permanent=true">x</a>'
            "<p style=\"font-family: image-set('https://t.example/f.png' 1x)\">hi</p>"
            '<img src="HTTP://T.example/pixel.gif" width="1"></body></html>'
        ),
    )
    with client(server) as c:
        (m,) = c.get("/v1/messages", params={"subject": "digest"}).json()["items"]
        allowed = c.get(f"/v1/messages/{m['id']}").json()
        blocked = c.get(f"/v1/messages/{m['id']}", params={"remote": "blocked"}).json()
        bad = c.get(f"/v1/messages/{m['id']}", params={"remote": "some"})
    assert allowed["remote_resources"] == blocked["remote_resources"] == ["http://t.example/pixel.gif"]
    assert 'src="http://t.example/pixel.gif"' in allowed["html"]
    assert "pixel.gif" not in blocked["html"] and '<img width="1">' in blocked["html"]
    for html in (allowed["html"], blocked["html"]):
        assert "/v1/" not in html and "image-set" not in html and "Quarterly" not in html and "hi" in html
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem+json")
