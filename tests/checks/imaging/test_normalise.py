"""Normalisation: the fast per-plane paths give exactly what the plain definitions give."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from checks.imaging.normalise import (
    MARGIN,
    _alpha_distance_maps,
    _plane_distance,
    crop_view,
    distance_map,
    flatten,
    prepare,
    reduce_for_hashing,
)


def _rgba(seed: int, shape: tuple[int, int] = (37, 53)) -> np.ndarray:
    """Random RGBA in 0..1 as reduce_for_hashing makes it (k/255 in float32)."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (*shape, 4)).astype(np.float32) / 255.0


def _planes(rgba: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(rgba, 2, 0))


def test_alpha_maps_equal_flatten_then_distance_bit_for_bit() -> None:
    for seed in range(5):
        rgba = _rgba(seed)
        on_white, on_black = _alpha_distance_maps(_planes(rgba))
        white, black = np.ones(3, np.float32), np.zeros(3, np.float32)
        assert np.array_equal(on_white, distance_map(flatten(rgba, (1.0, 1.0, 1.0)), white))
        assert np.array_equal(on_black, distance_map(flatten(rgba, (0.0, 0.0, 0.0)), black))


def test_plane_distance_equals_distance_map() -> None:
    rgba = _rgba(9)
    for colour in (np.asarray([0.2, 0.5, 0.9], np.float32), np.ones(3, np.float32)):
        assert np.array_equal(
            _plane_distance(_planes(rgba), colour), distance_map(rgba[..., :3], colour)
        )


def test_crop_view_crops_to_content_and_pads_by_margin() -> None:
    distance = np.zeros((40, 60), np.float32)
    distance[10:20, 5:45] = np.linspace(0.3, 1.0, 40, dtype=np.float32)[None, :]
    view = crop_view(distance)
    assert view is not None
    pad_y, pad_x = max(1, round(MARGIN * 10)), max(1, round(MARGIN * 40))
    assert view.distance.shape == (10 + 2 * pad_y, 40 + 2 * pad_x)
    assert view.distance.dtype == np.float32
    assert view.aspect == 4.0
    inner = view.distance[pad_y:-pad_y, pad_x:-pad_x]
    assert np.array_equal(inner, distance[10:20, 5:45])
    assert view.distance.sum() == inner.sum()  # the margin is background
    assert crop_view(np.zeros((8, 8), np.float32)) is None


def test_reduce_accepts_any_mode_and_caps_the_long_side() -> None:
    rgb = Image.new("RGB", (512, 256), (255, 0, 0))
    reduced = reduce_for_hashing(rgb)
    assert reduced.shape == (64, 128, 4) and reduced.dtype == np.float32
    assert np.allclose(reduced[0, 0], [1.0, 0.0, 0.0, 1.0])
    grey = reduce_for_hashing(Image.new("L", (10, 10), 0))
    assert np.allclose(grey[..., 3], 1.0)


def test_transparent_and_flattened_logo_share_a_view() -> None:
    """A dark mark on transparency and the same mark on white give the same distance map."""
    image = Image.new("RGBA", (120, 60), (0, 0, 0, 0))
    ImageDraw.Draw(image).polygon([(10, 50), (60, 5), (110, 50)], fill=(20, 20, 120, 255))
    on_white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    on_white.alpha_composite(image)
    transparent, flat = prepare(image), prepare(on_white.convert("RGB"))
    assert transparent.views and flat.views
    shapes = {v.distance.shape for v in transparent.views}
    assert flat.views[0].distance.shape in shapes
