"""The report extractor's weights and confidences, read from the [report] part of patterns/pipeline.cfg."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import spacy

from thidua.core.errors import ConfigError
from thidua.core.lexicon import LEXICON_FILE
from thidua.extractors.nlp import PATTERNS_DIR, PIPELINE_CONFIG


@dataclass(frozen=True, slots=True)
class HeaderWeights:
    """Confidences of the document number and the report date."""

    doc_number_in_header: float
    doc_number_elsewhere: float
    doc_number_no_serial: float
    date_place_line: float
    date_in_header: float


@dataclass(frozen=True, slots=True)
class UnitWeights:
    """The vote for the reporting unit: weights of mentions by zone, bonuses, caps and confidence bounds."""

    opening: float
    seat: float
    subject: float
    body_cap: float
    named_floor: float
    unnamed_confidence: float
    max_confidence: float
    zone_weight: dict[str, float]


@dataclass(frozen=True, slots=True)
class PeriodWeights:
    """Confidences of a period phrase by where it was found."""

    title: float
    opening: float
    closing: float


@dataclass(frozen=True, slots=True)
class StatementWeights:
    """Confidences of prose task statements."""

    cue: float
    implicit: float


@dataclass(frozen=True, slots=True)
class TaskTableWeights:
    """Confidences of task-table rows by where their status came from."""

    status_column: float
    mark_column: float
    row_cue: float
    default: float


@dataclass(frozen=True, slots=True)
class FigureWeights:
    """Confidences of counts in prose and in award tables."""

    prose: float
    table: float
    #: A table count that does not add up to the table's own total row, or an unreadable OCR'd cell.
    unchecked: float


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """All weights and confidences of the report extractor."""

    ocr_factor: float
    header: HeaderWeights
    unit: UnitWeights
    period: PeriodWeights
    statements: StatementWeights
    task_tables: TaskTableWeights
    figures: FigureWeights


_T = TypeVar("_T")


def _section(cls: type[_T], data: dict[str, Any], name: str) -> _T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]  # cls is one of the dataclasses above
    missing, unknown = names - set(data), set(data) - names
    if missing or unknown:
        raise ConfigError(f"mục [{name}] sai: thiếu {sorted(missing)}, thừa {sorted(unknown)}", PIPELINE_CONFIG)
    return cls(**{k: dict(v) if isinstance(v, dict) else float(v) for k, v in data.items()})


@functools.lru_cache(maxsize=1)
def report_config() -> ReportConfig:
    """The [report] part of the pipeline config, read once per process."""
    try:
        config = spacy.util.load_config(PIPELINE_CONFIG, overrides={"paths.patterns": str(PATTERNS_DIR), "paths.lexicon": str(LEXICON_FILE)}, interpolate=True)
        data = dict(config["report"])
        return ReportConfig(
            ocr_factor=float(data["ocr_factor"]),
            header=_section(HeaderWeights, data["header"], "report.header"),
            unit=_section(UnitWeights, data["unit"], "report.unit"),
            period=_section(PeriodWeights, data["period"], "report.period"),
            statements=_section(StatementWeights, data["statements"], "report.statements"),
            task_tables=_section(TaskTableWeights, data["task_tables"], "report.task_tables"),
            figures=_section(FigureWeights, data["figures"], "report.figures"),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"không đọc được mục [report] của cấu hình ({exc})", PIPELINE_CONFIG) from None
