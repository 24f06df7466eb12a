"""Shared text machinery for the text and fact checks.

normalise (folding with an offset map back to the original), protected (URLs, domains,
e-mails, file names, handles, hashtags, code), tokens and names (brand-name variants),
phrases (slogans inside longer text), chinese (script conversion), contact (phones,
e-mails, addresses), blocks (iterating text blocks and building findings).
"""
