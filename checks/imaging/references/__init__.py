"""Reference views: the extra views a guideline logo is indexed with, for the ways sites show
it (cut at the edges or on one side, shown on a colour, reversed to one colour)."""

from brandaudit.checks.imaging.references.reference_fingerprint import fingerprint_reference
from brandaudit.checks.imaging.references.reference_views import prepare_reference

__all__ = ["fingerprint_reference", "prepare_reference"]
