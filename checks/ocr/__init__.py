"""Text inside pictures: a cheap detector picks the pictures likely to hold text, Tesseract
(Debian packages, fully offline) reads them, results are cached by content hash."""
