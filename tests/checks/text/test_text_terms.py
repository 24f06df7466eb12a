"""text.term: whole-word wrong forms, fixes in the found casing and inflection."""

from __future__ import annotations

import pytest

from brandaudit.brand_assets.guideline import Brand, Guideline, Term
from brandaudit.checks.terms import run
from tests.checks.text.conftest import make_page


def _findings(crawl, guideline, *texts):
    return list(run(crawl(make_page(*texts)), guideline))


@pytest.mark.parametrize(
    ("text", "found", "fix"),
    [
        ("Please Log in to continue.", "Log in", "Sign in"),
        ("Please log in to continue.", "log in", "sign in"),
        ("PLEASE LOG IN NOW", "LOG IN", "SIGN IN"),
        ("Click Log In above.", "Log In", "Sign In"),
        ("Use the login page.", "login", "sign in"),
        ("Logging in takes a second.", "Logging in", "Signing in"),
        ("Once logged in, you see it.", "logged in", "signed in"),
        ("Failed logins are locked.", "logins", "sign-ins"),
    ],
)
def test_wrong_form_is_replaced_in_its_casing(crawl, sample_guideline, text, found, fix) -> None:
    (finding,) = _findings(crawl, sample_guideline, text)
    assert finding.rule == "text.term"
    assert finding.severity == "warning"
    assert text[finding.location.start : finding.location.end] == found
    assert finding.evidence["expected"] == fix
    assert finding.suggestion == f"Replace '{found}' with '{fix}'."


@pytest.mark.parametrize(
    "text",
    [
        "Browse the catalog in full.",
        "The blog information page.",
        "Open https://novabridge.example/login or mail login@novabridge.example.",
        "Follow @login and #login.",
        "Call `login()` from the SDK.",
        "Please sign in to continue.",
        "A dialog in the corner.",
    ],
)
def test_traps_stay_silent(crawl, sample_guideline, text) -> None:
    assert _findings(crawl, sample_guideline, text) == []


def test_case_sensitive_terms_and_exceptions(crawl) -> None:
    guideline = Guideline(
        brand=Brand(name="NovaBridge"),
        terms=(
            Term(use="JavaScript", **{"not": ("Javascript",)}),
            Term(use="e-mail", **{"not": ("email",)}, exceptions=("email protocol",)),
        ),
    )
    texts = ["JavaScript is fine; Javascript is not.", "The email protocol is old; send an email."]
    findings = _findings(crawl, guideline, *texts)
    assert [f.evidence["found"] for f in findings] == ["Javascript", "email"]
    assert findings[1].location.start == texts[1].rindex("email")
