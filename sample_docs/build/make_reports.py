"""Render the hand-written district reports in sources/*.txt into sample_docs/reports/.

Run from the repo root: `.venv/bin/python sample_docs/build/make_reports.py [stem ...]`.
Each source is a small line markup (see README in sources/) holding the document header, the body
and the output format. The `X.expected.json` files beside the outputs are written by hand and are
never touched here.

Formats: docx, pdf_lo (docx -> LibreOffice PDF), pdf_rl (reportlab, DejaVu Serif), scan (docx ->
PDF -> 200 dpi images, degraded, image-only PDF), doc (docx -> LibreOffice "MS Word 97"),
tcvn3_docx / tcvn3_doc (text in TCVN3 bytes with .VnTime/.VnTimeH fonts).
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tcvn3  # noqa: E402
import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

SOURCES = vbhc.BUILD_DIR / "sources"
OUT_DIR = vbhc.SAMPLE_DIR / "reports"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass
class Table:
    """A table block: rows of cell strings, with merge markers '<' (left) and '^' (above)."""

    widths: list[float]
    header_rows: int = 0
    size: float = 12
    rows: list[list[str]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)
    #: False for a table laid out in columns without any rule (`rules=none`), as many typists do.
    ruled: bool = True


@dataclass
class Source:
    """One report source: header fields and body blocks."""

    stem: str
    meta: dict[str, str]
    blocks: list[tuple[str, object]]

    def lines(self, key: str) -> list[str]:
        """A header field split on ' | '."""
        value = self.meta.get(key, "")
        return [v.strip() for v in value.split(" | ")] if value else []


def parse(path: Path) -> Source:
    """Parse the markup of one source file."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        if line.startswith("@"):
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
    blocks: list[tuple[str, object]] = []
    table: Table | None = None
    for raw in body.splitlines():
        line = raw.rstrip()
        if table is not None:
            if line == "[/table]":
                blocks.append(("table", table))
                table = None
            elif line:
                bold = line.startswith("!")
                cells = [c.strip() for c in line.lstrip("!").split("|")]
                if bold:
                    table.bold_rows.add(len(table.rows))
                table.rows.append(cells)
            continue
        if not line:
            continue
        m = re.match(r"\[table (.*)\]$", line)
        if m:
            opts = dict(kv.split("=") for kv in m.group(1).split())
            table = Table(widths=[float(w) for w in opts["widths"].split(",")],
                          header_rows=int(opts.get("header", 0)), size=float(opts.get("size", 12)),
                          ruled=opts.get("rules", "grid") != "none")
        elif line == "[pagebreak]":
            blocks.append(("pagebreak", None))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("> "):
            blocks.append(("italic", line[2:]))
        elif line.startswith("= "):
            blocks.append(("center", line[2:]))
        else:
            blocks.append(("p", line))
    return Source(stem=path.stem, meta=meta, blocks=blocks)


# ---------------------------------------------------------------- Word


class Writer:
    """Text transform applied to every string written (identity, NFD mixing, or TCVN3)."""

    def __init__(self, mode: str = "plain"):
        self.mode = mode
        self.count = 0

    def runs(self, text: str, caps: bool = False) -> list[tuple[str | None, str]]:
        """The runs (font, text) for a string; font None means the document font."""
        self.count += 1
        if self.mode == "tcvn3":
            if caps:
                return [(".VnTimeH", tcvn3.encode_caps(text))]
            return tcvn3.encode_normal(text)
        if self.mode == "nfd" and self.count % 3 != 1:
            return [(None, unicodedata.normalize("NFD", text))]
        return [(None, text)]


def add_runs(p, writer: Writer, text: str, *, bold=False, italic=False, size=None, caps=False):
    """Write text (with **bold** segments) into paragraph p through the writer."""
    for i, part in enumerate(text.split("**")):
        if not part:
            continue
        is_caps = caps or (writer.mode == "tcvn3" and part.isupper() and len(part) > 3)
        for font, chunk in writer.runs(part, caps=is_caps):
            r = p.add_run(chunk)
            vbhc.set_run_font(r, font=font, size=size, bold=bold or (i % 2 == 1), italic=italic)


