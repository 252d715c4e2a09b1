"""Render world 18's plan (Kế hoạch 2023 of the Cụm thi đua các huyện, thị xã phía Tây tỉnh Nghệ An) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world18.py`. Hand-written text.
Layout: section II is one table with five columns TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp |
Thời gian thực hiện, a row of column numbers "(1) … (5)" under the header, and one group row per quarter whose
TT cell holds a Roman numeral ("I" … "IV") and whose merged cell reads "QUÝ I (từ tháng 01 đến tháng 3/2023)".
Items are numbered 1, 2, 3 again inside each group (ids Q<quarter>-<n>); a place, where there is one, is a second
line "Địa điểm: …" in the content cell. 12 items.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world18" / "plan"
STEM = "ke_hoach_cum_thi_dua_phia_tay_nghe_an_2023"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung các năm 2005, 2013 và các văn bản hướng dẫn "
    "thi hành;",
    "Căn cứ Quy chế tổ chức và hoạt động của các Cụm, Khối thi đua thuộc UBND tỉnh Nghệ An;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 của Cụm thi đua các huyện, thị xã "
    "phía Tây tỉnh và ý kiến thống nhất của các đơn vị thành viên,",
]
INTRO = ("UBND huyện Con Cuông, đơn vị Cụm trưởng năm 2023, ban hành Kế hoạch tổ chức hoạt động của Cụm thi đua "
         "các huyện, thị xã phía Tây tỉnh Nghệ An năm 2023 với các nội dung sau:")
PURPOSE = [
    "Tạo sự gắn kết, học hỏi kinh nghiệm giữa các huyện, thị xã vùng núi, vùng đồng bào dân tộc thiểu số phía "
    "Tây của tỉnh; thi đua hoàn thành thắng lợi các chỉ tiêu phát triển kinh tế - xã hội, giảm nghèo bền vững, "
    "bảo đảm quốc phòng, an ninh năm 2023.",
    "Các hoạt động của Cụm được tổ chức thiết thực, tiết kiệm; các đơn vị thực hiện đầy đủ, đúng thời hạn chế độ "
    "thông tin, báo cáo về Cụm trưởng (qua Phòng Nội vụ huyện Con Cuông) để theo dõi, chấm điểm thi đua.",
]

ALL = "Các huyện, thị xã trong Cụm"
HEAD = "UBND huyện Con Cuông (Cụm trưởng)"
HEADER = ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
WIDTHS = [1.2, 7.1, 2.7, 2.3, 2.9]
ALIGNS = [CENTER, JUSTIFY, CENTER, CENTER, CENTER]

ROWS = [
    ("I", "QUÝ I (từ tháng 01 đến tháng 3/2023)"),
    ("1", ["Đăng ký giao ước thi đua và các chỉ tiêu thi đua chủ yếu năm 2023 của đơn vị, gửi về Cụm trưởng để "
           "tổng hợp, làm căn cứ ký kết giao ước và chấm điểm cuối năm"], ALL, "", "Trước ngày 15/01/2023"),
    ("2", ["Tổ chức Hội nghị triển khai nhiệm vụ năm 2023 và ký kết giao ước thi đua giữa các đơn vị trong Cụm",
           "Địa điểm: huyện Con Cuông"], HEAD, ALL, "Tháng 02/2023"),
    ("3", ["Ban hành kế hoạch triển khai phong trào thi đua \"Chung sức xây dựng nông thôn mới, đô thị văn minh\" "
           "năm 2023 tại đơn vị; phát động đến các xã, phường, thị trấn"], ALL, "", "Trước ngày 31/3/2023"),
    ("II", "QUÝ II (từ tháng 4 đến tháng 6/2023)"),
    ("1", ["Tổ chức Giao lưu văn hóa - thể thao các huyện, thị xã phía Tây chào mừng kỷ niệm 133 năm Ngày sinh "
           "Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023)", "Địa điểm: thị trấn Thạch Giám, huyện Tương Dương"],
     "UBND huyện Tương Dương", "Các đơn vị trong Cụm", "Tháng 5/2023"),
    ("2", ["Tọa đàm trao đổi kinh nghiệm phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến trong vùng đồng bào "
           "dân tộc thiểu số", "Địa điểm: huyện Quỳ Châu"],
     "UBND huyện Quỳ Châu (Cụm phó)", "Các đơn vị trong Cụm", "Tháng 6/2023"),
    ("3", ["Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2023, gửi Cụm trưởng"], ALL, "",
     "Trước ngày 20/6/2023"),
    ("III", "QUÝ III (từ tháng 7 đến tháng 9/2023)"),
    ("1", ["Tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2023 của Cụm; thống nhất nhiệm "
           "vụ trọng tâm 6 tháng cuối năm", "Địa điểm: thị xã Thái Hòa"], HEAD, ALL, "Tháng 7/2023"),
    ("2", ["Kiểm tra chéo việc thực hiện giao ước thi đua và công tác thi đua, khen thưởng năm 2023; đơn vị được "
           "kiểm tra: huyện Kỳ Sơn, huyện Quế Phong"], "Cụm trưởng, Cụm phó", "Các đơn vị được kiểm tra",
     "Tháng 8 - 9/2023"),
    ("3", ["Báo cáo chuyên đề kết quả thực hiện phong trào thi đua \"Chung sức xây dựng nông thôn mới, đô thị văn "
           "minh\" 9 tháng năm 2023, gửi Cụm trưởng"], ALL, "", "Trước ngày 15/9/2023"),
    ("IV", "QUÝ IV (từ tháng 10 đến tháng 12/2023)"),
    ("1", ["Báo cáo tổng kết công tác thi đua, khen thưởng năm 2023 kèm Bảng tự chấm điểm thi đua theo tiêu chí "
           "của Cụm, gửi Cụm trưởng"], ALL, "", "Trước ngày 25/11/2023"),
    ("2", ["Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của Cụm; bình xét, suy tôn đơn vị "
           "dẫn đầu và các đơn vị xuất sắc"], HEAD, ALL, "Tháng 12/2023"),
    ("3", ["Hoàn thiện hồ sơ đề nghị UBND tỉnh tặng Cờ thi đua, Bằng khen cho các đơn vị dẫn đầu, xuất sắc của "
           "Cụm, gửi Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ)"], "Cụm trưởng", "", "Trước ngày 31/12/2023"),
]

CLOSING = [
    "Các huyện, thị xã trong Cụm căn cứ Kế hoạch này chủ động xây dựng kế hoạch của đơn vị, bố trí kinh phí, "
    "phân công lãnh đạo và công chức Phòng Nội vụ làm đầu mối theo dõi hoạt động của Cụm.",
    "UBND huyện Quỳ Châu (Cụm phó) phối hợp với Cụm trưởng điều hành hoạt động chung. Giao Phòng Nội vụ huyện "
    "Con Cuông làm thường trực, theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch, báo cáo Cụm trưởng và "
    "Ban Thi đua - Khen thưởng tỉnh. Trong quá trình thực hiện, nếu có nội dung cần điều chỉnh, đề nghị các đơn "
    "vị trao đổi với Cụm trưởng để thống nhất./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ);",
    "- UBND các huyện: Tương Dương, Kỳ Sơn,",
    "  Quế Phong, Quỳ Châu; UBND thị xã Thái Hòa;",
    "- TT Huyện ủy, TT HĐND huyện;",
    "- Chủ tịch, các PCT UBND huyện;",
    "- Phòng Nội vụ huyện;",
    "- Lưu: VT.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=13.5)
    vbhc.header_block(doc, [("CỤM THI ĐUA CÁC HUYỆN, THỊ XÃ", {"bold": False, "size": 12}),
                            ("PHÍA TÂY TỈNH NGHỆ AN", {"bold": False, "size": 12}),
                            "UBND HUYỆN CON CUÔNG"],
                      "Số: 05/KH-CTĐ", "Con Cuông, ngày 06 tháng 01 năm 2023", left_width=7.4, right_width=8.8)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện, thị xã phía Tây", bold=True, align=CENTER,
              indent=None, size=14, space_after=0)
    vbhc.para(doc, "tỉnh Nghệ An năm 2023", bold=True, align=CENTER, indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for k, text in enumerate(PURPOSE, start=1):
        vbhc.para(doc, f"{k}. {text}")
    vbhc.para(doc, "II. NỘI DUNG, PHÂN CÔNG VÀ THỜI GIAN THỰC HIỆN", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, WIDTHS, ALIGNS, size=11.5, column_numbers=True)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Ngân Văn Thuận", blank_lines=3)
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Con Cuông",
                                  "Kế hoạch hoạt động Cụm thi đua các huyện, thị xã phía Tây tỉnh Nghệ An năm 2023")


if __name__ == "__main__":
    for path in build():
        print(path)
