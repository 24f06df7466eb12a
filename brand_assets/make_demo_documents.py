"""Regenerate the demo's documents: the brochure PDF, the campaign banners, the shop-sign photo.

Run `python -m brandaudit.brand_assets.make_demo_documents` (needs reportlab, from the test
extra, and the WenQuanYi font for the Chinese banner: Debian `fonts-wqy-zenhei`). Outputs are
committed, so the demo and the tests need neither at run time. Same inputs, same bytes:
the PDF's dates and ids are fixed (reportlab `invariant`), the photo's noise is seeded.

Planted (brand_assets/demo_site/planted.json): the brochure's page 2 misspells the name
("NovaBrigde") and prints the retired 2019 logo; `banner-campaign.png` misquotes the slogan
in English, `zh/banner.png` in Chinese; `banner-welcome.png` quotes it right and must stay
silent; the sample guideline's offline photo `documents/shop-sign.jpg` misspells the name.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR

LATIN_FONT = DEMO_SITE_DIR / "fonts" / "novabridge-sans.ttf"
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
NAVY, BLUE, WHITE = (10, 31, 68), (11, 95, 255), (255, 255, 255)


def draw_banner(
    text: str,
    font: Path,
    size: int,
    background: tuple[int, int, int],
    colour: tuple[int, int, int],
    canvas: tuple[int, int] = (1200, 360),
    subtitle: str = "",
) -> Image.Image:
    """A hero banner: one line of large text (and an optional smaller one) on a flat ground
    with a soft diagonal band, as campaign banners are made."""
    image = Image.new("RGB", canvas, background)
    draw = ImageDraw.Draw(image)
    band = tuple(min(255, c + 18) if sum(background) < 380 else max(0, c - 14) for c in background)
    draw.polygon(
        [
            (canvas[0] * 0.65, 0),
            (canvas[0], 0),
            (canvas[0], canvas[1]),
            (canvas[0] * 0.8, canvas[1]),
        ],
        fill=band,
    )
    face = ImageFont.truetype(str(font), size)
    top = canvas[1] // 2 - size // 2 - (size // 3 if subtitle else 0)
    draw.text((60, top), text, font=face, fill=colour)
    if subtitle:
        small = ImageFont.truetype(str(LATIN_FONT), max(14, size // 3))
        draw.text((62, top + int(size * 1.4)), subtitle, font=small, fill=colour)
    return image


def shop_sign_photo(text: str, seed: int = 7) -> Image.Image:
    """A photographed shop sign: a lit panel on a brick-ish wall, slightly turned, with
    sensor noise and a soft focus."""
    rng = random.Random(seed)
    wall = Image.new("RGB", (1000, 640), (120, 72, 58))
    draw = ImageDraw.Draw(wall)
    for row in range(0, 640, 40):
        offset = 0 if (row // 40) % 2 else 45
        for col in range(-offset, 1000, 90):
            shade = rng.randint(-18, 18)
            draw.rectangle(
                [col + 2, row + 2, col + 88, row + 38], fill=(130 + shade, 78 + shade, 62 + shade)
            )
    panel = draw_banner(
        text, LATIN_FONT, 72, WHITE, NAVY, canvas=(820, 220), subtitle="Cloud studio · now open"
    )
    wall.paste(panel, (90, 200))
    turned = wall.rotate(2.5, resample=Image.Resampling.BICUBIC, fillcolor=(90, 60, 50))
    noise = Image.effect_noise(turned.size, 12).convert("RGB")
    photo = Image.blend(turned, noise, 0.06).filter(ImageFilter.GaussianBlur(0.8))
    return photo


def brochure_pdf() -> bytes:
    """Two A4 pages of real PDF text; page 2 plants the misspelt name and the retired logo."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("NovaSans", str(LATIN_FONT)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle("NovaBridge Cloud brochure")
    _width, height = A4
    logos = DEMO_SITE_DIR / "img"
    # Page 1: everything right.
    pdf.drawImage(
        ImageReader(str(logos / "logo-horizontal.png")), 56, height - 110, 200, 50, mask="auto"
    )
    pdf.setFont("NovaSans", 22)
    pdf.drawString(56, height - 170, "NovaBridge Cloud")
    pdf.setFont("NovaSans", 12)
    lines = [
        "Bridges that carry ideas.",
        "NovaBridge Cloud links your teams, your data and your customers.",
        "Call us on +44 20 7946 0321 or write to hello@novabridge.example.",
    ]
    for index, line in enumerate(lines):
        pdf.drawString(56, height - 210 - 20 * index, line)
    pdf.showPage()
    # Page 2: the misspelt name and the retired logo.
    pdf.setFont("NovaSans", 18)
    pdf.drawString(56, height - 80, "Why teams choose us")
    pdf.setFont("NovaSans", 12)
    pdf.drawString(56, height - 120, "NovaBrigde Cloud keeps every project in one place.")
    pdf.drawString(56, height - 140, "Our studio in London opens every weekday.")
    pdf.drawImage(ImageReader(str(logos / "logo-2019.png")), 56, height - 260, 320, 80, mask="auto")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def main() -> None:
    (DEMO_SITE_DIR / "docs").mkdir(exist_ok=True)
    (DEMO_SITE_DIR / "docs" / "brochure.pdf").write_bytes(brochure_pdf())
    img = DEMO_SITE_DIR / "img"
    draw_banner("Bridges that carry bright ideas.", LATIN_FONT, 60, NAVY, WHITE).save(
        img / "banner-campaign.png", optimize=True
    )
    draw_banner("Bridges that carry ideas.", LATIN_FONT, 60, WHITE, BLUE).save(
        img / "banner-welcome.png", optimize=True
    )
    draw_banner("承载创意的大桥梁。", CJK_FONT, 60, WHITE, BLUE).save(
        DEMO_SITE_DIR / "zh" / "banner.png", optimize=True
    )
    (SAMPLE_DIR / "documents").mkdir(exist_ok=True)
    shop_sign_photo("NovaBrdge").save(SAMPLE_DIR / "documents" / "shop-sign.jpg", quality=82)


if __name__ == "__main__":
    main()
