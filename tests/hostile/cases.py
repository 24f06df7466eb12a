"""The hostile cases: one site (plus a second host) serving every kind of bad input at once.

Each case is a path the home page links to (a page) or shows (an image), a handler that
writes the hostile answer, and what the audit must make of it: a `crawl.error` whose reason
contains `reason` ("error"), an audited page ("page"), a stored image ("image"), or either
of the last two or an error ("any": a case about leaks or hangs, not about its outcome).
"""

from __future__ import annotations

import gzip
import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from tests.hostile.server import Conn

SECRET_TOKEN = "s3cr3t-preview-9f2c"
SECRET_AUTH = "Basic c3RhZ2luZy1zZWNyZXQtN2Q0"
SECRET_COOKIE = "preview_pass=c00kie-s3cret-41a"
SECRETS = (SECRET_TOKEN, SECRET_AUTH.split()[1], SECRET_COOKIE.split("=")[1])
STAGING_HEADERS = (
    f"X-Preview-Token: {SECRET_TOKEN}\nAuthorization: {SECRET_AUTH}\nCookie: {SECRET_COOKIE}\n"
)
XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@dataclass(frozen=True)
class Case:
    path: str
    kind: str  # "page" (linked) or "image" (shown)
    expect: str  # "error", "page", "image" or "any"
    handler: Callable[[Conn], None]
    reason: str = ""  # a fragment of the crawl.error reason, for "error"


def html(body: str, title: str = "Hostile case") -> bytes:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def page(body: str, title: str = "Hostile case") -> Callable[[Conn], None]:
    return lambda c: c.respond(200, html(body, title))


def raw(data: bytes, ctype: str = "text/html; charset=utf-8") -> Callable[[Conn], None]:
    return lambda c: c.respond(200, data, ctype)


def redirect(location: str, status: int = 302) -> Callable[[Conn], None]:
    return lambda c: c.respond(status, b"", "", Location=location)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_of_size(width: int, height: int) -> bytes:
    """A real, complete greyscale PNG of any size, a few hundred KB for 13,000²."""
    comp = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    idat = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat)
            + png_chunk(b"IEND", b""))  # fmt: skip


def picture(fmt: str = "PNG", size: tuple[int, int] = (64, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (11, 95, 255)).save(out, fmt)
    return out.getvalue()


def gzip_bomb(megabytes: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as handle:
        block = b"\x00" * (1 << 20)
        for _ in range(megabytes):
            handle.write(block)
    return out.getvalue()


def gzipped(data: bytes, ctype: str) -> Callable[[Conn], None]:
    return lambda c: c.respond(200, data, ctype, Content_Encoding="gzip")


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b']><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&j;</text></svg>'
)
NESTED_USE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'width="50" height="50"><defs><rect id="u0" width="1" height="1"/>'
    + b"".join(
        f'<g id="u{i + 1}"><use xlink:href="#u{i}"/><use xlink:href="#u{i}"/></g>'.encode()
        for i in range(30)
    )
    + b'</defs><use xlink:href="#u30"/></svg>'
)
SELF_USE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    b'<g id="loop"><use xlink:href="#loop"/></g></svg>'
)
COMMENT_RUN = b"<!--a-->" * 30 + b"<!--"  # backtracked exponentially in the SVG sniffers
DEEP_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' + b"<g>" * 20000
    + b"</g>" * 20000 + b"</svg>"
)  # fmt: skip


def remote_ref_svg(other: str) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="20" height="20"><image xlink:href="{other}/svg-ref.png" width="20" '
        f'height="20"/><rect width="5" height="5" fill="#0B5FFF"/></svg>'
    ).encode()


def truncated_chunked(c: Conn) -> None:
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
           b"10\r\n<html><body>Nova\r\n")  # fmt: skip


def content_length_too_long(c: Conn) -> None:
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"
           + html("Only part of the promised bytes"))  # fmt: skip


def content_length_too_short(c: Conn) -> None:
    body = html("<p>The rest of this page is cut by its own Content-Length.</p>")
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
           + f"Content-Length: {len(body) - 10}\r\n\r\n".encode() + body)  # fmt: skip


def reset(c: Conn) -> None:
    c.reset()


def reset_mid_body(c: Conn) -> None:
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 9000\r\n\r\n"
           + picture()[:40])  # fmt: skip
    c.reset()


def silent_close(c: Conn) -> None:
    return None  # the server closes without a byte


def garbage_status(c: Conn) -> None:
    c.send(b"HTTP/1.1 abc nonsense\r\n\r\n<html></html>")


def drip_page(c: Conn) -> None:
    c.drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<p>")


def drip_headers(c: Conn) -> None:
    c.drip(b"HTTP/1.1 200 OK\r\n", b"X")


def drip_image(c: Conn) -> None:
    c.drip(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n")


def huge_header(c: Conn) -> None:
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Big: " + b"a" * 300_000
           + b"\r\nContent-Length: 10\r\n\r\n<p>hi</p>\n")  # fmt: skip


def deep_dom(depth: int) -> bytes:
    return html("<div>" * depth + "<p>Deep text from Nova Bridge.</p>" + "</div>" * depth)


def deep_jsonld() -> bytes:
    nested = "[" * 200_000 + "]" * 200_000
    return html(f'<script type="application/ld+json">{nested}</script><p>JSON-LD page.</p>')


