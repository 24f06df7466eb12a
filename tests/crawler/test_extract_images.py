"""Every kind of image reference extract_page finds, with selector, alt and displayed size."""

from __future__ import annotations

import base64
import hashlib

from lxml import etree

from brandaudit.crawler.artifacts import Box, ImageRef
from brandaudit.crawler.extract import extract_page
from brandaudit.crawler.extract_images import parse_srcset

URL = "https://www.example.test/brand/index.html"


def images(html: str, inline: dict[str, bytes] | None = None) -> list[ImageRef]:
    page, _ = extract_page(URL, 200, html, 0, None, inline_images=inline)
    return list(page.images)


def test_img_src_and_each_srcset_candidate() -> None:
    html = """<main><img src="logo.png" srcset="logo-1x.png 1x, /img/logo-2x.png 2x"
      alt=" Nova  logo "
      width="160" height="40"></main>"""
    refs = images(html)
    assert [(r.url, r.kind) for r in refs] == [
        ("https://www.example.test/brand/logo.png", "img"),
        ("https://www.example.test/brand/logo-1x.png", "srcset"),
        ("https://www.example.test/img/logo-2x.png", "srcset"),
    ]
    assert {r.selector for r in refs} == {"main > img"}
    assert {r.alt for r in refs} == {"Nova logo"}
    assert {r.displayed for r in refs} == {Box(160, 40)}


def test_picture_sources_are_their_own_kind_and_keep_the_img_alt() -> None:
    html = """<body><picture><source srcset="a.webp 480w,b.webp 800w" type="image/webp">
      <source srcset="c.avif"><img src="fallback.jpg" alt="Hero"></picture></body>"""
    refs = images(html)
    picture = [(r.url.rsplit("/", 1)[1], r.selector, r.alt) for r in refs if r.kind == "picture"]
    assert picture == [
        ("a.webp", "body > picture > source:nth-of-type(1)", "Hero"),
        ("b.webp", "body > picture > source:nth-of-type(1)", "Hero"),
        ("c.avif", "body > picture > source:nth-of-type(2)", "Hero"),
    ]
    assert [r.selector for r in refs if r.kind == "img"] == ["body > picture > img"]


def test_icons_and_social_images() -> None:
    html = """<head><link rel="shortcut icon" href="/favicon.ico"><link rel="icon" href="i.svg">
      <link rel="apple-touch-icon" href="/touch.png"><link rel="mask-icon" href="/mask.svg">
      <link rel="stylesheet" href="/s.css">
      <meta property="og:image" content="https://cdn.test/og.png">
      <meta property="og:image:alt" content="Our logo">
      <meta name="twitter:image" content="/tw.png"></head>"""
    refs = {(r.url, r.kind): r for r in images(html)}
    assert set(refs) == {
        ("https://www.example.test/favicon.ico", "favicon"),
        ("https://www.example.test/brand/i.svg", "favicon"),
        ("https://www.example.test/touch.png", "touch_icon"),
        ("https://www.example.test/mask.svg", "favicon"),
        ("https://cdn.test/og.png", "og_image"),
        ("https://www.example.test/tw.png", "twitter_image"),
    }
    assert refs[("https://cdn.test/og.png", "og_image")].alt == "Our logo"
    assert refs[("https://cdn.test/og.png", "og_image")].selector == 'meta[property="og:image"]'


def test_inline_svg_is_stored_as_a_standalone_svg_document() -> None:
    html = """<header><svg viewBox="0 0 100 20" width="100" height="20" aria-label="NovaBridge">
      <linearGradient id="g"><stop offset="0"/></linearGradient><use xlink:href="#g"/>
      <rect width="10" height="10" fill="url(#g)"/></svg></header>"""
    inline: dict[str, bytes] = {}
    (ref,) = images(html, inline)
    markup = inline[ref.url]
    assert ref.url == f"inline-svg:{hashlib.sha256(markup).hexdigest()}"
    assert (ref.kind, ref.selector, ref.alt, ref.displayed) == (
        "inline_svg",
        "header > svg",
        "NovaBridge",
        Box(100, 20),
    )
    root = etree.fromstring(markup)  # well-formed XML with the namespaces declared
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 100 20"  # the HTML parser's lowercase name is undone
    assert root.find("{http://www.w3.org/2000/svg}linearGradient") is not None


