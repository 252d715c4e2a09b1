"""Render world 11's plan (Kế hoạch 2024 of the cluster of midland districts of Phú Thọ) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world11.py`. Hand-written text.
Layout: five columns (TT | Nội dung hoạt động | Thời gian | Đơn vị chủ trì | Đơn vị phối hợp), no row of
column numbers, each quarter a row with a Roman numeral in the first cell and "Quý I năm 2024" merged over
the rest; items numbered from 1 within each quarter (ids Q<quarter>-<n>); places given inside the content.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world11" / "plan"
STEM = "ke_hoach_cum_thi_dua_trung_du_2024"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng năm 2022; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;",
    "Căn cứ Quyết định của UBND tỉnh Phú Thọ về việc chia Cụm, Khối thi đua thuộc tỉnh và Quy chế hoạt động "
    "của Cụm thi đua các huyện trung du;",
]
INTRO = ("Thực hiện nhiệm vụ Cụm trưởng năm 2024 được UBND tỉnh giao, UBND huyện Thanh Ba xây dựng Kế hoạch "
         "hoạt động của Cụm thi đua các huyện trung du năm 2024, cụ thể như sau:")
PURPOSE = [
    "Đẩy mạnh các phong trào thi đua yêu nước gắn với phát triển kinh tế đồi rừng, cây chè và xây dựng nông "
    "thôn mới nâng cao; kịp thời phát hiện, nhân rộng điển hình tiên tiến.",
    "Hoạt động của Cụm bảo đảm thiết thực, tiết kiệm; các huyện chấp hành nghiêm chế độ báo cáo.",
]

ALLD = ["Các huyện trong Cụm"]
HEAD = ["UBND huyện Thanh Ba", "(Cụm trưởng)"]
ROWS = [
    ("I", "Quý I năm 2024"),
    ("1", ["Xây dựng, đăng ký nội dung giao ước thi đua và chỉ tiêu thi đua năm 2024, gửi Cụm trưởng tổng hợp"],
     ["Trước 31/01/2024"], ["Các huyện trong Cụm"], [""]),
    ("2", ["Tổ chức Hội nghị triển khai nhiệm vụ và ký kết giao ước thi đua năm 2024 của Cụm (địa điểm: huyện "
           "Thanh Ba)"], ["Tháng 02/2024"], HEAD, ["Hạ Hòa, Đoan Hùng, Cẩm Khê, Phù Ninh"]),
    ("3", ["Ban hành kế hoạch phát động thi đua lập thành tích chào mừng kỷ niệm 70 năm Chiến thắng Điện Biên "
           "Phủ (07/5/1954 - 07/5/2024)"], ["Trước 31/3/2024"], ALLD, [""]),
    ("II", "Quý II năm 2024"),
    ("1", ["Hội thảo chuyên đề \"Phát triển kinh tế đồi rừng, vùng chè tập trung gắn với xây dựng nông thôn "
           "mới\" (địa điểm: huyện Đoan Hùng)"], ["Tháng 5/2024"], ["UBND huyện Đoan Hùng"],
     ["Các huyện còn lại"]),
    ("2", ["Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, gửi Cụm trưởng"], ["Trước 15/6/2024"],
     ALLD, [""]),
    ("III", "Quý III năm 2024"),
    ("1", ["Hội nghị sơ kết 6 tháng đầu năm 2024 của Cụm (địa điểm: huyện Hạ Hòa)"], ["Tháng 7/2024"],
     ["UBND huyện Hạ Hòa", "(Cụm phó)"], ["Cụm trưởng, các huyện"]),
    ("2", ["Kiểm tra chéo công tác thi đua, khen thưởng; năm 2024 kiểm tra tại huyện Cẩm Khê và huyện Phù Ninh"],
     ["Tháng 8 - 9/2024"], HEAD, ["Các huyện trong Cụm"]),
    ("3", ["Ngày hội Văn hóa - Thể thao các huyện trung du lần thứ III (huyện Cẩm Khê đăng cai)"],
     ["Tháng 9/2024"], ["UBND huyện Cẩm Khê"], ["Các huyện trong Cụm"]),
    ("IV", "Quý IV năm 2024"),
    ("1", ["Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 kèm bảng tự chấm điểm theo tiêu chí của "
           "Cụm, gửi Cụm trưởng"], ["Trước 25/11/2024"], ALLD, [""]),
    ("2", ["Hội nghị tổng kết công tác thi đua năm 2024; bình xét, suy tôn đơn vị dẫn đầu Cụm"],
     ["Tháng 12/2024"], HEAD, ["Các huyện trong Cụm"]),
    ("3", ["Tổng hợp hồ sơ đề nghị khen thưởng của Cụm, trình Hội đồng Thi đua - Khen thưởng tỉnh"],
     ["Trước 31/12/2024"], HEAD, [""]),
]
HEADER = ["TT", "Nội dung hoạt động", "Thời gian", "Đơn vị chủ trì", "Đơn vị phối hợp"]
WIDTHS = [1.1, 7.4, 2.6, 3.0, 3.0]

CLOSING = [
    "Các huyện trong Cụm căn cứ Kế hoạch chủ động triển khai; văn bản, báo cáo gửi về Cụm trưởng qua Phòng Nội "
    "vụ huyện Thanh Ba (bản điện tử gửi hộp thư của Cụm).",
    "Cụm phó (UBND huyện Hạ Hòa) phối hợp đôn đốc. Trong quá trình thực hiện, nếu có vướng mắc đề nghị phản ánh "
    "về Cụm trưởng để điều chỉnh cho phù hợp./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ);",
    "- UBND các huyện: Hạ Hòa, Đoan Hùng, Cẩm Khê, Phù Ninh;",
    "- CT, PCT UBND huyện;",
    "- Lưu: VT, NV.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH PHÚ THỌ", {"bold": False}), "CỤM THI ĐUA", "CÁC HUYỆN TRUNG DU"],
                      "Số: 01/KH-CTĐ", "Thanh Ba, ngày 12 tháng 01 năm 2024", left_width=6.6, right_width=9.6)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện trung du năm 2024", bold=True, align=CENTER,
              indent=None, size=14)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG VÀ THỜI GIAN", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, WIDTHS, (CENTER, JUSTIFY, CENTER, CENTER, CENTER), size=12)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA", "CỤM TRƯỞNG"], "Nguyễn Văn Hưng", blank_lines=2)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND HUYỆN THANH BA")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Thanh Ba",
                                  "Kế hoạch hoạt động Cụm thi đua các huyện trung du năm 2024")


if __name__ == "__main__":
    for path in build():
        print(path)
