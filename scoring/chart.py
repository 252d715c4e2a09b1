"""The bar chart of the scores (matplotlib, Agg backend, PNG bytes): totals by section, by rank."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display: the chart is drawn into memory only

import matplotlib.pyplot as plt  # noqa: E402

from thidua.scoring.report import ScoreTable, points_vi  # noqa: E402

#: One colour per section of the table (I, II, III, …), in order.
_COLOURS = ["#2f6db5", "#4fa36b", "#e0a22b", "#8b5fbf", "#d0667a", "#5bb6c4"]
_PENALTY = "#c0392b"


def score_chart_png(view: ScoreTable, *, title: str | None = None, dpi: int = 150) -> bytes:
    """Horizontal stacked bars: each unit's positive points per section, deductions in red, total labelled."""
    sections: list[str] = []
    section_of: dict[str, str] = {}
    for c in view.table.criteria:
        key = c.section or c.id
        section_of[c.id] = key
        if key not in sections:
            sections.append(key)
    rows = list(reversed(view.rows))  # the first rank at the top
    labels = [f"{r.rank}. {r.unit}" for r in rows]
    with plt.rc_context({"font.family": "DejaVu Sans"}):  # has every Vietnamese letter
        return _draw(view, rows, labels, sections, section_of, title, dpi)


def _draw(view: ScoreTable, rows: list, labels: list[str], sections: list[str], section_of: dict[str, str],
          title: str | None, dpi: int) -> bytes:
    fig, ax = plt.subplots(figsize=(8.5, 0.7 * len(rows) + 2.2), dpi=dpi)
    try:
        left = [0.0] * len(rows)
        for si, section in enumerate(sections):
            widths = []
            for r in rows:
                v = sum(
                    max(p or 0.0, 0.0) for (cid, _, _), p in zip(view.columns, r.points) if section_of.get(cid) == section
                )
                widths.append(v)
            ax.barh(labels, widths, left=left, color=_COLOURS[si % len(_COLOURS)], label=f"Mục {section}")
            left = [a + b for a, b in zip(left, widths)]
        penalties = [sum(min(p or 0.0, 0.0) for p in r.points) for r in rows]
        if any(penalties):
            ax.barh(labels, penalties, color=_PENALTY, label="Điểm trừ")
        for y, r in enumerate(rows):
            mark = " *" if r.unreviewed else ""
            ax.text(max(left[y], 0) + 1, y, points_vi(r.total) + mark, va="center", fontsize=9)
        ax.axvline(0, color="#333", linewidth=0.8)
        ax.set_xlabel("Điểm")
        ax.set_title(title or f"Kết quả chấm điểm thi đua năm {view.year}", fontsize=11)
        ax.set_xlim(min(min(penalties, default=0) - 2, 0), max(max(left, default=0), view.table.max_total) * 1.12)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=8, ncols=len(sections) + 1, frameon=False)
        if any(r.unreviewed for r in rows):
            fig.text(0.01, 0.01, "* có điểm dựa trên kết quả máy đọc chưa duyệt", fontsize=7, color="#555")
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


__all__ = ["score_chart_png"]
