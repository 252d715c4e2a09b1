"""JSON-ready values from dataclasses: one conversion instead of a hand-written `to_json` per class."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any


def jsonable(value: Any, digits: int = 3) -> Any:
    """`value` with dates as ISO strings, floats rounded to `digits`, dataclasses as dicts, recursively."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name), digits) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {str(k): jsonable(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v, digits) for v in value]
    raise TypeError(f"not JSON-ready: {type(value).__name__}")


def whole_or_float(value: float) -> float | int:
    """A count as an int (5.0 -> 5), any other number as it is."""
    return int(value) if float(value).is_integer() else value
