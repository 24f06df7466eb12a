"""Which extra views of a logo are worth indexing: a view within a few bits of one already
kept costs matching time and brings no query closer. Reference views (reference_views.py)
and the reversed views found two ways (reversed_views.py) are thinned by this one rule.
"""

from __future__ import annotations

import numpy as np

from brandaudit.checks.imaging.fingerprints import view_bits
from brandaudit.checks.imaging.picture import View

NEAR_BITS = 16  # an extra view this close to one already kept is left out


def novel_views(kept: list[View], extra: list[View], near: int = NEAR_BITS) -> tuple[View, ...]:
    """The extra views not within `near` bits of a view already kept (of the same kind, cut
    or whole), nor of an extra view kept before them."""
    if not extra:
        return ()
    bits = np.stack([view_bits(v) for v in (*kept, *extra)])
    cut = np.asarray([v.cropped for v in (*kept, *extra)])
    chosen = list(range(len(kept)))
    for i in range(len(kept), len(bits)):
        same = [j for j in chosen if cut[j] == cut[i]]
        if not same or (bits[same] != bits[i]).sum(axis=1).min() > near:
            chosen.append(i)
    return tuple(extra[i - len(kept)] for i in chosen[len(kept) :])