def w_para(container, writer, text, *, bold=False, italic=False, align=JUSTIFY, indent=1.0, size=None,
           space_after=None):
    """A paragraph through the writer."""
    p = container.add_paragraph()
    p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = vbhc.Cm(indent)
    if space_after is not None:
        p.paragraph_format.space_after = vbhc.Pt(space_after)
    add_runs(p, writer, text, bold=bold, italic=italic, size=size)
    return p


def w_cell(cell, writer, lines, *, bold=False, italic=False, align=LEFT, size=12):
    """Fill a cell with one paragraph per line through the writer."""
    for k, line in enumerate(lines):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = vbhc.Pt(1)
        if line:
            add_runs(p, writer, line, bold=bold, italic=italic, size=size)


def w_table(doc, writer, t: Table):
    """A bordered table with merges."""
    ncols = max(len(r) for r in t.rows)
    table = vbhc.grid(doc, len(t.rows), ncols, t.widths)
    if not t.ruled:
        vbhc.no_borders(table)
    for ri, row in enumerate(t.rows):
        bold = ri < t.header_rows or ri in t.bold_rows
        for ci in range(ncols):
            val = row[ci] if ci < len(row) else ""
            if val in ("<", "^"):
                continue
            lines = val.split("\\n")
            numeric = bool(re.fullmatch(r"[\d.,%()\- ]*", val))
            align = CENTER if (ri < t.header_rows or numeric) else LEFT
            italic = bool(re.fullmatch(r"\(\d+\)", val))
            w_cell(table.cell(ri, ci), writer, lines, bold=bold, italic=italic, align=align, size=t.size)
        if ri < t.header_rows:
            vbhc.repeat_header(table.rows[ri])
    # merges after filling, so merged cells keep the origin's text only
    for ri, row in enumerate(t.rows):
        for ci, val in enumerate(row):
            if val == "<":
                oc = ci - 1
                while row[oc] == "<":
                    oc -= 1
                table.cell(ri, oc).merge(table.cell(ri, ci))
            elif val == "^":
                orr = ri - 1
                while t.rows[orr][ci] == "^":
                    orr -= 1
                table.cell(orr, ci).merge(table.cell(ri, ci))
    return table


