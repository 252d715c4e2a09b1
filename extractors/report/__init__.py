"""Read a district report (a Document) into Findings: unit, period, dates, task statements, award figures.

Pure: no database, no Prefect. The language work is done by the spaCy pipeline of extractors/nlp.py
(cue, period and award patterns are data in extractors/patterns/); this package decides what the
matches mean from where they sit in the document (header, title, body, tables, signature). Weights
and confidences are in the [report] part of extractors/patterns/pipeline.cfg.

One module a concern:
- view: the document as pieces of text in zones (header, title, body, recipients, signature).
- header: document number and report date; unit: the vote for the reporting unit; period.
- statements: task statements in running text (noise: cue clauses that report no task, dropped); task_tables: one statement per task-table row.
- own_awards: another body's award read back as the unit's own when the report is that body's.
- figures: award counts in running text; award_tables: counts in award tables; ocr_words: a scanned
  table's abbreviations misread by one letter.
- merge: counts summed into one Figure per metric (awards only proposed into `Findings.proposals`).
  When a metric is in an award table, prose mentions of the same metric are taken to restate the
  table and are not added.
"""

from __future__ import annotations

from thidua.core.document import Document
from thidua.core.findings import Findings
from thidua.core.units import UnitSpec
from thidua.extractors.nlp import get_nlp
from thidua.extractors.report.award_tables import table_figures
from thidua.extractors.report.config import report_config
from thidua.extractors.report.figures import period_covers, prose_figures
from thidua.extractors.report.header import doc_number, report_date
from thidua.extractors.report.merge import merge_figures, merge_proposals
from thidua.extractors.report.ocr_words import repair_abbreviations
from thidua.extractors.report.own_awards import restore_own_awards
from thidua.extractors.report.period import report_period
from thidua.extractors.report.statements import prose_tasks
from thidua.extractors.report.task_tables import table_tasks
from thidua.extractors.report.unit import reporting_unit
from thidua.extractors.report.view import build_view

__all__ = ["extract_findings"]


def extract_findings(doc: Document, units: list[UnitSpec]) -> Findings:
    """Find the unit, period, report date, document number, task statements and figures of a report."""
    view = build_view(doc, report_config())
    nlp = get_nlp()
    if doc.ocr:  # a scanned table's abbreviations misread by one letter ("LUTT") read as they were written
        for p in view.pieces:
            if p.span.row is not None:
                p.text = repair_abbreviations(p.text)
    texts = [p.text for p in view.pieces]
    for piece, parsed in zip(view.pieces, nlp.pipe(texts, batch_size=256)):
        piece.doc = parsed
    out = Findings(source=doc.source, format=doc.format.value, ocr=doc.ocr, warnings=list(doc.warnings))
    out.doc_number = doc_number(view)
    out.report_date = report_date(view)
    view.report_date = out.report_date.value if out.report_date else None
    out.period = report_period(view)
    if out.period is not None:
        view.year = out.period.value.year
    elif view.report_date:
        view.year = view.report_date.year
    out.unit = reporting_unit(view, units)
    view.units, view.unit_name = units, out.unit.value if out.unit else None
    restore_own_awards(view)
    award_tables, counted = table_figures(view)
    out.tasks = prose_tasks(view) + table_tasks(view, award_tables)
    prose = prose_figures(view, award_tables)
    out.figures = merge_figures(counted, prose, cumulative_rank=period_covers(out.period.value.kind if out.period else None))
    out.proposals = merge_proposals(counted, prose)
    out.warnings.extend(view.warnings)
    if out.unit is None and view.foreign_issuer:
        out.warnings.append(f"đơn vị ban hành «{view.foreign_issuer}» không thuộc Cụm thi đua")
    elif out.unit is None:
        out.warnings.append("không xác định được đơn vị báo cáo")
    if out.period is None:
        out.warnings.append("không xác định được kỳ báo cáo")
    if out.report_date is None:
        out.warnings.append("không xác định được ngày ban hành báo cáo")
    return out.locate(doc)
