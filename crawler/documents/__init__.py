"""Documents: PDFs linked from audited sites and the guideline's offline touchpoints
(`touchpoints.documents`: PDFs, scans, photos) read into ordinary page artifacts of
touchpoint kind `document`, so every text and logo check judges them unchanged."""
