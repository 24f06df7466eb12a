"""Logo rules: retired logos, altered copies, stretched or too small display of the approved ones.

What it finds: every page image (and each logo found inside a banner) that is a deprecated
guideline logo (`logo.deprecated`), a recoloured, cropped or redrawn copy of an approved one
(`logo.altered`), an approved logo displayed at another aspect ratio than its file's
(`logo.distorted`) or narrower than its `min_width_px` (`logo.too_small`); image bytes that
cannot be decoded (`crawl.error`, once per image URL). On an unrendered page whose CSS may
resize images, a size finding says its box comes from markup (`evidence.layout`).
Why it matters: a logo is the most recognisable brand asset; a retired, recoloured, squashed or tiny
logo on a live page undoes the consistency a guideline exists for. Every fetched image is
fingerprinted once per content hash and matched against all guideline logos at once (see
checks/imaging/).
Never a finding: images that match no guideline logo (photos, partners' logos); a faithful
approved logo at its own proportions; size and proportion of favicons, touch icons,
og:/twitter: images and logos inside a larger picture (not laid out by the page); a
display ratio within DISPLAY_ASPECT_TOLERANCE of the file's (pixel rounding).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.crawl_errors import CRAWL_ERROR
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.imaging.image_matches import ImageOutcome, crawl_logo_matches
from brandaudit.checks.imaging.matching import LogoMatch
from brandaudit.checks.registry import Rule, check
from brandaudit.crawler.artifacts import ImageRef, PageArtifact
from brandaudit.crawler.run_store import CrawlResult

DEPRECATED = Rule(
    id="logo.deprecated",
    severity=Severity.ERROR,
    title="No retired logo is shown",
    why="A retired logo tells visitors the page is outdated and splits the brand's identity.",
    fix="Replace the retired logo with the approved logo that replaces it.",
)
ALTERED = Rule(
    id="logo.altered",
    severity=Severity.WARNING,
    title="Approved logos are shown as faithful copies",
    why="A recoloured, cropped or redrawn logo is not the brand's mark, however close.",
    fix="Use the approved logo file unchanged.",
)
DISTORTED = Rule(
    id="logo.distorted",
    severity=Severity.WARNING,
    title="Logos keep their own aspect ratio",
    why="A squashed or stretched logo looks careless and is a common guideline violation.",
    fix="Display the logo with its own width-to-height ratio.",
)
TOO_SMALL = Rule(
    id="logo.too_small",
    severity=Severity.WARNING,
    title="Logos are shown at least at their minimum width",
    why="Below its minimum size a logo's details blur and it stops being recognisable.",
    fix="Display the logo at least at the guideline's minimum width.",
)
# The page's display box vs the file's own aspect may differ this much (pixel rounding of a
# CSS-scaled box); not the imaging matcher's CONTENT_ASPECT_TOLERANCE (a hashed view's shape).
DISPLAY_ASPECT_TOLERANCE = 0.05
LAYOUT_NOT_CHECKED = "markup"  # evidence.layout of a size finding read from HTML, not layout
NO_SIZE_RULES = {"favicon", "touch_icon", "og_image", "twitter_image"}  # not laid out on page


@check(DEPRECATED, ALTERED, DISTORTED, TOO_SMALL, CRAWL_ERROR)
def run(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    if not guideline.all_logos:
        return
    matches = crawl_logo_matches(result, guideline)
    reported_errors: set[str] = set()
    for page in result.pages:
        for ref in page.images:
            image = result.images.get(ref.url)
            outcome = matches.outcomes.get(image.sha256) if image and image.sha256 else None
            if outcome is None:
                continue  # not fetched: crawl_errors reports it
            if outcome.error is not None:
                if ref.url not in reported_errors:
                    reported_errors.add(ref.url)
                    yield _decode_error(page, ref, outcome)
                continue
            for match in outcome.matches:
                logo = matches.logos.logo(match.logo)
                yield from _judge(page, ref, outcome, match, logo.replaced_by, logo.min_width_px)


def _finding(
    rule: Rule,
    page: PageArtifact,
    ref: ImageRef,
    outcome: ImageOutcome,
    match: LogoMatch,
    message: str,
    suggestion: str,
    **extra: object,
) -> Finding:
    evidence = {
        "image_url": ref.url,
        "expected": match.logo,
        "distance": match.distance,
        "status": match.status,
        "verdict": match.verdict,
        "reason": match.reason,
        "region": _region(match),
        **extra,
    }
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        url=page.url,
        touchpoint=page.touchpoint,
        message=message,
        location=Location(selector=ref.selector, snippet=ref.alt or ref.url),
        evidence=evidence,
        suggestion=suggestion,
        identity=f"{rule.id} {outcome.sha256} {match.logo} {_region(match) or ''}",
    )


def _judge(
    page: PageArtifact,
    ref: ImageRef,
    outcome: ImageOutcome,
    match: LogoMatch,
    replaced_by: str | None,
    min_width: int | None,
) -> Iterator[Finding]:
    where = f" inside {ref.url}" if match.region else ""
    if match.status == "deprecated":
        successor = f"the approved '{replaced_by}' logo" if replaced_by else "an approved logo"
        yield _finding(
            DEPRECATED,
            page,
            ref,
            outcome,
            match,
            f"Image{where} shows the retired logo '{match.logo}'; the guideline replaced it "
            f"with {successor}.",
            f"Replace the {match.logo} with {successor}.",
            replaced_by=replaced_by,
        )
        return
    if match.verdict == "altered":
        yield _finding(
            ALTERED,
            page,
            ref,
            outcome,
            match,
            f"Image{where} resembles the approved logo '{match.logo}' but is {match.reason} "
            f"(hash distance {match.distance} bits, colour ΔE {match.colour_distance}).",
            f"Use the approved '{match.logo}' logo file unchanged.",
            colour_distance=match.colour_distance,
        )
    if match.region is not None or ref.kind in NO_SIZE_RULES:
        return
    box = ref.displayed
    intrinsic = {"width": outcome.width, "height": outcome.height}
    unlaid = unlaid_out(page)  # a box from markup that CSS may change: the finding says so
    if box and box.width > 0 and box.height > 0 and outcome.width and outcome.height:
        shown, own = box.width / box.height, outcome.width / outcome.height
        if abs(math.log(shown / own)) > math.log1p(DISPLAY_ASPECT_TOLERANCE):
            yield _finding(
                DISTORTED,
                page,
                ref,
                outcome,
                match,
                f"Logo '{match.logo}' is displayed at {box.width:g}×{box.height:g} "
                f"(ratio {shown:.2f}) but its own ratio is {own:.2f} "
                f"({outcome.width}×{outcome.height}){unlaid.get('note', '')}.",
                f"Display the '{match.logo}' logo at its own aspect ratio {own:.2f}, e.g. "
                f"{box.width:g}×{box.width / own:.0f}.",
                displayed=_size(box.width, box.height),
                intrinsic=intrinsic,
                **unlaid.get("evidence", {}),
            )
    width = box.width if box and box.width > 0 else (outcome.width if ref.kind == "img" else None)
    if min_width and width is not None and width < min_width:
        yield _finding(
            TOO_SMALL,
            page,
            ref,
            outcome,
            match,
            f"Logo '{match.logo}' is displayed {width:g} px wide; the guideline's minimum is "
            f"{min_width} px{unlaid.get('note', '')}.",
            f"Display the '{match.logo}' logo at least {min_width} px wide.",
            displayed=_size(width, box.height if box else outcome.height),
            intrinsic=intrinsic,
            min_width_px=min_width,
            **unlaid.get("evidence", {}),
        )


def unlaid_out(page: PageArtifact) -> dict[str, Any]:
    """For an unrendered page whose CSS may resize images: the note and evidence that say
    the size comes from markup and layout was not checked (coverage lists these pages)."""
    if page.rendered or not page.css_may_resize:
        return {}
    return {
        "note": " (size from the HTML; the page's stylesheets were not applied: "
        "audit with --render always to check the layout)",
        "evidence": {"layout": LAYOUT_NOT_CHECKED},
    }


def _decode_error(page: PageArtifact, ref: ImageRef, outcome: ImageOutcome) -> Finding:
    return Finding(
        rule=CRAWL_ERROR.id,
        severity=CRAWL_ERROR.severity,
        url=page.url,
        touchpoint=page.touchpoint,
        message=f"Image {ref.url} was fetched but cannot be read ({outcome.error}).",
        location=Location(selector=ref.selector, snippet=ref.url),
        evidence={
            "kind": "image",
            "target_url": ref.url,
            "image_url": ref.url,
            "reason": outcome.error,
        },
        suggestion=f"Replace {ref.url} with a valid image file.",
        identity=f"decode {outcome.sha256}",
    )


def _size(width: float, height: float) -> dict[str, float]:
    """A CSS pixel size as JSON: whole numbers as ints."""
    return {
        "width": int(width) if float(width).is_integer() else width,
        "height": int(height) if float(height).is_integer() else height,
    }


def _region(match: LogoMatch) -> dict[str, int] | None:
    if match.region is None:
        return None
    x, y, width, height = match.region
    return {"x": x, "y": y, "width": width, "height": height}


def logo_inventory(result: CrawlResult, guideline: Guideline) -> list[dict]:
    """CONTRACT §3 `logos`: every image that matched a guideline logo, with pages and size."""
    if not guideline.all_logos:
        return []
    matches = crawl_logo_matches(result, guideline)
    rows: dict[tuple[str, str, str], dict] = {}
    for page in result.pages:
        for ref in page.images:
            image = result.images.get(ref.url)
            outcome = matches.outcomes.get(image.sha256) if image and image.sha256 else None
            for match in outcome.matches if outcome else ():
                key = (ref.url, match.logo, str(match.region))
                row = rows.setdefault(
                    key,
                    {
                        "image_url": ref.url,
                        "pages": set(),
                        "match": match.logo,
                        "status": "altered"
                        if match.verdict == "altered" and match.status == "approved"
                        else match.status,
                        "distance": match.distance,
                        "displayed": None,
                        "region": _region(match),
                    },
                )
                row["pages"].add(page.url)
                if row["displayed"] is None and ref.displayed is not None:
                    row["displayed"] = _size(ref.displayed.width, ref.displayed.height)
    inventory = [{**row, "pages": sorted(row["pages"])} for row in rows.values()]
    return sorted(inventory, key=lambda r: (r["image_url"], r["match"], str(r["region"])))
