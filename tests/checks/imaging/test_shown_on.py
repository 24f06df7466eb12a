"""A picture shown on a solid colour by table: the very bytes the float32 compositing gives."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from brandaudit.checks.imaging.picture import flatten
from brandaudit.checks.imaging.references.shown_on import shown_on, shown_on_array


def _composited(rgba: np.ndarray, background: tuple[float, float, float]) -> np.ndarray:
    """views.flatten on the 0..1 picture, rounded to 8 bits (cut_views.picture)."""
    rgb = flatten(np.asarray(rgba, dtype=np.float32) / 255.0, background)
    return np.round(rgb * 255).astype(np.uint8)


@pytest.mark.parametrize(
    "background",
    [(1.0, 1.0, 1.0), (0.5, 0.5, 0.5), (0.0, 0.0, 0.0), (12 / 255, 200 / 255, 77 / 255)],
)
def test_every_value_and_alpha_gives_the_composited_byte(background) -> None:
    value, alpha = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
    rgba = np.stack([value, 255 - value, value[::-1], alpha], axis=-1).astype(np.uint8)
    assert np.array_equal(shown_on_array(rgba, background), _composited(rgba, background))


def test_a_picture_in_any_mode_is_read_as_rgba() -> None:
    rng = np.random.default_rng(3)
    rgba = rng.integers(0, 256, (40, 70, 4), dtype=np.uint8)
    picture = Image.fromarray(rgba, "RGBA")
    shown = shown_on(picture, (0.2, 0.4, 0.9))
    assert shown.mode == "RGB" and shown.size == (70, 40)
    assert np.array_equal(np.asarray(shown), _composited(rgba, (0.2, 0.4, 0.9)))
    grey = picture.convert("L")
    expected = _composited(np.asarray(grey.convert("RGBA")), (1.0, 1.0, 1.0))
    assert np.array_equal(np.asarray(shown_on(grey, (1.0, 1.0, 1.0))), expected)


def test_a_background_must_be_three_channels() -> None:
    with pytest.raises(ValueError, match="three channels"):
        shown_on_array(np.zeros((2, 2, 4), dtype=np.uint8), (1.0, 1.0))
