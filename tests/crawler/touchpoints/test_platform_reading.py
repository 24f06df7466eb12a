"""The shared prologue and epilogue of the adapters: walls, unreadable JSON, coverage."""

from __future__ import annotations

from brandaudit.crawler.touchpoints.platforms.reading import Answer, Fields, profile_reader, sources

EXPECTED = ("display_name", "bio")
seen: list[str] = []


def _mark(profile):
    seen.append(profile.url)
    return profile.with_note("refined")


@profile_reader("demo", "social", EXPECTED, after=_mark)
def read_json(answer: Answer) -> Fields:
    data = answer.json("Demo API")
    return {"display_name": data.get("name"), "extracted_from": ("platform_json",)}


@profile_reader("demo", "social", EXPECTED)
def read_page(answer: Answer) -> Fields:
    tags = answer.html().tags
    return {
        "display_name": tags.get("og:title"),
        "bio": tags.get("og:description"),
        "extracted_from": sources(og=bool(tags), markup=False),
    }


def test_missing_field_gives_partial_coverage_and_after_refines_it() -> None:
    seen.clear()
    profile = read_json("https://demo.example/a", 200, b'{"name": "NovaBridge"}')
    assert profile.display_name == "NovaBridge" and profile.coverage == "partial"
    assert profile.platform == "demo" and profile.status == 200
    assert profile.coverage_notes == ("not readable from the public page: bio", "refined")
    assert seen == ["https://demo.example/a"]


def test_api_answering_html_is_unreadable_with_the_api_named() -> None:
    seen.clear()
    profile = read_json("https://demo.example/a", 200, b"<html>Sign in</html>")
    assert profile.coverage == "none" and profile.display_name is None
    assert profile.coverage_notes == ("Demo API answered with something other than JSON",)
    assert seen == []  # `after` refines read profiles only


def test_walls_are_reported_before_any_parsing() -> None:
    limited = read_json("https://demo.example/a", 429, b'{"name": "NovaBridge"}')
    assert limited.display_name is None and "rate limited" in limited.coverage_notes[0]
    login = read_page(
        "https://demo.example/a", 200, b"<html></html>", "", "https://demo.example/login?next=/a"
    )
    assert login.coverage == "none" and "login wall" in login.coverage_notes[0]


def test_full_page_reads_fully_with_its_sources() -> None:
    body = (
        b'<meta property="og:title" content="NovaBridge">'
        b'<meta property="og:description" content="Bridges that carry ideas.">'
    )
    profile = read_page("https://demo.example/a", 200, body)
    assert profile.coverage == "full" and profile.extracted_from == ("og",)


def test_embedded_page_json_that_does_not_parse_is_a_reason_not_a_crash() -> None:
    """MyApp and Douyin read the JSON their pages embed through Answer.page_json: a broken
    block is "not readable JSON" (coverage none, said so), never an exception and never
    "not found" (which would claim the listing was removed)."""
    from brandaudit.crawler.touchpoints.platforms import douyin, tencent_myapp

    broken_next = '<script id="__NEXT_DATA__" type="application/json">{"props": </script>'
    myapp = tencent_myapp.extract(
        "https://sj.qq.com/appdetail/com.novabridge.app", 200, broken_next
    )
    assert (myapp.coverage, myapp.removed) == ("none", False)
    assert myapp.coverage_notes == ("MyApp page data (__NEXT_DATA__) is not readable JSON",)
    api = douyin.extract("https://www.douyin.com/user/MS4wLjABAAAAnb01", 200, '{"user": ')
    assert api.coverage_notes == (
        "Douyin page data (RENDER_DATA): the answer is not readable JSON",
    )
    broken_render = '<script id="RENDER_DATA">%7B%22app%22%3A</script>'
    page = douyin.extract("https://www.douyin.com/user/MS4wLjABAAAAnb01", 200, broken_render)
    assert page.coverage_notes == ("Douyin page data (RENDER_DATA) is not readable JSON",)
