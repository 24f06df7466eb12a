"""Logo bench transforms: a logo as the web shows it (sizes, formats, backgrounds, crops),
photo-like distractors and hero banners, each encoded to bytes as a crawl stores them.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable

import numpy as np
from logo_bench_data import Brand
from logo_bench_reversal import hull, reversed_logo
from PIL import Image, ImageDraw, ImageFilter
from scipy import ndimage

Transform = Callable[[Image.Image, Brand, random.Random], bytes]
_FITTED: dict[tuple[int, int], Image.Image] = {}  # one brand's resized copies (see work_brand)


def fit(image: Image.Image, side: int) -> Image.Image:
    """The image scaled to `side` on its long side (memoised while one brand is worked on)."""
    key = (id(image), side)
    if key not in _FITTED:
        scale = side / max(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        _FITTED[key] = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return _FITTED[key]


def pad(image: Image.Image, share: float, colour=(0, 0, 0, 0)) -> Image.Image:
    margin = max(1, round(share * max(image.size)))
    canvas = Image.new("RGBA", (image.width + 2 * margin, image.height + 2 * margin), colour)
    canvas.alpha_composite(image, (margin, margin))
    return canvas


def luminance(rgb) -> float:
    r, g, b = (c / 255 for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def on(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """Flatten on a colour; a logo that would vanish there is shown reversed, as sites do.

    "Would vanish": its average ink, or a third of its ink, is close in luminance to the
    background; ink painted on the logo's other ink does not count (a white drawing on a
    coloured disc shows on the disc: the logo on white is shown as it is, not reversed to a
    bare disc). A plate logo whose drawing is painted on it (no see-through parts, a second
    colour on the plate, as app icons) is shown as it is: reversed to one colour it would be a
    blank plate. A one-colour plate whose drawing is see-through lines open to its edge (no
    enclosed holes) is no such plate: shown as it is on its own colour it would be a blank
    picture, so it is reversed like any other logo. The reversed logo is one colour, its
    drawing knocked out of its outer ink as brand guidelines draw it (logo_bench_reversal).
    """
    rgba = np.asarray(image, dtype=np.float32)
    alpha = rgba[..., 3] / 255
    ink = alpha > 0.5
    if ink.any():
        holes = ndimage.binary_fill_holes(ink) & ~ink
        rgb = rgba[ink][:, :3] / 255
        plate = holes.sum() < 0.02 * ink.sum() and _fill(ink) > 0.85 and _painted(rgb)
        close, painted = _faint_ink(rgba, ink, luminance(colour))
        weight = np.where(painted, 0.0, alpha)  # painted-on ink shows whatever the page
        mean = (rgba[..., :3] * weight[..., None]).sum(axis=(0, 1)) / max(weight.sum(), 1e-6)
        faint = (close & ~painted).sum() > ink.sum() / 3
        if not plate and (abs(luminance(mean) - luminance(colour)) < 0.25 or faint):
            reverse = (255, 255, 255) if luminance(colour) < 0.5 else (0, 0, 0)
            image = reversed_logo(rgba, reverse)
    canvas = Image.new("RGBA", image.size, (*colour, 255))
    canvas.alpha_composite(image)
    return canvas.convert("RGB")


def _faint_ink(
    rgba: np.ndarray, ink: np.ndarray, background: float
) -> tuple[np.ndarray, np.ndarray]:
    """Ink close in luminance to the background, and the part of it painted on the logo's
    other ink (inside that ink's convex hull): a white ring on a coloured disc shows on the
    disc whatever the page colour, so it cannot make the logo vanish."""
    lum = rgba[..., :3] @ np.asarray([0.2126, 0.7152, 0.0722], dtype=np.float32) / 255
    close = ink & (np.abs(lum - background) < 0.12)
    return close, close & hull(ink & ~close)


def _fill(ink: np.ndarray) -> float:
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return float(ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1].mean())


def _painted(rgb: np.ndarray) -> bool:
    """A second colour painted on the ink: 3 % of its pixels far from its median colour."""
    return bool((np.abs(rgb - np.median(rgb, axis=0)).max(axis=1) > 0.25).mean() > 0.03)


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def brand_rgb(brand: Brand) -> tuple[int, int, int]:
    hex_ = brand.hex or "3366AA"
    return tuple(int(hex_[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def gif(image: Image.Image) -> bytes:
    """A palette GIF with one transparent index, as image editors export it."""
    palette = on(image, (255, 255, 255)).quantize(255)
    mask = np.asarray(image.getchannel("A")) < 128
    indices = np.asarray(palette).copy()
    indices[mask] = 255
    out = Image.fromarray(indices, "P")
    out.putpalette(palette.getpalette())
    return encode(out, "GIF", transparency=255)


def square(image: Image.Image, side: int) -> Image.Image:
    logo = fit(image, side)
    canvas = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    canvas.alpha_composite(logo, ((side - logo.width) // 2, (side - logo.height) // 2))
    return canvas


def crop_sides(image: Image.Image, rng: random.Random, low: float, high: float) -> Image.Image:
    """Cut each side by its own random share in [low, high]: a logo cropped a few percent."""
    left, right = (rng.uniform(low, high) for _ in "lr")
    top, bottom = (rng.uniform(low, high) for _ in "tb")
    return cut_shares(image, left, top, right, bottom)


def crop_one_side(image: Image.Image, rng: random.Random, low: float, high: float) -> Image.Image:
    """Cut one random side by a random share in [low, high] of the logo: a too-narrow
    container (overflow hidden) or a carousel slide cuts a logo on one side, not all four."""
    share = rng.uniform(low, high)
    side = rng.choice("ltrb")
    return cut_shares(image, *(share if s == side else 0.0 for s in "ltrb"))


def cut_shares(
    image: Image.Image, left: float, top: float, right: float, bottom: float
) -> Image.Image:
    """The image with each side cut by its share of the width (left, right) or height."""
    w, h = image.size
    box = (round(w * left), round(h * top), w - round(w * right), h - round(h * bottom))
    return image.crop(box)


TRANSFORMS: dict[str, Transform] = {
    "png_16": lambda im, b, r: encode(pad(fit(im, 16), 0.0), "PNG"),
    "png_32": lambda im, b, r: encode(fit(im, 32), "PNG"),
    "png_64": lambda im, b, r: encode(fit(im, 64), "PNG"),
    "png_256": lambda im, b, r: encode(fit(im, 256), "PNG"),
    "png_1024": lambda im, b, r: encode(fit(im, 1024), "PNG"),
    "jpeg_q75": lambda im, b, r: encode(on(fit(im, 300), (255, 255, 255)), "JPEG", quality=75),
    "jpeg_q35": lambda im, b, r: encode(on(fit(im, 200), (255, 255, 255)), "JPEG", quality=35),
    "webp_q60": lambda im, b, r: encode(fit(im, 256), "WEBP", quality=60),
    "on_white": lambda im, b, r: encode(on(fit(im, 256), (255, 255, 255)), "PNG"),
    "on_black": lambda im, b, r: encode(on(fit(im, 256), (0, 0, 0)), "PNG"),
    "on_grey": lambda im, b, r: encode(on(fit(im, 256), (128, 128, 128)), "PNG"),
    "on_brand": lambda im, b, r: encode(on(fit(im, 256), brand_rgb(b)), "PNG"),
    "padded_25": lambda im, b, r: encode(on(pad(fit(im, 200), 0.25), (255, 255, 255)), "PNG"),
    "cropped_3": lambda im, b, r: encode(  # 2–4 % off each side, about 3 %
        on(crop_sides(fit(im, 256), r, 0.02, 0.04), (255, 255, 255)), "PNG"
    ),
    "cropped_side": lambda im, b, r: encode(  # one side only, 2–6 % of the logo
        on(crop_one_side(fit(im, 256), r, 0.02, 0.06), (255, 255, 255)), "PNG"
    ),
    "gif_palette": lambda im, b, r: gif(fit(im, 128)),
    "ico_favicon": lambda im, b, r: encode(
        square(im, 48), "ICO", sizes=[(16, 16), (32, 32), (48, 48)]
    ),
}
REDESIGN_TRANSFORMS = ("png_256", "png_32", "jpeg_q75", "on_black", "on_brand")


def photo_like(rng: random.Random) -> bytes:
    """Synthetic photo-like picture: smooth noise, gradient sky, blurred shapes."""
    w, h = rng.choice([(64, 64), (320, 240), (640, 360), (800, 600), (256, 256)])
    gen = np.random.default_rng(rng.randrange(1 << 30))
    kind = rng.choice(["noise", "gradient", "shapes"])
    if kind == "noise":
        base = gen.random((h // 8 + 1, w // 8 + 1, 3)) * 255
        img = Image.fromarray(base.astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC)
    elif kind == "gradient":
        y = np.linspace(0, 1, h)[:, None, None]
        top, bottom = gen.random(3) * 255, gen.random(3) * 255
        arr = top * (1 - y) + bottom * y + gen.normal(0, 6, (h, w, 3))
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    else:
        img = Image.new("RGB", (w, h), tuple(gen.integers(0, 255, 3).tolist()))
        draw = ImageDraw.Draw(img)
        for _ in range(12):
            x0, y0 = rng.randrange(w), rng.randrange(h)
            box = (x0, y0, x0 + rng.randrange(10, w), y0 + rng.randrange(10, h))
            draw.ellipse(box, fill=tuple(gen.integers(0, 255, 3).tolist()))
        img = img.filter(ImageFilter.GaussianBlur(3))
    return encode(img, "JPEG", quality=80)


def banner(
    logo: Image.Image | None, rng: random.Random
) -> tuple[bytes, tuple[int, int, int, int] | None]:
    """A 1200×400 hero banner: photo-like background, a text bar, maybe a logo."""
    gen = np.random.default_rng(rng.randrange(1 << 30))
    base = gen.random((6, 16, 3)) * 160 + 60
    img = Image.fromarray(base.astype(np.uint8)).resize((1200, 400), Image.Resampling.BICUBIC)
    img = img.convert("RGBA")
    draw = ImageDraw.Draw(img)
    for i in range(3):
        y = 150 + i * 50
        draw.rectangle((600, y, 600 + rng.randrange(200, 500), y + 24), fill=(255, 255, 255, 230))
    region = None
    if logo is not None:
        plate = fit(logo, rng.randrange(160, 300))
        if rng.random() < 0.5:  # on a plate that contrasts with the logo, as designers do
            shown = np.asarray(on(plate, (255, 255, 255)))
            light = shown.mean() > 235
            plate = pad(plate, 0.15, (40, 40, 40, 255) if light else (255, 255, 255, 255))
        x = rng.randrange(20, max(21, 580 - plate.width))
        y = rng.randrange(20, max(21, 380 - plate.height))
        img.alpha_composite(plate, (x, y))
        region = (x, y, plate.width, plate.height)
    return encode(img.convert("RGB"), "JPEG", quality=85), region
