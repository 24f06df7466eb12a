"""Real-site false alarms of session nine (issue 18), each silenced at its mechanism, with
the real inconsistency next to it still found: a setting's default value, a screenshot's
field holding the lower-case identifier, a citation bracket glued to the name, a PDF's
small-caps echo before a sentence-starting name, and quoted text marked as listed."""

from __future__ import annotations

import pytest

from brandaudit.brand_assets.guideline import Brand, Guideline
from brandaudit.checks.brand_name import run as brand_names
from brandaudit.crawler.artifacts import PageArtifact, TextBlock


def findings(crawl, name: str, text: str, selector: str = "main > p"):
    page = PageArtifact(
        url="https://x.example/", status=200, text_blocks=(TextBlock(text, selector),)
    )
    return list(brand_names(crawl(page), Guideline(brand=Brand(name=name))))


@pytest.mark.parametrize(
    "text",
    [
        "Name: The default is openclaw, which can be customized as the container name.",
        "名称：默认openclaw，可以自定义作为容器的名称；",
        "Default: openclaw",
    ],
)
def test_a_default_value_in_lower_case_is_an_identifier(crawl, text) -> None:
    assert findings(crawl, "OpenClaw", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The default is openclaw for everyone; we love openclaw.",  # the second is prose
        "By default openclaw starts on boot.",
    ],
)
def test_prose_around_a_default_still_reports_the_lower_case_name(crawl, text) -> None:
    assert [f.evidence["found"] for f in findings(crawl, "OpenClaw", text)] == ["openclaw"]


@pytest.mark.parametrize("text", ["openclaw", "openclaw - 配置", "openclaw - B28"])
def test_a_screenshot_line_holding_the_identifier_alone_is_not_a_finding(crawl, text) -> None:
    assert findings(crawl, "OpenClaw", text, selector="ocr:3") == []
    # The same words as a page's own text are still a miscased name.
    assert [f.evidence["variant"] for f in findings(crawl, "OpenClaw", text)] == ["miscased"]


def test_a_screenshot_sentence_with_the_lower_case_name_is_still_found(crawl) -> None:
    (finding,) = findings(crawl, "OpenClaw", "Restart openclaw to apply", selector="ocr:1")
    assert finding.evidence["found"] == "openclaw"


@pytest.mark.parametrize("text", ["part of tcpdump[ 4 ]) contains", "see tcpdump[4] for more"])
def test_a_citation_bracket_glued_to_the_name_is_not_part_of_it(crawl, text) -> None:
    assert findings(crawl, "tcpdump", text) == []
    (typo,) = findings(crawl, "tcpdump", text.replace("tcpdump", "tcpdumq"))
    assert typo.evidence["found"] == "tcpdumq"


def test_a_small_caps_echo_keeps_the_sentence_start(crawl) -> None:
    text = "a network monitoring and data acquisition tool. Tc Tcpdump performs three tasks"
    assert findings(crawl, "tcpdump", text) == []
    (mid,) = findings(crawl, "tcpdump", "we then use Tc Tcpdump here")
    assert (mid.evidence["found"], mid.severity) == ("Tcpdump", "error")


def test_quoted_text_is_info_and_marked_as_listed(crawl) -> None:
    (quoted,) = findings(crawl, "libpcap", "Develop a Packet Sniffer with Libpcap by Vic Hargrave.")
    assert (quoted.severity, quoted.evidence.get("quoted")) == ("info", True)
    (own,) = findings(crawl, "libpcap", "We ship Libpcap with every release.")
    assert (own.severity, "quoted" in own.evidence) == ("error", False)


@pytest.mark.parametrize(
    "text",
    [
        "Apache Flink® 1.20.0 is the latest stable release.",  # a trade mark sign
        "Docker images in the apache/flink-statefun dockerhub repository.",  # owner/name
        "apache/flink (ASF repository)",
        "Tag your questions with the apache-flink tag.",  # a lower-case slug
        "使用 [apache-flink] 标签来发布你的问题",
    ],
)
def test_marks_paths_and_slugs_are_the_name_as_written_elsewhere(crawl, text) -> None:
    assert findings(crawl, "Apache Flink", text) == []


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("We love apache flink today.", "apache flink"),
        ("We love Apache-Flink today.", "Apache-Flink"),
        ("Apache Flnk® rocks.", "Apache Flnk"),
    ],
)
def test_the_name_misspelt_beside_them_is_still_found(crawl, text, wrong) -> None:
    assert [f.evidence["found"] for f in findings(crawl, "Apache Flink", text)] == [wrong]
