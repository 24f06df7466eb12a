"""`color.off_palette`: prominent colours of rendered pages that the palette does not hold.

What it finds: each distinct colour of a rendered page covering a prominent area (1 % of the
page, at least MIN_AREA; a button from MIN_BUTTON_AREA) that is farther than
`colors.tolerance` (CIEDE2000) from every palette and design-token colour, once per page.
Why it matters: colour is the fastest brand cue; a campaign page with a near-miss blue or a
stray magenta button looks like another company. Colours come from Chromium's computed styles
(cascade and variables resolved), so only rendered pages have them. Distance is CIEDE2000,
the perceptual difference designers use; `colors.tolerance` is how much still counts as
the palette colour (anti-aliasing, colour profiles, rounding in oklch conversions).
Never a finding: small areas (details, icons, text runs below the prominence floor); nearly
transparent overlays; pages that were not rendered (no computed styles: not judged); any
colour when the guideline has no palette.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from coloraide import Color

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.design_tokens import token_values
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.crawler.artifacts import ColorSample, PageArtifact
from brandaudit.crawler.page_store import rendered_pages
from brandaudit.crawler.run_store import CrawlResult

OFF_PALETTE = Rule(
    id="color.off_palette",
    severity=Severity.WARNING,
    title="Prominent colours come from the brand palette",
    why="Off-palette colours on large areas, buttons or headings dilute a brand's recognition.",
    fix="Use the nearest palette colour, or add the colour to the guideline's palette.",
)

PROMINENT_SHARE = 0.01  # of the page's area: smaller colours are details, not brand colour
MIN_AREA = 1_000.0  # CSS px²: also the floor when the page size is unknown
MIN_BUTTON_AREA = 2_000.0  # a button is prominent at this size even on a long page
MIN_ALPHA = 0.1  # nearly transparent overlays do not show their own colour


@dataclass
class _Seen:
    """One distinct colour on one page, its samples summed."""

    color: Color
    hex: str
    area: float
    largest: ColorSample
    roles: set[str]


def palette_colors(guideline: Guideline) -> list[tuple[str, Color]]:
    """Palette entries as written, parsed; design-token colours extend the palette."""
    entries = list(dict.fromkeys([*guideline.colors.palette, *token_values(guideline, "color")]))
    return [(entry, Color(entry)) for entry in entries]


def parse_css_color(value: str) -> Color | None:
    """A computed colour, composited on white when translucent; None if invisible or unknown."""
    try:
        color = Color(value)
    except ValueError:
        return None
    alpha = color.alpha()
    if alpha < MIN_ALPHA:
        return None
    if alpha < 1:
        color = Color.layer([color, "white"])
    return color.convert("srgb").fit()


def nearest(color: Color, palette: list[tuple[str, Color]]) -> tuple[str, float]:
    distances = [(entry, color.delta_e(target, method="2000")) for entry, target in palette]
    return min(distances, key=lambda pair: pair[1])


def _prominent(sample: ColorSample, page_area: float | None) -> bool:
    if sample.role == "button" and sample.area >= MIN_BUTTON_AREA:
        return True
    threshold = max(MIN_AREA, PROMINENT_SHARE * page_area) if page_area else MIN_AREA
    return sample.area >= threshold


def _page_area(page: PageArtifact) -> float | None:
    box = page.rects.get("html")
    return box.width * box.height if box and box.width > 0 and box.height > 0 else None


def _distinct_colors(page: PageArtifact) -> list[_Seen]:
    seen: dict[str, _Seen] = {}
    area = _page_area(page)
    for sample in page.colors:
        if not _prominent(sample, area):
            continue
        color = parse_css_color(sample.value)
        if color is None:
            continue
        hex_value = color.to_string(hex=True, upper=True)
        entry = seen.get(hex_value)
        if entry is None:
            seen[hex_value] = _Seen(color, hex_value, sample.area, sample, {sample.role})
            continue
        entry.area += sample.area
        entry.roles.add(sample.role)
        if sample.area > entry.largest.area:
            entry.largest = sample
    return list(seen.values())


@check(OFF_PALETTE)
def run(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    palette = palette_colors(guideline)
    if not palette:
        return
    tolerance = guideline.colors.tolerance
    for page in rendered_pages(result.pages):
        for seen in _distinct_colors(page):
            expected, distance = nearest(seen.color, palette)
            if distance <= tolerance:
                continue
            role = seen.largest.role or seen.largest.property
            roles = ", ".join(sorted(r for r in seen.roles if r))
            yield Finding(
                rule=OFF_PALETTE.id,
                severity=OFF_PALETTE.severity,
                url=page.url,
                touchpoint=page.touchpoint,
                message=(
                    f"Colour {seen.hex} ({role} {seen.largest.property}) is not in the palette: "
                    f"the nearest palette colour {expected} is ΔE2000 {distance:.1f} away "
                    f"(tolerance {tolerance:g})."
                ),
                location=Location(selector=seen.largest.selector, snippet=seen.largest.value),
                evidence={
                    "found": seen.largest.value,
                    "hex": seen.hex,
                    "swatch": seen.hex,
                    "nearest": expected,
                    "distance": round(distance, 1),
                    "tolerance": tolerance,
                    "area": round(seen.area),
                    "role": roles,
                    "property": seen.largest.property,
                },
                suggestion=f"Use {expected} instead of {seen.hex}, or add it to the palette.",
                identity=seen.hex,
            )
