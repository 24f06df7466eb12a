"""touchpoint.logo: a profile's avatar, app icon or cover judged by the logo matcher.

The spider stores profile images like page images (blobs + images.jsonl), so the same
memoised `crawl_logo_matches` fingerprints them once. An avatar or icon must be a faithful
approved logo; a cover is a picture, so only a retired logo inside it is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Location
from brandaudit.checks.imaging.image_matches import crawl_logo_matches
from brandaudit.checks.imaging.matching import LogoMatch
from brandaudit.checks.registry import Rule
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact

FACE_ROLES = ("avatar", "icon")  # images that must be a logo; others ("banner") may be photos


def judged_images(result: CrawlResult, profile: ProfileArtifact) -> list[tuple[str, str, str]]:
    """(role, url, sha256) of the profile's images that were fetched and stored."""
    judged = []
    for role, url in profile.images:
        image = result.images.get(url)
        if image is not None and image.sha256 and not image.error:
            judged.append((role, url, image.sha256))
    return judged


def logo_findings(
    result: CrawlResult, guideline: Guideline, profile: ProfileArtifact, rule: Rule
) -> Iterator[Finding]:
    if not guideline.all_logos:
        return
    matches = crawl_logo_matches(result, guideline)
    for role, url, sha256 in judged_images(result, profile):
        outcome = matches.outcomes.get(sha256)
        if outcome is None or outcome.error:
            continue  # undecodable bytes: the image's crawl.error already says so
        problem = _problem(role, outcome.matches, guideline)
        if problem is None:
            continue
        message, expected, match = problem
        evidence = {
            "aspect": "logo",
            "platform": profile.platform,
            "role": role,
            "image_url": url,
            "found": url,
            "expected": expected,
        }
        if match is not None:
            evidence |= {"name": match.logo, "status": match.status, "distance": match.distance}
            if match.reason:
                evidence["reason"] = match.reason
        yield Finding(
            rule=rule.id,
            severity=rule.severity,
            url=profile.url,
            touchpoint=profile.platform,
            message=message,
            location=Location(selector=f"profile > {role}", source=role),
            evidence=evidence,
            suggestion=rule.fix,
            identity=f"logo|{role}|{match.logo if match else 'unknown'}",
        )


def _problem(
    role: str, found: tuple[LogoMatch, ...], guideline: Guideline
) -> tuple[str, str, LogoMatch | None] | None:
    """(message, expected logo name, match) when the image breaks the rule, else None."""
    approved = [logo.name for logo in guideline.logos.approved]
    for match in found:
        if match.status == "deprecated":
            logo = next(d for d in guideline.logos.deprecated if d.name == match.logo)
            expected = logo.replaced_by or (approved[0] if approved else "")
            where = "is" if role in FACE_ROLES else "shows"
            return (
                f"The profile's {role} {where} the retired logo '{match.logo}'"
                f"{f'; use {expected!r} instead' if expected else ''}.",
                expected,
                match,
            )
    if role not in FACE_ROLES:
        return None
    whole = found[0] if found else None
    if whole is None:
        return (
            f"The profile's {role} matches no approved logo of the guideline.",
            " or ".join(approved),
            None,
        )
    if whole.verdict == "altered":
        return (
            f"The profile's {role} is an altered copy of the logo '{whole.logo}' ({whole.reason}).",
            whole.logo,
            whole,
        )
    return None
