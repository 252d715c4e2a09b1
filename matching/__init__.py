"""Matching: a report's task statements against the plan items, with scores and evidence."""

from thidua.matching.matcher import ItemMatch, PlanMatcher, match_details, match_findings

__all__ = ["ItemMatch", "PlanMatcher", "match_details", "match_findings"]
