"""touchpoint.*: social profiles and app-store listings against the guideline.

What it finds: for every profile in the crawl's profiles.jsonl, a display name, avatar /
app icon / cover (with the logo matcher), bio (with the website's text checks), link back
or app developer name that disagrees with the guideline; profiles that are gone, ones that
could only partly be read, and profiles the website and the guideline disagree about.
Why it matters: people meet the brand on these pages as often as on its website; a retired
logo or an old slogan there undoes the consistency the website keeps.
Never a finding: data the platform did not show (that is `touchpoint.partial`, info).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.text.chinese import to_simplified
from brandaudit.checks.touchpoint_links import LinkedProfile, linked_profiles
from brandaudit.checks.touchpoint_logos import logo_findings
from brandaudit.checks.touchpoint_text import delegated_findings, relabel
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.profile_urls import platform_of, profile_key
from brandaudit.crawler.touchpoints.store import identity_url, load_profiles
from brandaudit.crawler.touchpoints.wechat_accounts import listed_account_urls


def _rule(suffix: str, title: str, why: str, fix: str, severity=Severity.ERROR) -> Rule:
    return Rule(f"touchpoint.{suffix}", severity, title, why, fix)


NAME = _rule(
    "name",
    "Profiles and listings carry the brand or product name",
    "A profile named differently from the brand looks unofficial and is hard to find.",
    "Rename the profile or app to the brand or product name the guideline spells.",
)
LOGO = _rule(
    "logo",
    "Avatars, app icons and covers show an approved logo",
    "The avatar is the brand's face on every post; a retired or unknown one looks like a fake.",
    "Upload the approved logo as avatar or icon.",
)
BIO = _rule(
    "bio",
    "Bios and descriptions use the approved slogans, terms and facts",
    "An old slogan or phone number in a bio keeps circulating long after the website changed.",
    "Edit the bio to the guideline's current wording and facts.",
)
LINK = _rule(
    "link",
    "Profiles link back to the brand's own website",
    "A link to another domain sends followers away, or to a site that is not the brand's.",
    "Point the profile's website link at one of the guideline's websites.",
)
DEVELOPER = _rule(
    "developer",
    "Apps are published under the brand's legal or brand name",
    "The developer name is the proof an app is official; another name looks like a clone.",
    "Publish under the legal name (or the brand name) the guideline gives.",
)
UNAVAILABLE = _rule(
    "unavailable",
    "Every listed profile and app listing exists",
    "A dead profile link in the guideline or on the website loses followers and trust.",
    "Restore the profile or remove it from the guideline and the website.",
)
PARTIAL = _rule(
    "partial",
    "Every profile could be read completely",
    "What a login wall hides was not checked; this says so instead of reporting it clean.",
    "Check the hidden parts by hand, or audit with rendering enabled.",
    Severity.INFO,
)
UNLISTED = _rule(
    "unlisted",
    "The website and the guideline list the same profiles",
    "A profile only one of them knows is either unofficial or forgotten.",
    "Add the profile to the guideline, or remove it (and links to it).",
    Severity.INFO,
)
OTHERS = _rule(
    "third_party",
    "Profiles of others linked from page text are not taken for the brand's",
    "A contributor's or customer's profile linked in an article is not the brand's touchpoint;"
    " it is listed so nothing is left out silently, and neither fetched nor scored.",
    "Nothing to fix; if one of them is the brand's, link it from the header or footer, add it"
    " to the JSON-LD sameAs, or list it in the guideline.",
    Severity.INFO,
)
RULES = (NAME, LOGO, BIO, LINK, DEVELOPER, UNAVAILABLE, PARTIAL, UNLISTED, OTHERS)


@check(*RULES)
def run(result: CrawlResult, guideline: Guideline) -> list[Finding]:
    profiles = load_profiles(result.run_dir)
    findings: list[Finding] = []
    readable = []
    for profile in profiles:
        if profile.removed:
            findings.append(_unavailable(profile))
            continue
        if profile.coverage != "full":
            findings.append(_partial(profile))
        if profile.coverage == "none":
            continue
        readable.append(profile)
    named = set()  # profiles whose name the brand-name check already reported
    for finding, field in delegated_findings(result, guideline, readable):
        if field == "name" and finding.rule == "text.brand_name":
            named.add(finding.url)
            findings.append(relabel(finding, NAME.id, "name", field))
        else:
            aspect = "facts" if finding.rule.startswith("fact.") else "bio"
            findings.append(relabel(finding, BIO.id, aspect, field))
    for profile in readable:
        if profile.url not in named:  # a misspelt name is one finding, not two
            findings.extend(_name_missing(profile, guideline))
        findings.extend(_link(profile, guideline))
        findings.extend(_developer(profile, guideline))
        findings.extend(logo_findings(result, guideline, profile, LOGO))
    findings.extend(_unlisted(result, guideline))
    return findings


def _finding(
    rule: Rule, profile: ProfileArtifact, message: str, aspect: str, **extra: object
) -> Finding:
    evidence = {"aspect": aspect, "platform": profile.platform, **extra}
    found = str(evidence.get("found", ""))
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        url=profile.url,
        touchpoint=profile.platform,
        message=message,
        location=Location(selector=f"profile > {aspect}", snippet=found or None, source=aspect),
        evidence=evidence,
        suggestion=rule.fix,
        identity=f"{aspect}|{found}|{evidence.get('expected', '')}",
    )


def _label(profile: ProfileArtifact) -> str:
    kind = "listing" if profile.kind == "app" else "profile"
    return f"The {profile.platform.replace('_', ' ')} {kind}"


def _unavailable(profile: ProfileArtifact) -> Finding:
    why = "; ".join(profile.coverage_notes) or f"HTTP {profile.status}"
    return _finding(
        UNAVAILABLE,
        profile,
        f"{_label(profile)} is not available: {why}.",
        "profile",
        found=f"HTTP {profile.status}" if profile.status else why,
        status=profile.status,
    )


def _partial(profile: ProfileArtifact) -> Finding:
    notes = "; ".join(profile.coverage_notes) or "no reason recorded"
    what = "could not be read" if profile.coverage == "none" else "could only partly be read"
    finding = _finding(
        PARTIAL,
        profile,
        f"{_label(profile)} {what}: {notes}.",
        "profile",
        coverage=profile.coverage,
        notes=list(profile.coverage_notes),
    )
    return finding


_PUNCT = re.compile(r"[\W_]+")


def _folded(text: str) -> str:
    """Punctuation, case and Chinese script folded: 新橋雲 reads as 新桥云."""
    return _PUNCT.sub("", to_simplified(text)).casefold()


def _name_missing(profile: ProfileArtifact, guideline: Guideline) -> Iterator[Finding]:
    """A display name that holds none of the brand's names at all (variants are found by
    the brand-name check through touchpoint_text)."""
    name = profile.display_name
    if not name:
        return
    names = (*guideline.brand.all_names, *filter(None, (guideline.brand.legal_name,)))
    if any(_folded(n) in _folded(name) for n in names):
        return
    yield _finding(
        NAME,
        profile,
        f"{_label(profile)} is named '{name}', which contains no brand or product name "
        f"of the guideline ({', '.join(guideline.brand.all_names)}).",
        "name",
        found=name,
        expected=guideline.brand.name,
    )


def _hosts(urls: tuple[str, ...]) -> set[str]:
    return {(urlsplit(u).hostname or "").removeprefix("www.") for u in urls} - {""}


def _link(profile: ProfileArtifact, guideline: Guideline) -> Iterator[Finding]:
    link = profile.website_link
    sites = _hosts(guideline.touchpoints.websites)
    if not link or not sites:
        return
    absolute = link if "://" in link else f"https://{link}"
    host = (urlsplit(absolute).hostname or "").removeprefix("www.")
    if any(host == site or host.endswith("." + site) for site in sites):
        return
    yield _finding(
        LINK,
        profile,
        f"{_label(profile)} links to {link}, which is not one of the brand's websites "
        f"({', '.join(sorted(sites))}).",
        "link",
        found=link,
        expected=guideline.touchpoints.websites[0],
    )


def _developer(profile: ProfileArtifact, guideline: Guideline) -> Iterator[Finding]:
    if profile.kind != "app" or not profile.developer:
        return
    brand = guideline.brand
    accepted = (*filter(None, (brand.legal_name,)), *brand.all_names)
    if _folded(profile.developer) in {_folded(a) for a in accepted}:
        return
    yield _finding(
        DEVELOPER,
        profile,
        f"{_label(profile)} is published by '{profile.developer}'; the guideline's legal name "
        f"is '{accepted[0]}'.",
        "name",
        found=profile.developer,
        expected=accepted[0],
    )


def _unlisted(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    """The brand's profiles the website links to that the guideline lacks, and the reverse;
    other people's profiles linked from page text, listed once per website. Silent when the
    crawl recorded no discovery (profile_links.jsonl absent) or fetched no page."""
    linked = linked_profiles(result.run_dir, guideline)
    if linked is None or not result.pages:
        return
    identity = identity_url(result.run_dir)  # short links resolved, articles -> accounts

    def key_of(url: str) -> str:
        return profile_key(identity(url))

    touchpoints = guideline.touchpoints
    accounts = listed_account_urls(touchpoints.wechat, load_profiles(result.run_dir))
    listed = {key_of(u): u for u in (*touchpoints.social, *touchpoints.apps, *accounts)}
    on_site = {key_of(p.url): p for p in linked if p.brand or key_of(p.url) in listed}
    for key, profile in sorted(on_site.items()):
        if key not in listed:
            yield _unlisted_finding(
                profile.url,
                f"The website links to {profile.url} ({profile.reason}), which the guideline "
                "does not list.",
                found=profile.url,
                pages=list(profile.pages[:5]),
                why=profile.reason,
            )
    for key, url in sorted(listed.items()):
        if key not in on_site:
            yield _unlisted_finding(
                url,
                f"The guideline lists {url}, but no crawled page links to it.",
                expected=url,
            )
    others = [p for p in linked if not p.brand and key_of(p.url) not in listed]
    yield from _third_party(others, guideline)


def _third_party(others: list[LinkedProfile], guideline: Guideline) -> Iterator[Finding]:
    """One info finding per website root listing the others' profiles its pages link to."""
    by_site: dict[str, list[LinkedProfile]] = {}
    for profile in others:
        by_site.setdefault(_site_root(profile.pages[0]), []).append(profile)
    fetched = guideline.touchpoints.linked_profiles == "all"
    for site, profiles in sorted(by_site.items()):
        profiles.sort(key=lambda p: p.url)
        first_page = min(page for p in profiles for page in p.pages)
        yield Finding(
            rule=OTHERS.id,
            severity=OTHERS.severity,
            url=first_page,
            touchpoint="website",
            message=f"{len(profiles)} linked profile(s) appear only in page text and are taken "
            f"for other people's, not the brand's: {', '.join(p.url for p in profiles[:5])}"
            f"{' ...' if len(profiles) > 5 else ''}. "
            + ("They were fetched as asked." if fetched else "They were not fetched."),
            location=Location(selector="profile", source="profile"),
            evidence={
                "aspect": "profile",
                "profiles": [{"url": p.url, "pages": list(p.pages[:5])} for p in profiles],
                "count": len(profiles),
                "fetched": fetched,
            },
            suggestion=OTHERS.fix,
            identity=f"third_party|{site}",
        )


def _site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _unlisted_finding(url: str, message: str, **evidence: object) -> Finding:
    urls = platform_of(url)
    platform = urls.platform if urls else (urlsplit(url).hostname or "profile")
    return Finding(
        rule=UNLISTED.id,
        severity=UNLISTED.severity,
        url=url,
        touchpoint=platform,
        message=message,
        location=Location(selector="profile", source="profile"),
        evidence={"aspect": "profile", "platform": platform, **evidence},
        suggestion=UNLISTED.fix,
        identity="found" if "found" in evidence else "expected",
    )
