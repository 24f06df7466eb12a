"""Logo matching for the logo checks, one sub-package per stage of its pipeline:

- `picture/`: decode untrusted bytes; background-free views of a picture (normalise, views).
- `fingerprints/`: hash bits, fine maps and colours of those views; the on-disk cache.
- `references/`: the extra views a guideline logo is indexed with (cut, reversed, on colour).
- `matching/`: every logo's views in one index; the checks a close logo must pass; the verdict.
- `banner_search/`: logos placed inside larger pictures (regions, mattes, keypoints).

`guideline_logos` builds the guideline's index once; `image_matches` matches a crawl's images.
A stage imports only from the stages above it (tests/test_import_cycles.py keeps it so).
"""