def test_css_background_images_in_style_attributes() -> None:
    html = """<div class="hero"
        style="background-image: url('/img/hero.jpg'); width: 1200px; height:400px">x</div>
      <section style="background: #fff url(pattern.png) repeat">y</section>
      <p style="color: red">z</p>"""
    refs = images(html)
    assert [(r.url, r.kind, r.displayed) for r in refs] == [
        ("https://www.example.test/img/hero.jpg", "css_background", Box(1200, 400)),
        ("https://www.example.test/brand/pattern.png", "css_background", None),
    ]


def test_displayed_box_from_attributes_and_inline_style() -> None:
    html = """<img id="a" src="a.png" width="80" height="20px">
      <img id="b" src="b.png" width="50%" height="10">
      <img id="c" src="c.png" width="300" height="100"
        style="width: 150px; height: 50px; max-width: 9px">
      <img id="d" src="d.png" style="height:32px" width="64">"""
    found = {r.selector: r.displayed for r in images(html)}
    assert found == {"#a": Box(80, 20), "#b": None, "#c": Box(150, 50), "#d": Box(64, 32)}


def test_data_uri_images_are_inline_blobs_and_hidden_images_are_skipped() -> None:
    pixel = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    html = f"""<img src="data:image/png;base64,{base64.b64encode(pixel).decode()}">
      <div hidden><img src="hidden.png"></div><template><img src="tpl.png"></template>
      <img src="javascript:alert(1)"><img src="">"""
    inline: dict[str, bytes] = {}
    refs = images(html, inline)
    assert [r.url for r in refs] == [f"inline-data:{hashlib.sha256(pixel).hexdigest()}"]
    assert inline[refs[0].url] == pixel


def test_srcset_parsing_follows_the_html_rules() -> None:
    assert parse_srcset("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert parse_srcset("a.png 480w,b.png 800w") == ["a.png", "b.png"]
    assert parse_srcset(" single.png ") == ["single.png"]
    assert parse_srcset("img/w_100,h_100/x.png 1x, y.png 2x") == ["img/w_100,h_100/x.png", "y.png"]
    assert parse_srcset("") == []


def test_style_block_backgrounds_are_tied_to_the_element_they_paint() -> None:
    html = """<html><head><style>
      /* .old { background: url(commented-out.png) } */
      header .brand { background: #fff url("/img/logo.svg") no-repeat; width: 160px }
      @media (min-width: 800px) { .hero::before { background-image: url(hero.jpg) } }
      .unused { background-image: url(nowhere.png) }
      a.logo:hover { background-image: url('logo-hover.png') }
      </style></head>
      <body><header><a class="brand logo" href="/" aria-label="NovaBridge home"
        style="width:160px;height:40px"></a></header>
      <section class="hero"><p>Hi</p></section>
      <div style="display:none"><span class="unused"></span></div></body></html>"""
    refs = [(r.url, r.kind, r.selector, r.alt, r.displayed) for r in images(html)]
    assert refs == [
        ("https://www.example.test/img/logo.svg", "css_background", "header > a",
         "NovaBridge home", Box(160, 40)),
        ("https://www.example.test/brand/hero.jpg", "css_background", "body > section", None,
         None),
        ("https://www.example.test/brand/logo-hover.png", "css_background", "header > a",
         "NovaBridge home", Box(160, 40)),
    ]  # fmt: skip


def test_broken_stylesheet_loses_nothing_else() -> None:
    html = """<head><style>.a { background: url(a.png) } .b { background: url(</style>
      <style>!!! {{{ ::: </style></head><body><p class="a">x</p><img src="b.png"></body>"""
    urls = [r.url for r in images(html)]
    assert "https://www.example.test/brand/a.png" in urls
    assert "https://www.example.test/brand/b.png" in urls


def test_object_and_embed_images_but_not_other_embeds() -> None:
    html = """<main><object data="logo.svg" type="image/svg+xml" width="120" height="30"
      aria-label="NovaBridge"></object><embed src="/img/mark.png">
      <object data="movie.swf" type="application/x-shockwave-flash"></object>
      <embed src="widget.html"></main>"""
    refs = [(r.url, r.kind, r.alt, r.displayed) for r in images(html)]
    assert refs == [
        ("https://www.example.test/brand/logo.svg", "object", "NovaBridge", Box(120, 30)),
        ("https://www.example.test/img/mark.png", "object", None, None),
    ]
