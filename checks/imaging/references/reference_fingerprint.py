"""The fingerprint of a guideline logo: its own views plus the extra reference views a site
may show it in (reference_views.py). Here, not in fingerprints/, because reference views are
thinned by hash distance: they need the hashes, so they come after them in the pipeline."""

from __future__ import annotations

from PIL import Image

from brandaudit.checks.imaging.fingerprints import Fingerprint, from_prepared
from brandaudit.checks.imaging.references.reference_views import prepare_reference


def fingerprint_reference(image: Image.Image, width: int, height: int) -> Fingerprint:
    """Fingerprint a guideline logo, with the extra views a site may show it in."""
    return from_prepared(prepare_reference(image), width, height)
