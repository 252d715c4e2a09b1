"""The types, errors, settings and text helpers every stage shares (no stage imports another's)."""
