"""Render world 10's plan (Kế hoạch 2024 of the cluster of the cities and towns of Quảng Ninh) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world10.py`. Hand-written text.
Layout of its own, no task table: section II lists the work as numbered prose items grouped under a bold
heading per quarter ("1. Quý I năm 2024 (từ tháng 01 đến tháng 3)"), each item numbered within its quarter
("1.1.", "1.2." ...; ids Q<quarter>-<n>), followed by two italic dash lines "- Đơn vị chủ trì: …" and
"- Thời gian: …" (some with "- Địa điểm: …"). A short summary table of the two conferences and the
inspection closes the plan (it repeats items, it holds no new ones).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world10" / "plan"
STEM = "ke_hoach_cum_thi_dua_cac_thanh_pho_thi_xa_2024"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ "
    "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định của UBND tỉnh Quảng Ninh ban hành Quy định về tổ chức và hoạt động của các Cụm, Khối "
    "thi đua thuộc tỉnh;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của Cụm thi đua các thành phố, "
    "thị xã,",
]
INTRO = ("UBND thành phố Hạ Long - Cụm trưởng Cụm thi đua các thành phố, thị xã ban hành Kế hoạch hoạt động "
         "của Cụm năm 2024, cụ thể như sau:")
PURPOSE = [
    "Tổ chức các phong trào thi đua thiết thực, hiệu quả, gắn với thực hiện thắng lợi nhiệm vụ phát triển "
    "kinh tế - xã hội năm 2024 của các địa phương; tập trung xây dựng đô thị văn minh, đẩy mạnh chuyển đổi số.",
    "Các đơn vị trong Cụm thực hiện nghiêm chế độ thông tin, báo cáo; văn bản gửi Cụm trưởng đúng thời hạn, "
    "đồng thời gửi qua hộp thư điện tử của Cụm.",
]

ALL = "Các thành phố, thị xã trong Cụm"
QUARTERS = [
    ("1. Quý I năm 2024 (từ tháng 01 đến tháng 3)", [
        ("1.1.", "Các đơn vị xây dựng bản đăng ký giao ước thi đua và các chỉ tiêu thi đua chủ yếu năm 2024 "
                 "của địa phương, gửi về Cụm trưởng (qua Phòng Nội vụ thành phố Hạ Long) để tổng hợp.",
         [("Đơn vị thực hiện", ALL), ("Thời gian", "trước ngày 31/01/2024")]),
        ("1.2.", "Tổ chức Hội nghị triển khai Kế hoạch hoạt động năm 2024 và ký kết giao ước thi đua giữa các "
                 "thành phố, thị xã trong Cụm.",
         [("Đơn vị chủ trì", "UBND thành phố Hạ Long (Cụm trưởng)"), ("Đơn vị phối hợp", ALL),
          ("Thời gian", "tháng 02/2024"), ("Địa điểm", "thành phố Hạ Long")]),
        ("1.3.", "Ban hành kế hoạch triển khai Cuộc thi đua chuyên đề \"Xây dựng đô thị văn minh, đẩy mạnh "
                 "chuyển đổi số\" năm 2024 tại địa phương; phát động đến các phường, xã, tổ dân phố, khu phố.",
         [("Đơn vị thực hiện", ALL), ("Thời gian", "trước ngày 31/3/2024")]),
    ]),
    ("2. Quý II năm 2024 (từ tháng 4 đến tháng 6)", [
        ("2.1.", "Tổ chức Tọa đàm chuyên đề \"Chuyển đổi số gắn với xây dựng chính quyền đô thị thông minh\", "
                 "trao đổi kinh nghiệm giữa các đơn vị trong Cụm.",
         [("Đơn vị chủ trì", "UBND thành phố Cẩm Phả (Cụm phó)"), ("Đơn vị phối hợp", ALL),
          ("Thời gian", "tháng 5/2024"), ("Địa điểm", "thành phố Cẩm Phả")]),
        ("2.2.", "Các đơn vị gửi báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024 về Cụm "
                 "trưởng.",
         [("Đơn vị thực hiện", ALL), ("Thời gian", "trước ngày 15/6/2024")]),
    ]),
    ("3. Quý III năm 2024 (từ tháng 7 đến tháng 9)", [
        ("3.1.", "Tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024 của Cụm; "
                 "thống nhất nhiệm vụ trọng tâm 6 tháng cuối năm.",
         [("Đơn vị chủ trì", "UBND thành phố Hạ Long (Cụm trưởng)"), ("Đơn vị phối hợp", ALL),
          ("Thời gian", "tháng 7/2024")]),
        ("3.2.", "Kiểm tra chéo công tác thi đua, khen thưởng và việc thực hiện giao ước thi đua năm 2024. "
                 "Đơn vị được kiểm tra năm 2024: thành phố Uông Bí, thị xã Quảng Yên.",
         [("Đơn vị chủ trì", "Cụm trưởng, Cụm phó"), ("Đơn vị phối hợp", ALL),
          ("Thời gian", "tháng 8 - tháng 9/2024")]),
        ("3.3.", "Sơ kết, chấm điểm các tổ dân phố, khu phố tham gia Cuộc thi đua chuyên đề \"Xây dựng đô thị "
                 "văn minh, đẩy mạnh chuyển đổi số\"; lựa chọn mô hình tiêu biểu giới thiệu trong Cụm.",
         [("Đơn vị thực hiện", ALL), ("Thời gian", "trước ngày 30/9/2024")]),
    ]),
    ("4. Quý IV năm 2024 (từ tháng 10 đến tháng 12)", [
        ("4.1.", "Tham gia gian hàng giới thiệu sản phẩm OCOP, du lịch của các địa phương tại Hội chợ Thương "
                 "mại quốc tế Việt - Trung (Móng Cái) năm 2024.",
         [("Đơn vị chủ trì", "UBND thành phố Móng Cái"), ("Đơn vị phối hợp", ALL),
          ("Thời gian", "tháng 11/2024"), ("Địa điểm", "thành phố Móng Cái")]),
        ("4.2.", "Các đơn vị tự đánh giá, chấm điểm thi đua năm 2024 theo Bảng tiêu chí của Cụm, gửi Cụm "
                 "trưởng kèm báo cáo tổng kết năm.",
         [("Đơn vị thực hiện", ALL), ("Thời gian", "trước ngày 30/11/2024")]),
        ("4.3.", "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024 của Cụm; bình xét, suy tôn "
                 "đơn vị dẫn đầu, đề nghị UBND tỉnh tặng Cờ thi đua và Bằng khen.",
         [("Đơn vị chủ trì", "UBND thành phố Hạ Long (Cụm trưởng)"), ("Đơn vị phối hợp", ALL),
          ("Thời gian", "trước ngày 20/12/2024")]),
    ]),
]

SUMMARY_HEADER = ["Hoạt động", "Chủ trì", "Thời gian"]
SUMMARY = [
    ["Hội nghị ký kết giao ước thi đua (mục 1.2)", "TP Hạ Long", "02/2024"],
    ["Hội nghị sơ kết 6 tháng (mục 3.1)", "TP Hạ Long", "7/2024"],
    ["Kiểm tra chéo (mục 3.2)", "Cụm trưởng, Cụm phó", "8-9/2024"],
    ["Hội nghị tổng kết năm (mục 4.3)", "TP Hạ Long", "12/2024"],
]

CLOSING = [
    "Các thành phố, thị xã trong Cụm căn cứ Kế hoạch này chủ động triển khai; phân công Phòng Nội vụ làm đầu "
    "mối, phối hợp với Tổ thư ký của Cụm theo dõi, tổng hợp.",
    "Giao Phòng Nội vụ thành phố Hạ Long (thường trực Tổ thư ký Cụm) đôn đốc, tổng hợp kết quả, báo cáo Cụm "
    "trưởng và Ban Thi đua - Khen thưởng (Sở Nội vụ). Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị "
    "phản ánh về Cụm trưởng để kịp thời điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng tỉnh;",
    "- UBND các thành phố: Cẩm Phả, Uông Bí, Móng Cái;",
    "- UBND các thị xã: Đông Triều, Quảng Yên;",
    "- CT, các PCT UBND thành phố;",
    "- Phòng Nội vụ thành phố;",
    "- Lưu: VT, NV.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẠ LONG", ("CỤM THI ĐUA CÁC THÀNH PHỐ, THỊ XÃ",
                                                                      {"bold": False, "size": 11.5})],
                      "Số: 35/KH-UBND", "Hạ Long, ngày 12 tháng 01 năm 2024", left_width=6.8, right_width=9.4)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các thành phố, thị xã tỉnh Quảng Ninh năm 2024", bold=True,
              align=CENTER, indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN", bold=True)
    for heading, items in QUARTERS:
        vbhc.para(doc, heading, bold=True, keep_first=True)
        for number, text, lines in items:
            vbhc.para(doc, f"**{number}** {text}", keep_first=True)
            for key, value in lines:
                vbhc.para(doc, f"- {key}: {value}.", italic=True, indent=1.5, space_after=1)
    vbhc.para(doc, "III. LỊCH CÁC HOẠT ĐỘNG CHUNG CỦA CỤM", bold=True)
    t = vbhc.grid(doc, len(SUMMARY) + 1, 3, [8.4, 4.4, 3.2])
    for i, h in enumerate(SUMMARY_HEADER):
        vbhc.cell_text(t.cell(0, i), [h], bold=True, align=CENTER, size=12.5)
    for r, row in enumerate(SUMMARY, start=1):
        for c, value in enumerate(row):
            vbhc.cell_text(t.cell(r, c), [value], align=LEFT if c == 0 else CENTER, size=12.5)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "IV. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                         "Nguyễn Thị Thanh Hương", blank_lines=3)
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ thành phố Hạ Long",
                                  "Kế hoạch hoạt động Cụm thi đua các thành phố, thị xã năm 2024")


if __name__ == "__main__":
    for path in build():
        print(path)
