"""Matching: a picture's fingerprint against every guideline logo at once, the checks a close
logo must pass (plain shapes, colours, the second look), and the verdict (faithful, altered)."""

from brandaudit.checks.imaging.matching.matcher import ReferenceIndex
from brandaudit.checks.imaging.matching.plain_shapes import plain_shapes
from brandaudit.checks.imaging.matching.verdict import LogoMatch, ReferenceLogo, judge
from brandaudit.checks.imaging.matching.view_index import ViewIndex

__all__ = ["LogoMatch", "ReferenceIndex", "ReferenceLogo", "ViewIndex", "judge", "plain_shapes"]
