"""End to end through the CLI: the guideline's offline documents (a PDF, an encrypted PDF,
a photo) are audited beside a local site, and what cannot be read is said."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from reportlab.pdfgen import canvas

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR, SAMPLE_GUIDELINE
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit


def _encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="secret")
    pdf.drawString(72, 720, "Nova Bridge")
    pdf.save()
    return buffer.getvalue()


def test_offline_documents_are_touchpoints_with_the_same_checks(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    (brand / "print").mkdir(parents=True)
    shutil.copytree(SAMPLE_DIR / "logos", brand / "logos")
    shutil.copy(DEMO_SITE_DIR / "docs" / "brochure.pdf", brand / "print" / "brochure.pdf")
    shutil.copy(SAMPLE_DIR / "documents" / "shop-sign.jpg", brand / "print" / "sign.jpg")
    (brand / "print" / "locked.pdf").write_bytes(_encrypted_pdf())
    guideline = SAMPLE_GUIDELINE.read_text(encoding="utf-8").replace(
        "documents: [documents/shop-sign.jpg]",
        "documents: [print/brochure.pdf, print/locked.pdf, print/sign.jpg]",
    )
    (brand / "brand.yaml").write_text(guideline, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Home</title></head>'
        "<body><p>NovaBridge helps teams.</p></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with serve_site(site) as served:
        proc = brandaudit(
            "audit", "--guideline", brand / "brand.yaml", served.base_url,
            "--out", out, "--render", "never", "--no-history",
        )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_url: dict[str, list[dict]] = {}
    for finding in report["findings"]:
        by_url.setdefault(finding["url"], []).append(finding)
    brochure = {(f["rule"], f["location"].get("page")) for f in by_url["print/brochure.pdf"]}
    assert brochure == {("text.brand_name", 2), ("logo.deprecated", 2)}
    (locked,) = by_url["print/locked.pdf"]
    assert locked["rule"] == "crawl.error" and "encrypted" in locked["message"]
    (sign,) = by_url["print/sign.jpg"]
    assert sign["rule"] == "text.brand_name" and sign["evidence"]["found"] == "NovaBrdge"
    assert sign["evidence"]["image_url"] == "print/sign.jpg" and len(sign["location"]["box"]) == 4
    rows = {r["url"]: r for r in report["touchpoints_matrix"] if r["kind"] == "document"}
    assert set(rows) == {"print/brochure.pdf", "print/locked.pdf", "print/sign.jpg"}
    assert rows["print/locked.pdf"]["coverage"] == "none"
    assert "encrypted" in rows["print/locked.pdf"]["notes"][0]


def test_a_listed_document_that_is_missing_stops_the_audit(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yaml"
    text = SAMPLE_GUIDELINE.read_text(encoding="utf-8").replace("logos/", f"{SAMPLE_DIR}/logos/")
    brand.write_text(text.replace("documents/shop-sign.jpg", "print/gone.pdf"), encoding="utf-8")
    proc = brandaudit("audit", "--guideline", brand, "http://127.0.0.1:9/", "--no-history")
    assert proc.returncode == 2
    assert "touchpoints.documents[0]: document not found: print/gone.pdf" in proc.stderr
    assert "Traceback" not in proc.stderr
