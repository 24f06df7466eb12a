"""Regenerate the demo site's images from the sample brand's logos.

Run `python -m brand_assets.make_demo_images` after changing a logo. The outputs are
committed, so the demo and the tests need neither this script nor cairosvg at run time.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import cairosvg
import numpy as np
from PIL import Image, ImageDraw

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR

IMG = DEMO_SITE_DIR / "img"


def render_svg(path: Path, width: int) -> Image.Image:
    png = cairosvg.svg2png(url=str(path), output_width=width)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def recolour(
    image: Image.Image, old: tuple[int, int, int], new: tuple[int, int, int]
) -> Image.Image:
    """Swap one brand colour for another: the classic 'someone recoloured our logo'."""
    out = image.copy()
    pixels = out.load()
    for y in range(out.height):
        for x in range(out.width):
            r, g, b, a = pixels[x, y]
            if a and abs(r - old[0]) + abs(g - old[1]) + abs(b - old[2]) < 90:
                pixels[x, y] = (*new, a)
    return out


def cut_edges(image: Image.Image, shares: tuple[float, float, float, float]) -> Image.Image:
    """The logo cut into at its edges (left, top, right, bottom shares of its content box),
    as a too-small container or a careless crop shows it, flattened on white."""
    left, top, right, bottom = image.getchannel("A").getbbox()
    width, height = right - left, bottom - top
    cut = image.crop(
        (
            left + round(width * shares[0]),
            top + round(height * shares[1]),
            right - round(width * shares[2]),
            bottom - round(height * shares[3]),
        )
    )
    return on_colour(cut, (255, 255, 255))


def padded(image: Image.Image, share: float) -> Image.Image:
    """The logo with a wide white margin, as a press kit or a CMS thumbnail saves it."""
    margin = round(share * max(image.size))
    canvas = Image.new("RGBA", (image.width + 2 * margin, image.height + 2 * margin))
    canvas.alpha_composite(image, (margin, margin))
    return on_colour(canvas, (255, 255, 255))


def reversed_logo(image: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    """The one-colour reversed logo on a dark background, as guidelines draw it: the logo in
    white, the white drawing on its tile knocked out so the background shows through."""
    rgba = np.asarray(image, dtype=np.float32)
    luminance = rgba[..., :3] @ np.asarray([0.2126, 0.7152, 0.0722], dtype=np.float32) / 255
    white = np.full_like(rgba, 255)
    white[..., 3] = np.where(luminance < 0.6, rgba[..., 3], 0)
    return on_colour(Image.fromarray(white.astype(np.uint8)), background)


def on_colour(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    canvas = Image.new("RGBA", image.size, (*colour, 255))
    canvas.alpha_composite(image)
    return canvas.convert("RGB")


def partner_logo() -> Image.Image:
    """Another brand's mark (a green triangle and rings): must never be reported as ours."""
    image = Image.new("RGBA", (480, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(10, 110), (60, 10), (110, 110)], fill=(22, 160, 90, 255))
    for i in range(4):
        x = 150 + i * 80
        draw.ellipse([x, 25, x + 70, 95], outline=(40, 40, 40, 255), width=12)
    return image


def photo() -> Image.Image:
    """A photo-like hero image (gradients and noise): no logo in it."""
    rng = random.Random(7)
    image = Image.new("RGB", (1200, 400))
    draw = ImageDraw.Draw(image)
    for y in range(400):
        draw.line([(0, y), (1200, y)], fill=(30 + y // 4, 90 + y // 8, 160 - y // 5))
    for _ in range(300):
        x, y, r = rng.randrange(1200), rng.randrange(400), rng.randrange(3, 30)
        shade = rng.randrange(120, 255)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(shade, shade, rng.randrange(200, 255)))
    return image


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    horizontal = render_svg(SAMPLE_DIR / "logos" / "horizontal.svg", 640)
    horizontal.save(IMG / "logo-horizontal.png")
    render_svg(SAMPLE_DIR / "logos" / "2019.svg", 640).save(IMG / "logo-2019.png")
    recolour(horizontal, (0x0B, 0x5F, 0xFF), (0xD9, 0x1E, 0x36)).save(IMG / "logo-red.png")
    # Press kit: a reversed and a padded JPEG copy (both faithful), and two cropped ones.
    reversed_logo(horizontal, (0x0B, 0x1F, 0x44)).save(IMG / "logo-reversed.png")
    padded(horizontal, 0.25).save(IMG / "logo-padded.jpg", quality=70)
    cut_edges(horizontal, (0.02, 0.04, 0.03, 0.02)).save(IMG / "logo-cropped.png")
    cut_edges(horizontal, (0.05, 0.0, 0.0, 0.0)).save(IMG / "logo-side-cut.png")  # one side only
    icon = Image.open(SAMPLE_DIR / "logos" / "icon.png").convert("RGBA")
    icon.save(IMG / "icon.png")
    icon.save(DEMO_SITE_DIR / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    partner_logo().save(IMG / "partner-acme.png")
    photo().save(IMG / "hero.jpg", quality=85)
    (IMG / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


if __name__ == "__main__":
    main()