def site_cases(other: str) -> list[Case]:
    """Every case; `other` is the second host's base URL (another port: another site)."""
    long_tail = "a" * 2100
    return [
        # Bombs
        Case(
            "/bomb/pixels.png",
            "image",
            "error",
            raw(png_of_size(13000, 13000), "image/png"),
            "too large",
        ),
        Case(
            "/bomb/header.png",
            "image",
            "error",
            raw(png_of_size(8000, 6000)[:33], "image/png"),
            "not an image",
        ),
        Case("/bomb/page.gz", "page", "error", gzipped(gzip_bomb(40), "text/html"), "limit"),
        Case("/bomb/image.gz", "image", "error", gzipped(gzip_bomb(40), "image/png"), "limit"),
        Case("/bomb/laughs.svg", "image", "any", raw(BILLION_LAUGHS, "image/svg+xml")),
        Case("/bomb/nested-use.svg", "image", "any", raw(NESTED_USE, "image/svg+xml")),
        Case("/bomb/self-use.svg", "image", "any", raw(SELF_USE, "image/svg+xml")),
        Case("/bomb/deep.svg", "image", "any", raw(DEEP_SVG, "image/svg+xml")),
        # Hostile SVG
        Case(
            "/svg/comments.svg", "image", "error", raw(COMMENT_RUN, "image/svg+xml"), "not an image"
        ),
        Case("/svg/remote-ref.svg", "image", "any", raw(remote_ref_svg(other), "image/svg+xml")),
        Case(
            "/svg/script.svg",
            "image",
            "image",
            raw(
                b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9" onload="alert(1)">'
                b"<script>alert(2)</script><rect width='9' height='9'/></svg>",
                "image/svg+xml",
            ),
        ),
        # Transport faults
        Case("/net/reset", "page", "error", reset),
        Case("/net/reset.png", "image", "error", reset_mid_body),
        Case("/net/silent", "page", "error", silent_close),
        Case("/net/garbage", "page", "error", garbage_status),
        Case("/net/truncated-chunked", "page", "error", truncated_chunked, "connection"),
        Case("/net/length-too-long", "page", "error", content_length_too_long, "connection"),
        Case("/net/length-too-short", "page", "page", content_length_too_short),
        Case("/net/drip", "page", "error", drip_page, "timed out"),
        Case("/net/drip-headers", "page", "error", drip_headers),
        Case("/net/drip.png", "image", "error", drip_image, "timed out"),
        Case("/net/huge-header", "page", "any", huge_header),
        # Traps and limits
        Case("/trap/loop", "page", "error", redirect("/trap/loop"), "too many redirects"),
        Case(f"/trap/long?{long_tail}", "page", "error", page("never fetched"), "2,083"),
        Case(f"/trap/long.png?{long_tail}", "image", "error", raw(picture(), "image/png"), "2,083"),
        Case("/trap/to-long", "page", "error", redirect(f"/trap/x?{long_tail}"), "2,083"),
        Case("/trap/file", "page", "error", redirect("file:///etc/passwd"), "file: URL"),
        Case("/trap/file.png", "image", "error", redirect("file:///etc/hostname"), "file: URL"),
        Case("/trap/off-site", "page", "error", redirect(f"{other}/landing"), "another site"),
        Case(
            "/trap/off-site-307",
            "page",
            "error",
            redirect(f"{other}/landing307", 307),
            "another site",
        ),
        Case(
            "/trap/meta-off-site",
            "page",
            "error",
            page(f'<meta http-equiv="refresh" content="0; url={other}/meta-landing">'),
            "another site",
        ),
        Case("/trap/cdn.png", "image", "image", redirect(f"{other}/cdn.png")),
        Case("/trap/same-site", "page", "page", redirect("/trap/same-site-target")),
        Case("/trap/deep-dom", "page", "page", raw(deep_dom(5000))),
        Case("/trap/deep-dom-1500", "page", "page", raw(deep_dom(1500))),
        Case("/trap/deep-jsonld", "page", "page", raw(deep_jsonld())),
        Case(
            "/trap/not-html",
            "page",
            "error",
            raw(b"%PDF-1.4 nothing", "application/x-foo"),
            "not an HTML page",
        ),
        # Charsets
        Case(
            "/charset/sjis",
            "page",
            "page",
            raw(
                html("<p>日本語のページ NovaBridge</p>").decode().encode("shift_jis"),
                "text/html; charset=shift_jis",
            ),
        ),
        Case(
            "/charset/bogus",
            "page",
            "page",
            raw(html("<p>Caf\u00e9</p>"), "text/html; charset=x-no-such-charset"),
        ),
        Case(
            "/charset/utf16",
            "page",
            "page",
            raw(b"\xff\xfe" + html("<p>UTF-16 page</p>").decode().encode("utf-16-le"), "text/html"),
        ),
        Case(
            "/charset/invalid-utf8",
            "page",
            "page",
            raw(html("<p>broken BAD bytes</p>").replace(b"BAD", b"\xff\xfe\xc3")),
        ),
        Case(
            "/charset/meta-1252",
            "page",
            "page",
            raw(
                b'<html><head><meta charset="windows-1252"><title>1252</title></head><body>'
                b"<p>Caf\xe9 \x93quoted\x94</p></body></html>",
                "text/html",
            ),
        ),
        # XSS in every field a report shows
        Case("/xss/title", "page", "page", page("<p>Nova Bridge builds.</p>", XSS)),
        Case("/xss/text", "page", "page", page(f"<p>Nova Bridge {XSS} helps.</p>")),
        Case("/xss/alt", "page", "page", page(f'<img src="/ok.png" alt="Nova Bridge {XSS}">')),
        Case('/xss/url"><script>alert(3)</script>', "page", "any", page("<p>Nova Bridge</p>")),
        Case(
            "/xss/missing<script>alert(4)</script>.png",
            "image",
            "error",
            lambda c: c.respond(404, b"gone"),
            "404",
        ),
    ]
