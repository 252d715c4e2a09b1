"""Scoring the districts with a year's scoring table, and the secretariat's exports.

- `scoring.table`: the scoring table file (TOML): criteria, maximum points, rules, deadlines, targets.
- `scoring.compute`: points per unit and criterion with evidence, totals, ranks; stored in `scores`.
- `scoring.manual`: reviewers' grades, manual points and report received dates (as corrections).
- `scoring.report`: the score table as rows for the page and the exports.
- `scoring.chart`: the bar chart of totals (PNG).
- `scoring.excel`, `scoring.word`: the Excel workbook and the Decree 30 Word report.
"""