def build_docx(src: Source, path: Path, writer: Writer) -> Path:
    """Write the Word file for a source."""
    font = ".VnTime" if writer.mode == "tcvn3" else src.meta.get("font", "Times New Roman")
    size = float(src.meta.get("size", 14))
    doc = vbhc.new_document(font=font, size=size, landscape=src.meta.get("landscape") == "true")
    left = src.lines("left")
    right_w = float(src.meta.get("right_width", 9.5))
    left_w = float(src.meta.get("left_width", 6.5))
    t = doc.add_table(rows=2, cols=2)
    vbhc.no_borders(t)
    vbhc.set_widths(t, [left_w, right_w])
    hsize = size - 1
    lines = []
    for line in left:
        lines.append((line[1:], False) if line.startswith("~") else (line, True))
    lines.append(("_________", False))
    w_cell(t.cell(0, 0), writer, [], size=hsize)
    for k, (line, bold) in enumerate(lines):
        p = t.cell(0, 0).paragraphs[0] if k == 0 else t.cell(0, 0).add_paragraph()
        p.alignment = CENTER
        p.paragraph_format.space_after = vbhc.Pt(0)
        add_runs(p, writer, line, bold=bold, size=hsize, caps=line.isupper())
    motto = src.lines("motto") or ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    for k, line in enumerate(motto + ["_______________________"]):
        p = t.cell(0, 1).paragraphs[0] if k == 0 else t.cell(0, 1).add_paragraph()
        p.alignment = CENTER
        p.paragraph_format.space_after = vbhc.Pt(0)
        add_runs(p, writer, line, bold=k < 2, size=hsize if k == 0 else hsize + 0.5, caps=k == 0)
    w_cell(t.cell(1, 0), writer, src.lines("number"), align=CENTER, size=hsize)
    w_cell(t.cell(1, 1), writer, src.lines("place_date"), italic=True, align=CENTER, size=hsize)
    w_para(doc, writer, "", indent=None)
    for k, line in enumerate(src.lines("title")):
        w_para(doc, writer, line, bold=True, align=CENTER, indent=None, space_after=0)
    w_para(doc, writer, "__________", align=CENTER, indent=None, size=10)
    for kind, value in src.blocks:
        if kind == "p":
            w_para(doc, writer, value)
        elif kind == "h1":
            w_para(doc, writer, value, bold=True)
        elif kind == "h2":
            w_para(doc, writer, value, bold=True)
        elif kind == "h3":
            w_para(doc, writer, value, italic=True, bold=False)
        elif kind == "italic":
            w_para(doc, writer, value, italic=True)
        elif kind == "center":
            w_para(doc, writer, value, bold=True, align=CENTER, indent=None)
        elif kind == "pagebreak":
            vbhc.page_break(doc)
        elif kind == "table":
            w_table(doc, writer, value)
            w_para(doc, writer, "", indent=None, size=6)
    w_para(doc, writer, "", indent=None)
    sig = doc.add_table(rows=1, cols=2)
    vbhc.no_borders(sig)
    vbhc.set_widths(sig, [7.0, 9.2])
    w_cell(sig.cell(0, 0), writer, ["Nơi nhận:"], bold=True, italic=True, size=12)
    for r in src.lines("recipients"):
        p = sig.cell(0, 0).add_paragraph()
        p.paragraph_format.space_after = vbhc.Pt(0)
        add_runs(p, writer, r, size=11)
    sign = src.lines("sign")
    cell = sig.cell(0, 1)
    for k, line in enumerate(sign + ["", "", ""] + [src.meta.get("signer", "")]):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        p.alignment = CENTER
        p.paragraph_format.space_after = vbhc.Pt(0)
        if line:
            add_runs(p, writer, line, bold=True, size=size - 0.5, caps=line.isupper())
    doc.core_properties.author = src.meta.get("author", "")
    doc.core_properties.title = " ".join(src.lines("title"))
    doc.save(path)
    return path


# ---------------------------------------------------------------- reportlab


