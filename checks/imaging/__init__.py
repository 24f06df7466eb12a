"""Image decoding, normalisation, perceptual hashing and logo matching for the logo checks."""
