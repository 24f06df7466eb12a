"""One adapter module per platform; each exposes `ADAPTER` (see base.Adapter)."""
