"""Render the seed plan (Kế hoạch 2022 of the western districts' cluster) as a Decree 30 Word file and a PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan.py`. The text follows
/work/shared/seed/000_d96eb7c987169700.txt word for word; the plan table is split into two
tables at the same row as in the seed, with a page break between them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx.shared import Pt  # noqa: E402

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "plan"
STEM = "ke_hoach_cum_thi_dua_2022"

CAN_CU = [
    "Căn cứ Luật thi đua, Khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
    "Khen thưởng ngày 14/6/2005; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng năm 2013;",
    "Căn cứ Đề án số 1308/ĐA-UBND ngày 11 tháng 5 năm 2018 của Ủy ban nhân dân tỉnh Cao Bằng về Đổi mới và "
    "nâng cao chất lượng hoạt động khối cụm thi đua thuộc tỉnh Cao Bằng;",
    "Căn cứ Quyết định số 598/QĐ-UBND ngày 25 tháng 5 năm 2018 của Ủy ban nhân dân tỉnh Cao Bằng về ban hành "
    "Quy chế tổ chức và hoạt động của khối, cụm thi đua trên địa bàn tỉnh Cao Bằng;",
    "Căn cứ Chỉ thị số 02/CT-UBND ngày 28/01/2022 của Ủy ban nhân dân tỉnh Cao Bằng về việc phát động phong "
    "trào thi đua năm 2022.",
    "Căn cứ Quy chế tổ chức và hoạt động của Cụm giao ước thi đua các huyện miền Tây năm 2022;",
]
INTRO = ("Trưởng Cụm giao ước thi đua các huyện miền Tây, tỉnh Cao Bằng xây dựng kế hoạch triển khai thực hiện "
         "một số nhiệm vụ trọng tâm về công tác Thi đua, khen thưởng năm 2022 như sau:")

ALL = "Các đơn vị trong Cụm thi đua"
# (number, content lines, responsible lines); number None = quarter row. "MERGED" marks the
# quarter row written as one cell across the three columns.
TABLE_1 = [
    (None, "Quý I/2022", None),
    ("1", ["Tổ chức tổng kết đánh giá kết quả hoạt động của Cụm thi đua năm 2021 và triển khai nhiệm vụ 2022"],
     [ALL]),
    ("2", ["Phát động phong trào thi đua phấn đấu hoàn thành nhiệm vụ kinh tế - xã hội năm 2022 và các phong "
           "trào chuyên đề khác"], [ALL]),
    ("3", ["Chỉ đạo các đơn vị cơ sở tổ chức triển khai các phong trào thi đua"], [ALL]),
    (None, "Quý II/2022", None),
    ("1", ["Ban hành Quy chế hoạt động của Cụm thi đua; Kế hoạch thực hiện công tác Thi đua, khen thưởng của "
           "Cụm thi đua; Bảng tiêu chí chấm điểm thi đua; Quyết định"],
     ["- Trưởng Cụm", "- Các đơn vị trong Cụm thi đua"]),
]
TABLE_2 = [
    ("", ["kiện toàn Tổ giúp việc cho Cụm thi đua"], [""]),
    ("2", ["Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022"], [ALL]),
    (None, "Quý III/2022", "MERGED"),
    ("1", ["Tổ chức hội nghị sơ kết 6 tháng đầu năm"], [ALL + " (đầu tháng 7/2022)"]),
    ("2", ["Kiểm tra công tác thi đua khen thưởng các đơn vị thành viên trong Cụm thi đua (đơn vị được kiểm "
           "tra: huyện Hòa An, Nguyên Bình)"],
     ["- Các đơn vị trong Cụm thi đua", "- Địa điểm: huyện Hòa An",
      ("(Kết hợp tại Hội nghị Sơ kết 6 tháng đầu năm của Cụm thi đua)", {"italic": True})]),
    (None, "Quý IV/ 2022", None),
    ("1", ["Hướng dẫn các đơn vị tổng kết công tác thi đua khen thưởng 2022"], ["Trưởng Cụm thi đua"]),
    ("2", ["Tổng hợp báo cáo đánh giá kết quả hoạt động của Cụm thi đua"], ["Trưởng Cụm thi đua"]),
    ("3", ["Thực hiện các nhiệm vụ chuyên môn khác theo quy định"],
     ["- Đơn vị Trưởng Cụm", "- Các đơn vị thành viên trong Cụm"]),
]
WIDTHS = [1.4, 9.2, 5.6]

CLOSING = [
    "Các đơn vị trong Cụm thi đua căn cứ nội dung công việc trong kế hoạch chủ động thực hiện và thực hiện chế độ "
    "báo cáo, cung cấp tài liệu, văn bản cho đơn vị Trưởng Cụm kịp thời.",
    "Trưởng Cụm, Phó Trưởng Cụm thi đua điều hành và giải quyết các công việc của Cụm thi đua, chuẩn bị các điều "
    "kiện về cơ sở, vật chất, hậu cần kỹ thuật cho các hoạt động chung của Cụm.",
    "Trên đây là kế hoạch hoạt động của Cụm thi đua các huyện miền Tây trong năm 2022, đề nghị các đơn vị thành "
    "viên chủ động phối hợp thực hiện./.",
]
RECIPIENTS = [
    "- UBND các huyện Nguyên Bình, Bảo Lạc, Bảo Lâm, Hòa An;",
    "- Ban TĐKT, Sở Nội vụ;",
    "- Lưu: VT, Trưởng Cụm (Thương, Hằng, Bắc).",
]


def plan_table(doc, rows, *, with_header: bool):
    """One bordered plan table; the first one carries the column header row."""
    n = len(rows) + (1 if with_header else 0)
    t = vbhc.grid(doc, n, 3, WIDTHS)
    r0 = 0
    if with_header:
        for i, h in enumerate(["Số TT", "Nội dung công việc", "Đơn vị thực hiện"]):
            vbhc.cell_text(t.cell(0, i), [h], bold=True, align=CENTER, size=13)
        vbhc.repeat_header(t.rows[0])
        r0 = 1
    for k, (num, content, resp) in enumerate(rows):
        r = r0 + k
        if num is None:
            if resp == "MERGED":
                merged = t.cell(r, 0).merge(t.cell(r, 2))
                vbhc.cell_text(merged, [content], bold=True, align=LEFT, size=13)
            else:
                vbhc.cell_text(t.cell(r, 1), [content], bold=True, align=LEFT, size=13)
            continue
        vbhc.cell_text(t.cell(r, 0), [num], align=CENTER, size=13)
        vbhc.cell_text(t.cell(r, 1), content, align=JUSTIFY, size=13)
        vbhc.cell_text(t.cell(r, 2), resp, align=LEFT, size=13)
    return t


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, ["CỤM THI ĐUA CÁC HUYỆN MIỀN TÂY", ("_____________", {"size": 10})],
                      "Số:        /KH-CTĐ", "Hà Quảng, ngày      tháng 4 năm 2022")
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Triển khai thực hiện công tác Thi đua, khen thưởng năm 2022", bold=True, align=CENTER,
              indent=None, size=14)
    vbhc.para(doc, "___________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    plan_table(doc, TABLE_1, with_header=True)
    vbhc.page_break(doc)
    plan_table(doc, TABLE_2, with_header=False)
    vbhc.para(doc, "", indent=None)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA", "TRƯỞNG CỤM"], "Phạm Xuân Tùng",
                         blank_lines=1)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND HUYỆN HÀ QUẢNG")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Văn phòng HĐND và UBND huyện Hà Quảng", "Kế hoạch Cụm thi đua các huyện miền Tây năm 2022")


if __name__ == "__main__":
    for path in build():
        print(path)
