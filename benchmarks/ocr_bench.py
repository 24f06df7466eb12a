"""Text in pictures and PDFs: planted misquotes found, false findings, OCR and PDF speed,
and what OCR costs a whole audit.

Usage (from the repo root; needs Debian fonts-wqy-zenhei for the Chinese pictures)::

    flock /tmp/bench.lock .venv/bin/python benchmarks/ocr_bench.py [--seed 1] [--per-cell 1]

1. Pictures: banners and scans generated over fonts (DejaVu Sans/Serif, Liberation Sans/
   Serif/Mono; WenQuanYi Zen Hei/Micro Hei), text sizes, light and dark grounds (flat, a
   diagonal band, a noisy photo-like ground, a scanned page with a slight turn and blur) and
   JPEG qualities, in English, Simplified and Traditional Chinese. Each text has a correct
   version (the approved slogan or name) and a planted one (misquote, misspelt or miscased
   name). Every picture goes through the check's own path (`checks.image_text.run`: detector,
   Tesseract, every text check, the confidence gate) with the cache off. Found: the planted
   picture gets the planted rule; false: a correct picture gets any finding.
2. OCR throughput: pictures per second and CPU seconds per picture (Tesseract is a child
   process: its CPU is counted from RUSAGE_CHILDREN).
   Figures per script (English, Simplified, Traditional) and overall.
   Also the detector alone: share of text pictures it passes, photos it sends on.
3. Audit of an image-heavy site (24 pages, ~100 pictures: photos, logos, a banner on every
   third page) through the CLI: OCR off, OCR on with a cold cache, OCR on again (warm).
4. PDF text extraction: pages per second on a 200-page text PDF.

Figures of session 9 (machine loaded by other helpers, so not under the lock; CPU seconds):
Tesseract only: planted found 46/60 (English 29/30, Simplified 10/15, Traditional 7/15), false
0/60, ~1 CPU s/picture, first run 1.54x CPU. With RapidOCR for pictures where Tesseract reads
Chinese: 58/60 = 96.7 % (English 29/30, Simplified 15/15, Traditional 14/15), false 0/60,
1.71 CPU s/picture (PNG level 6 then); detector passes 120/120 text pictures, sends on 2/73
photos+logo; image-heavy site first run 1.08x CPU of OCR off (batched Tesseract, PNG level 1),
cached re-run 1.05x.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR, SAMPLE_GUIDELINE
from brandaudit.brand_assets.guideline import load_guideline
from brandaudit.checks import image_text
from brandaudit.crawler.artifacts import Box, ImageArtifact, ImageRef, PageArtifact
from brandaudit.crawler.documents.budget import DocumentLimits
from brandaudit.crawler.documents.pdf import read_pdf
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.site_server import serve_site

FONTS = Path("/usr/share/fonts/truetype")
LATIN = [
    FONTS / "dejavu/DejaVuSans.ttf",
    FONTS / "dejavu/DejaVuSans-Bold.ttf",
    FONTS / "dejavu/DejaVuSerif.ttf",
    FONTS / "liberation/LiberationSans-Regular.ttf",
    FONTS / "liberation/LiberationSerif-Bold.ttf",
    FONTS / "liberation/LiberationMono-Regular.ttf",
]
CJK = [FONTS / "wqy/wqy-zenhei.ttc", FONTS / "wqy/wqy-microhei.ttc"]
# (language tag of the page, correct text, [(planted text, rule)])
CASES = [
    (
        "en",
        "Bridges that carry ideas.",
        [
            ("Bridges that carry big ideas.", "text.slogan_misquoted"),
            ("Bridges that carry great ideas.", "text.slogan_misquoted"),
            ("Bridges which carry ideas.", "text.slogan_misquoted"),
        ],
    ),
    (
        "en",
        "Welcome to NovaBridge Cloud",
        [
            ("Welcome to NovaBrigde Cloud", "text.brand_name"),
            ("Welcome to Nova Bridge Cloud", "text.brand_name"),
            ("Welcome to Novabridge Cloud", "text.brand_name"),
        ],
    ),
    (
        "zh-CN",
        "承载创意的桥梁。",
        [
            ("承载创新的桥梁。", "text.slogan_misquoted"),
            ("承载创意之桥梁。", "text.slogan_misquoted"),
            ("承载创意的大桥梁。", "text.slogan_misquoted"),
        ],
    ),
    (
        "zh-TW",
        "承載創意的橋梁。",
        [
            ("承載創新的橋梁。", "text.slogan_misquoted"),
            ("承載創意之橋梁。", "text.slogan_misquoted"),
        ],
    ),
]
SCRIPTS = {"en": "English", "zh-CN": "Simplified", "zh-TW": "Traditional"}
SIZES = (30, 44, 64)
GROUNDS = ("light", "dark", "band", "photo", "scan")
QUALITIES = (90, 60, 35)


def ground(kind: str, size: tuple[int, int], rng: random.Random) -> tuple[Image.Image, tuple]:
    width, height = size
    if kind == "light":
        return Image.new("RGB", size, (250, 250, 247)), (20, 30, 60)
    if kind == "dark":
        return Image.new("RGB", size, (10, 31, 68)), (255, 255, 255)
    if kind == "band":
        image = Image.new("RGB", size, (11, 95, 255))
        ImageDraw.Draw(image).polygon(
            [(width * 0.6, 0), (width, 0), (width, height), (width * 0.75, height)],
            fill=(40, 120, 255),
        )
        return image, (255, 255, 255)
    if kind == "photo":  # smooth, photo-like light ground
        small = np.array(
            [[rng.randint(150, 240) for _ in range(3)] for _ in range(12)], dtype=np.uint8
        ).reshape(3, 4, 3)
        image = Image.fromarray(small).resize(size, Image.Resampling.BICUBIC)
        noise = Image.effect_noise(size, 20).convert("RGB")
        return Image.blend(image, noise, 0.08), (15, 20, 40)
    return Image.new("RGB", size, (236, 233, 224)), (35, 35, 35)  # scan


def picture(text: str, font: Path, size: int, kind: str, quality: int, seed: int) -> bytes:
    rng = random.Random(seed)
    face = ImageFont.truetype(str(font), size)
    _left, _top, right, bottom = face.getbbox(text)
    canvas = (max(600, right + 120), max(220, bottom * 3))
    image, colour = ground(kind, canvas, rng)
    ImageDraw.Draw(image).text((60, canvas[1] // 2 - bottom // 2), text, font=face, fill=colour)
    if kind == "scan":
        image = image.rotate(
            rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor=(236, 233, 224)
        ).filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def judge(data: bytes, lang: str, run_dir: Path, guideline) -> list:  # type: ignore[no-untyped-def]
    import hashlib

    sha = hashlib.sha256(data).hexdigest()
    (run_dir / "blobs").mkdir(parents=True, exist_ok=True)
    (run_dir / "blobs" / sha).write_bytes(data)
    url = f"http://127.0.0.1/{sha[:12]}.html"
    ref = ImageRef(f"http://127.0.0.1/{sha[:12]}.jpg", "img", "main > img", None, Box(600, 200))
    page = PageArtifact(url=url, status=200, lang=lang, images=(ref,))
    image = ImageArtifact(ref.url, 200, "image/jpeg", sha, len(data))
    result = CrawlResult(run_dir=run_dir, pages=[page], images={ref.url: image})
    return list(image_text.run(result, guideline))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime + self_usage.ru_utime + self_usage.ru_stime


def bench_pictures(seed: int, per_cell: int) -> None:
    os.environ["BRANDAUDIT_CACHE"] = "off"
    guideline = load_guideline(SAMPLE_GUIDELINE)
    rng = random.Random(seed)
    stats: dict[str, list[int]] = {}
    found = planted = false = correct = 0
    misses, false_hits = [], []
    count = 0
    cpu0, wall0 = children_cpu(), time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for lang, good, bad in CASES:
            fonts = CJK if lang.startswith("zh") else LATIN
            for kind, size in itertools.product(GROUNDS, SIZES):
                for _ in range(per_cell):
                    font, quality = rng.choice(fonts), rng.choice(QUALITIES)
                    variants = [(good, None), rng.choice(bad)]
                    for text, rule in variants:
                        data = picture(text, font, size, kind, quality, rng.randint(0, 10**6))
                        findings = judge(data, lang, Path(tmp) / str(count), guideline)
                        count += 1
                        key = f"{lang:5} {kind:5}"
                        cell = stats.setdefault(key, [0, 0, 0, 0])
                        if rule is None:
                            correct += 1
                            cell[2] += 1
                            if findings:
                                false += 1
                                cell[3] += 1
                                false_hits.append(
                                    (
                                        text,
                                        font.name,
                                        size,
                                        kind,
                                        quality,
                                        [f.evidence.get("found") for f in findings],
                                    )
                                )
                        else:
                            planted += 1
                            cell[0] += 1
                            if any(f.rule == rule for f in findings):
                                found += 1
                                cell[1] += 1
                            else:
                                misses.append((text, font.name, size, kind, quality))
    wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
    print("== pictures (check path: detector + Tesseract + text checks + confidence gate)")
    print(f"{'lang ground':12} found/planted  false/correct")
    for key, (p_n, p_f, c_n, c_f) in sorted(stats.items()):
        print(f"{key:12} {p_f:3}/{p_n:<3}         {c_f:3}/{c_n:<3}")
    by_script: dict[str, list[int]] = {}
    for key, cell in stats.items():
        totals = by_script.setdefault(SCRIPTS[key.split()[0]], [0, 0, 0, 0])
        for index, value in enumerate(cell):
            totals[index] += value
    for script, (p_n, p_f, c_n, c_f) in by_script.items():
        print(f"{script:12} planted found {p_f}/{p_n} = {100 * p_f / p_n:.1f} %, false {c_f}/{c_n}")
    print(f"planted found: {found}/{planted} = {100 * found / planted:.1f} %   (target >= 90 %)")
    print(
        f"false findings on correct pictures: {false}/{correct} = {100 * false / correct:.1f} %"
        "   (target <= 2 %)"
    )
    print(
        f"OCR throughput: {count / wall:.2f} pictures/s wall, {cpu / count:.2f} CPU s/picture "
        f"({count} pictures, {wall:.1f} s wall, {cpu:.1f} CPU s)"
    )
    for miss in misses[:12]:
        print("  missed:", miss)
    for hit in false_hits[:12]:
        print("  false:", hit)


def bench_detector(seed: int) -> None:
    """The cheap detector's "has text" call: recall on the bench's text pictures, and how
    many of the image-heavy site's photos (no text) it still sends to OCR."""
    from brandaudit.checks.ocr.detector import detect_text
    from brandaudit.checks.ocr.read import _prepare

    rng = random.Random(seed)
    texts = []
    for lang, good, bad in CASES:
        fonts = CJK if lang.startswith("zh") else LATIN
        for kind, size in itertools.product(GROUNDS, SIZES):
            font, quality = rng.choice(fonts), rng.choice(QUALITIES)
            for text in (good, rng.choice(bad)[0]):
                texts.append(picture(text, font, size, kind, quality, rng.randint(0, 10**6)))
    with tempfile.TemporaryDirectory() as tmp:
        make_site(Path(tmp), seed)
        photos = [path.read_bytes() for path in sorted((Path(tmp) / "img").glob("photo-*"))]
        photos.append((Path(tmp) / "img" / "logo.png").read_bytes())
    started = time.process_time()
    passed = sum(detect_text(np.asarray(_prepare(data))).likely for data in texts)
    flagged = sum(detect_text(np.asarray(_prepare(data))).likely for data in photos)
    per = (time.process_time() - started) / (len(texts) + len(photos))
    print("== text detector (decode + detect, before any OCR)")
    print(
        f"text pictures passed: {passed}/{len(texts)} = {100 * passed / len(texts):.1f} %; "
        f"photos and logo without text sent on: {flagged}/{len(photos)}; "
        f"precision {100 * passed / max(1, passed + flagged):.1f} %; "
        f"{1000 * per:.1f} CPU ms per picture"
    )