def build_reportlab_pdf(src: Source, path: Path) -> Path:
    """Write a text PDF directly with reportlab, in DejaVu Serif (has the Vietnamese glyphs)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table as RLTable, TableStyle

    for name, file in [("DejaVuSerif", "DejaVuSerif.ttf"), ("DejaVuSerif-Bold", "DejaVuSerif-Bold.ttf"),
                       ("DejaVuSerif-Italic", "DejaVuSerif-Italic.ttf"),
                       ("DejaVuSerif-BoldItalic", "DejaVuSerif-BoldItalic.ttf")]:
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily("DejaVuSerif", normal="DejaVuSerif", bold="DejaVuSerif-Bold",
                                  italic="DejaVuSerif-Italic", boldItalic="DejaVuSerif-BoldItalic")
    size = float(src.meta.get("size", 12))
    base = ParagraphStyle("base", fontName="DejaVuSerif", fontSize=size, leading=size * 1.35,
                          alignment=TA_JUSTIFY, firstLineIndent=1 * cm, spaceAfter=3)
    center = ParagraphStyle("c", parent=base, alignment=TA_CENTER, firstLineIndent=0)
    cell_style = ParagraphStyle("cell", parent=base, fontSize=size - 1.5, leading=(size - 1.5) * 1.25,
                                firstLineIndent=0, alignment=TA_LEFT, spaceAfter=0)
    cell_center = ParagraphStyle("cellc", parent=cell_style, alignment=TA_CENTER)

    def md(text: str) -> str:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)

    story = []
    left = "<br/>".join(f"<b>{md(l)}</b>" if not l.startswith("~") else md(l[1:]) for l in src.lines("left"))
    motto = "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><b>Độc lập - Tự do - Hạnh phúc</b>"
    head = RLTable([[Paragraph(left, center), Paragraph(motto, center)],
                    [Paragraph(md(src.meta["number"]), center),
                     Paragraph(f"<i>{md(src.meta['place_date'])}</i>", center)]],
                   colWidths=[6.5 * cm, 9.5 * cm], style=[("VALIGN", (0, 0), (-1, -1), "TOP")])
    story += [head, Spacer(1, 10)]
    for line in src.lines("title"):
        story.append(Paragraph(f"<b>{md(line)}</b>", center))
    story.append(Spacer(1, 8))
    for kind, value in src.blocks:
        if kind == "p":
            story.append(Paragraph(md(value), base))
        elif kind in ("h1", "h2"):
            story.append(Paragraph(f"<b>{md(value)}</b>", base))
        elif kind in ("h3", "italic"):
            story.append(Paragraph(f"<i>{md(value)}</i>", base))
        elif kind == "center":
            story.append(Paragraph(f"<b>{md(value)}</b>", center))
        elif kind == "pagebreak":
            story.append(PageBreak())
        elif kind == "table":
            t: Table = value
            data, spans = [], []
            for ri, row in enumerate(t.rows):
                out = []
                for ci, val in enumerate(row):
                    if val in ("<", "^"):
                        out.append("")
                        continue
                    bold = ri < t.header_rows or ri in t.bold_rows
                    txt = "<br/>".join(md(x) for x in val.split("\\n"))
                    style = cell_center if (bold or re.fullmatch(r"[\d.,%()\- ]*", val)) else cell_style
                    out.append(Paragraph(f"<b>{txt}</b>" if bold else txt, style))
                data.append(out)
            for ri, row in enumerate(t.rows):
                for ci, val in enumerate(row):
                    if val == "<":
                        oc = ci - 1
                        while row[oc] == "<":
                            oc -= 1
                        spans.append(("SPAN", (oc, ri), (ci, ri)))
                    elif val == "^":
                        orr = ri - 1
                        while t.rows[orr][ci] == "^":
                            orr -= 1
                        spans.append(("SPAN", (ci, orr), (ci, ri)))
            rl = RLTable(data, colWidths=[w * cm for w in t.widths], repeatRows=t.header_rows)
            rl.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + spans))
            story += [rl, Spacer(1, 6)]
    story.append(Spacer(1, 12))
    left_sig = "<b><i>Nơi nhận:</i></b><br/>" + "<br/>".join(md(r) for r in src.lines("recipients"))
    right_sig = "<br/>".join(f"<b>{md(s)}</b>" for s in src.lines("sign")) + "<br/><br/><br/><br/>" + \
        f"<b>{md(src.meta.get('signer', ''))}</b>"
    small = ParagraphStyle("small", parent=cell_style, fontSize=size - 2.5, leading=(size - 2.5) * 1.3)
    story.append(RLTable([[Paragraph(left_sig, small), Paragraph(right_sig, center)]],
                         colWidths=[7 * cm, 9 * cm], style=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title=" ".join(src.lines("title")),
                            author=src.meta.get("author", ""))
    doc.build(story)
    return path


# ---------------------------------------------------------------- scans


def signer_position(pdf: Path, signer: str, dpi: int) -> tuple[int, int, int] | None:
    """Page index and pixel position of the signer's name in the source PDF, to put the seal there."""
    import pdfplumber

    first = signer.split()[0] if signer else ""
    with pdfplumber.open(pdf) as doc:
        for k in range(len(doc.pages) - 1, -1, -1):
            for w in doc.pages[k].extract_words():
                if first and w["text"] == first:
                    return k, int(w["x0"] * dpi / 72), int(w["top"] * dpi / 72)
    return None


