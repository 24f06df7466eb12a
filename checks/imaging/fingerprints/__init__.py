"""Fingerprints: a prepared picture's views as perceptual hash bits, fine maps and colours,
serialisable and cached on disk by content hash (second stage)."""

from brandaudit.checks.imaging.fingerprints.colours import colour_distance, is_neutral
from brandaudit.checks.imaging.fingerprints.fingerprint import (
    Fingerprint,
    fingerprint_image,
    from_prepared,
)
from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache
from brandaudit.checks.imaging.fingerprints.hashes import HASH_BITS, hamming, view_bits

__all__ = [
    "HASH_BITS",
    "Fingerprint",
    "HashCache",
    "colour_distance",
    "fingerprint_image",
    "from_prepared",
    "hamming",
    "is_neutral",
    "view_bits",
]