def make_site(root: Path, seed: int) -> None:
    """24 pages, each with the logo, three photos and (every third page) a text banner."""
    rng = random.Random(seed)
    img = root / "img"
    img.mkdir(parents=True)
    (img / "logo.png").write_bytes((DEMO_SITE_DIR / "img" / "logo-horizontal.png").read_bytes())
    for index in range(72):
        small = np.array([rng.randint(0, 255) for _ in range(48)], dtype=np.uint8).reshape(4, 4, 3)
        photo = Image.fromarray(small).resize((800, 500), Image.Resampling.BICUBIC)
        photo = Image.blend(photo, Image.effect_noise((800, 500), 40).convert("RGB"), 0.15)
        photo.save(img / f"photo-{index}.jpg", quality=80)
    for index in range(8):
        (img / f"banner-{index}.jpg").write_bytes(
            picture(
                "Bridges that carry ideas.",
                LATIN[index % len(LATIN)],
                56,
                GROUNDS[index % 4],
                85,
                index,
            )
        )
    for page in range(24):
        photos = "".join(
            f'<img src="/img/photo-{page * 3 + k}.jpg" width="400" height="250" alt="Photo">'
            for k in range(3)
        )
        banner = f'<img src="/img/banner-{page // 3}.jpg" alt="Banner">' if page % 3 == 0 else ""
        links = "".join(f'<a href="/p{n}.html">Page {n}</a>' for n in range(24))
        html = (
            f'<!DOCTYPE html><html lang="en"><head><title>Page {page}</title></head><body>'
            f'<img src="/img/logo.png" width="160" height="40" alt="NovaBridge">'
            f"<main><p>NovaBridge page {page}.</p>{banner}{photos}</main><nav>{links}</nav>"
            "</body></html>"
        )
        (root / ("index.html" if page == 0 else f"p{page}.html")).write_text(html)