def degrade_to_scan(pdf: Path, out: Path, seed: int, signer: str = "") -> Path:
    """Rasterize a PDF at 200 dpi and save a degraded, image-only PDF (no text layer)."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    where = signer_position(pdf, signer, 200)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        pages = []
        files = sorted(Path(tmp).glob("p-*.png"))
        for k, f in enumerate(files):
            img = Image.open(f).convert("L")
            w, h = img.size
            img = img.filter(ImageFilter.GaussianBlur(0.6))
            angle = rng.choice([-1, 1]) * rng.uniform(0.3, 1.0)
            img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            # paper tone and speckle noise
            px = img.load()
            for _ in range(w * h // 250):
                x, y = rng.randrange(w), rng.randrange(h)
                px[x, y] = rng.randrange(90, 200)
            img = img.point(lambda v: min(255, int(v * 0.93 + 10)))
            seal_page = where[0] if where else len(files) - 1
            if k == seal_page:
                draw = ImageDraw.Draw(img)
                # the red round seal reads as a grey ring over the signature block
                r = int(w * 0.085)
                cx, cy = (where[1] - r // 3, where[2] - int(r * 1.1)) if where else (int(w * 0.63), int(h * 0.6))
                for dr in range(0, 14, 2):
                    draw.ellipse([cx - r + dr, cy - r + dr, cx + r - dr, cy + r - dr], outline=150, width=2)
                draw.ellipse([cx - r // 3, cy - r // 3, cx + r // 3, cy + r // 3], outline=140, width=5)
                # signature scrawl
                x0, y0 = cx + r // 2, cy - r // 4
                pts = [(x0 + i * 9, y0 + int(25 * ((-1) ** i) * rng.uniform(0.4, 1.0))) for i in range(22)]
                draw.line(pts, fill=60, width=4)
            pages.append(img.convert("L"))
        pages[0].save(out, "PDF", resolution=200.0, save_all=True, append_images=pages[1:])
    return out


# ---------------------------------------------------------------- driver


def render(src: Source) -> list[Path]:
    """Produce the output file(s) of one source."""
    fmt = src.meta["format"]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stem = src.stem
    if fmt == "docx":
        writer = Writer("nfd" if src.meta.get("nfd") == "true" else "plain")
        return [build_docx(src, OUT_DIR / f"{stem}.docx", writer)]
    if fmt == "pdf_rl":
        return [build_reportlab_pdf(src, OUT_DIR / f"{stem}.pdf")]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if fmt.startswith("tcvn3"):
            docx = build_docx(src, tmpdir / f"{stem}.docx", Writer("tcvn3"))
        else:
            docx = build_docx(src, tmpdir / f"{stem}.docx", Writer())
        if fmt == "tcvn3_docx":
            target = OUT_DIR / f"{stem}.docx"
            target.write_bytes(docx.read_bytes())
            return [target]
        if fmt in ("doc", "tcvn3_doc"):
            return [vbhc.soffice_convert(docx, 'doc:MS Word 97', OUT_DIR)]
        if fmt == "pdf_lo":
            return [vbhc.soffice_convert(docx, "pdf", OUT_DIR)]
        if fmt == "scan":
            pdf = vbhc.soffice_convert(docx, "pdf", tmpdir / "pdf")
            return [degrade_to_scan(pdf, OUT_DIR / f"{stem}.pdf", seed=sum(map(ord, stem)),
                                    signer=src.meta.get("signer", ""))]
    raise ValueError(f"{src.stem}: unknown format {fmt!r}")


def main(argv: list[str]) -> None:
    """Render all sources, or the stems named on the command line."""
    paths = sorted(SOURCES.glob("*.txt"))
    if argv:
        paths = [p for p in paths if p.stem in argv]
    for p in paths:
        for out in render(parse(p)):
            print(out.relative_to(vbhc.SAMPLE_DIR.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
