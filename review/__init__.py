"""The reviewers' web page: log in, correct what the machine found, keep every correction."""

from __future__ import annotations

from thidua.review.app import create_app

__all__ = ["create_app"]
