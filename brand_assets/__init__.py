"""The brand guideline model, and the bundled sample brand and demo site."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).parent / "sample"
SAMPLE_GUIDELINE = SAMPLE_DIR / "brand.yaml"
DEMO_SITE_DIR = Path(__file__).parent / "demo_site"