def bench_audit(seed: int) -> None:
    print("== audit of an image-heavy site through the CLI (--render never)")
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        make_site(site_dir, seed)
        guideline = Path(tmp) / "brand.yaml"
        text = SAMPLE_GUIDELINE.read_text().replace("logos/", f"{SAMPLE_DIR}/logos/")
        guideline.write_text(text.replace("documents: [documents/shop-sign.jpg]", "documents: []"))
        cache = Path(tmp) / "cache.sqlite"
        with serve_site(site_dir) as site:
            warmup = {"BRANDAUDIT_OCR": "off", "BRANDAUDIT_CACHE": str(cache)}
            _audit(site.base_url, guideline, Path(tmp) / "warm", warmup)  # logo hashes cached
            runs = []
            for label, env in (
                ("OCR off", {"BRANDAUDIT_OCR": "off"}),
                ("OCR on, cold OCR cache", {}),
                ("OCR on, warm OCR cache", {}),
            ):
                wall, cpu, report = _audit(
                    site.base_url,
                    guideline,
                    Path(tmp) / label,
                    {**env, "BRANDAUDIT_CACHE": str(cache)},
                )
                runs.append((label, wall, cpu))
                print(
                    f"{label:24} {wall:6.1f} s wall {cpu:6.1f} CPU s   "
                    f"{report['summary']['images']} pictures, "
                    f"{len(report['findings'])} findings"
                )
        base = runs[0]
        for label, wall, cpu in runs[1:]:
            print(
                f"{label:24} {wall / base[1]:.2f}x wall, {cpu / base[2]:.2f}x CPU of OCR off"
                "   (target <= 1.3x)"
            )


