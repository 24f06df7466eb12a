"""Banner search: guideline logos placed inside larger pictures (hero banners, og:images),
found by edge regions cut out with a matte and by keypoints."""

from brandaudit.checks.imaging.banner_search.banner import (
    SEARCH_VERSION,
    BannerSearch,
    is_banner_sized,
)

__all__ = ["SEARCH_VERSION", "BannerSearch", "is_banner_sized"]
