"""Prefect flows: they only wire the stages (inbox, originals, readers, extractors, matching, results)."""
