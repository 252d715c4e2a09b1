"""The report extractor's weights come from the [report] part of the pipeline config, checked on load."""

from __future__ import annotations

import pytest

from thidua.core.errors import ConfigError
from thidua.extractors.report.config import HeaderWeights, _section, report_config


def test_confidences_are_probabilities() -> None:
    config = report_config()
    values = [
        config.ocr_factor,
        *vars_of(config.header),
        *vars_of(config.period),
        *vars_of(config.statements),
        *vars_of(config.task_tables),
        *vars_of(config.figures),
        config.unit.unnamed_confidence,
        config.unit.max_confidence,
    ]
    assert all(0.0 < v <= 1.0 for v in values)
    assert config.unit.zone_weight["recipients"] == 0.0  # "Nơi nhận" lists never vote
    assert config.unit.zone_weight["header"] > config.unit.zone_weight["title"] > config.unit.zone_weight["body"]


def test_a_missing_weight_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="report.header"):
        _section(HeaderWeights, {"doc_number_in_header": 0.9}, "report.header")


def vars_of(weights: object) -> list[float]:
    """The float fields of a weights dataclass."""
    return [getattr(weights, name) for name in weights.__slots__]  # type: ignore[attr-defined]