def _audit(url: str, guideline: Path, out: Path, env: dict[str, str]):  # type: ignore[no-untyped-def]
    before, started = children_cpu(), time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "brandaudit",
            "audit",
            "--guideline",
            str(guideline),
            url,
            "--out",
            str(out),
            "--render",
            "never",
            "--no-history",
        ],
        env={**os.environ, **env},
        capture_output=True,
        check=False,
    )
    wall, cpu = time.perf_counter() - started, children_cpu() - before
    return wall, cpu, json.loads((out / "report.json").read_text())


def bench_pdf() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(200):
        for line in range(45):
            pdf.drawString(
                56,
                800 - 16 * line,
                f"Page {page + 1}, line {line + 1}: NovaBridge "
                "Cloud carries your ideas from the studio to your customers.",
            )
        pdf.showPage()
    pdf.save()
    data = buffer.getvalue()
    limits = DocumentLimits(max_rendered_pages=0)
    started, cpu0 = time.perf_counter(), time.process_time()
    read = read_pdf(data, "http://127.0.0.1/catalogue.pdf", limits=limits)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
    assert read.page is not None
    lines = len(read.page.text_blocks)
    print("== PDF text extraction (pypdfium2, lines with boxes)")
    print(f"200 pages, {lines} lines: {200 / wall:.0f} pages/s wall, {200 / cpu:.0f} pages/s CPU")
    started = time.perf_counter()
    read_pdf(data, "http://127.0.0.1/catalogue.pdf", limits=DocumentLimits(max_rendered_pages=20))
    print(f"with 20 pages rendered for the logo checks: {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-cell", type=int, default=1, help="pictures per (ground, size)")
    parser.add_argument("--parts", default="pdf,detector,pictures,audit", help="which parts to run")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if "pdf" in parts:
        bench_pdf()
    if "detector" in parts:
        bench_detector(args.seed)
    if "pictures" in parts:
        bench_pictures(args.seed, args.per_cell)
    if "audit" in parts:
        bench_audit(args.seed)


if __name__ == "__main__":
    main()
