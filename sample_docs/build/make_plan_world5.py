"""Render world 5's plan (Kế hoạch 2024 of the coastal districts' and towns' cluster of Sóc Trăng) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world5.py`. Hand-written text;
the layout differs from the other worlds: four columns (STT | Nội dung hoạt động | Đơn vị thực hiện |
Thời hạn), quarter rows written "Quý I/2024" merged across the whole row with an empty number cell,
items numbered from 1 in each quarter (ids Q<quarter>-<n>), the place on a second line of the content.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world5" / "plan"
STEM = "ke_hoach_cum_thi_dua_ven_bien_2024"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng năm 2022 và Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ "
    "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quy chế hoạt động của Cụm thi đua các huyện, thị xã ven biển tỉnh Sóc Trăng;",
]
INTRO = ("Nhằm cụ thể hóa các hoạt động của Cụm thi đua trong năm 2024, Cụm trưởng thống nhất với các đơn vị "
         "thành viên ban hành Kế hoạch với các nội dung cụ thể như sau:")
PURPOSE = [
    "Phát huy vai trò của Cụm thi đua trong việc trao đổi, học tập kinh nghiệm giữa các huyện, thị xã ven biển; "
    "kịp thời phát hiện, biểu dương các gương điển hình trong phong trào thi đua.",
    "Các đơn vị thành viên thực hiện đầy đủ, đúng hạn các nội dung của Kế hoạch; báo cáo bảo đảm chất lượng.",
]

ALL = "Các huyện, thị xã trong Cụm"
HEAD = "Cụm trưởng (huyện Trần Đề)"
ROWS = [
    ("Quý I/2024",),
    ("1", ["Đăng ký thi đua và các chỉ tiêu phấn đấu năm 2024 của đơn vị với Cụm trưởng"], [ALL], "Trước 15/01/2024"),
    ("2", ["Tổ chức ký kết Giao ước thi đua năm 2024 của Cụm", "Địa điểm: huyện Trần Đề"], [HEAD, ALL],
     "Tháng 01/2024"),
    ("3", ["Ban hành Kế hoạch tổ chức phong trào thi đua \"Chung sức xây dựng nông thôn mới vùng ven biển\" "
           "tại đơn vị"], [ALL], "Trước 31/3/2024"),
    ("Quý II/2024",),
    ("1", ["Tổ chức Hội thảo chuyên đề về kinh nghiệm phát triển kinh tế biển gắn với bảo vệ rừng phòng hộ",
           "Địa điểm: thị xã Vĩnh Châu"], ["Thị xã Vĩnh Châu", ALL], "Tháng 5/2024"),
    ("2", ["Tổ chức giải bóng đá mini của Cụm chào mừng ngày Thương binh - Liệt sĩ"], [HEAD, ALL],
     "Tháng 6/2024"),
    ("3", ["Gửi báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm về Cụm trưởng"], [ALL],
     "Trước 15/6/2024"),
    ("Quý III/2024",),
    ("1", ["Hội nghị sơ kết 6 tháng đầu năm 2024 của Cụm", "Địa điểm: huyện Long Phú"], [HEAD, ALL],
     "Tháng 7/2024"),
    ("2", ["Tổ chức đoàn đi thực tế, học tập mô hình điển hình tiên tiến trong Cụm"], [ALL],
     "Tháng 8/2024"),
    ("3", ["Gửi báo cáo kết quả thi đua 9 tháng năm 2024"], [ALL], "Trước 15/9/2024"),
    ("Quý IV/2024",),
    ("1", ["Tự chấm điểm thi đua năm 2024 theo bảng điểm của Cụm, gửi kèm báo cáo tổng kết"], [ALL],
     "Trước 30/11/2024"),
    ("2", ["Hội nghị tổng kết phong trào thi đua năm 2024, bình chọn đơn vị dẫn đầu Cụm",
           "Địa điểm: huyện Trần Đề"], [HEAD, ALL], "Tháng 12/2024"),
]
HEADER = ["STT", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời hạn"]
WIDTHS = [1.2, 8.4, 3.8, 2.8]

CLOSING = [
    "Các huyện, thị xã thành viên căn cứ nội dung Kế hoạch chủ động triển khai; văn bản gửi về Cụm trưởng "
    "qua Phòng Nội vụ huyện Trần Đề và thư điện tử của Cụm.",
    "Trong quá trình thực hiện, nếu có nội dung cần điều chỉnh, các đơn vị kịp thời trao đổi với Cụm trưởng để "
    "thống nhất./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- UBND thị xã Vĩnh Châu, các huyện: Cù Lao Dung, Long Phú, Mỹ Xuyên;",
    "- Lưu: VT.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH SÓC TRĂNG", {"bold": False}), "CỤM THI ĐUA CÁC HUYỆN,", "THỊ XÃ VEN BIỂN"],
                      "Số: 01/KH-CTĐVB", "Trần Đề, ngày 08 tháng 01 năm 2024", left_width=7.0, right_width=9.0)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động Cụm thi đua các huyện, thị xã ven biển năm 2024", bold=True, align=CENTER,
              indent=None, size=14)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "1. Mục đích, yêu cầu", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "2. Nội dung và thời gian thực hiện", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, WIDTHS, (CENTER, JUSTIFY, LEFT, CENTER), size=13)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "3. Tổ chức thực hiện", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["CỤM TRƯỞNG", "PHÓ CHỦ TỊCH UBND HUYỆN TRẦN ĐỀ"], "Thạch Sô Phol",
                         blank_lines=2)
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Trần Đề",
                                  "Kế hoạch hoạt động Cụm thi đua ven biển năm 2024")


if __name__ == "__main__":
    for path in build():
        print(path)
