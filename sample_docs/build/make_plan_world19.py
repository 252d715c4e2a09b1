"""Render world 19's plan (Kế hoạch 2024 of Cụm thi đua các huyện miền núi tỉnh Quảng Ngãi) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world19.py`. Hand-written text.
Layout: one task table TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện, a row
of column numbers under the header, the tasks grouped by KIND of work under four Roman-numeral rows (I. Triển
khai, II. Hoạt động chung, III. Thông tin, báo cáo, IV. Sơ kết, tổng kết), numbered 1..12 straight through the
table, not by quarter. There is no quarter heading, so an item's id is Q<quarter of its deadline>-<its order
among that quarter's items in plan order>:

  1 Q1-1   2 Q1-2   3 Q1-3   4 Q2-1   5 Q3-1   6 Q4-1
  7 Q1-4   8 Q2-2   9 Q3-2  10 Q4-2  11 Q3-3  12 Q4-3
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world19" / "plan"
STEM = "ke_hoach_cum_thi_dua_cac_huyen_mien_nui_quang_ngai_2024"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 "
    "năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định của UBND tỉnh Quảng Ngãi về việc thành lập các Cụm, Khối thi đua thuộc tỉnh và quy định "
    "tổ chức, hoạt động của Cụm, Khối thi đua;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và bầu Cụm trưởng, Cụm phó năm 2024 "
    "của Cụm thi đua các huyện miền núi,",
]
INTRO = ("UBND huyện Sơn Hà - Cụm trưởng Cụm thi đua các huyện miền núi tỉnh Quảng Ngãi ban hành Kế hoạch tổ chức "
         "hoạt động của Cụm năm 2024, cụ thể như sau:")
PURPOSE = [
    "Tổ chức thực hiện có hiệu quả các phong trào thi đua yêu nước, gắn với thực hiện thắng lợi các chỉ tiêu phát "
    "triển kinh tế - xã hội, giảm nghèo bền vững, bảo đảm quốc phòng, an ninh ở các huyện miền núi năm 2024.",
    "Tăng cường trao đổi, học tập kinh nghiệm giữa các đơn vị trong Cụm; phát hiện, bồi dưỡng, nhân rộng điển "
    "hình tiên tiến trong đồng bào dân tộc thiểu số; việc bình xét thi đua cuối năm bảo đảm công khai, dân chủ.",
    "Các đơn vị thực hiện nghiêm chế độ thông tin, báo cáo; văn bản gửi Cụm trưởng (qua Phòng Nội vụ huyện Sơn "
    "Hà) đúng thời hạn, đồng thời gửi bản điện tử qua hệ thống quản lý văn bản và điều hành của tỉnh.",
]

ALL = "Các huyện, thị xã trong Cụm"
HEAD = "UBND huyện Sơn Hà (Cụm trưởng)"
DEPUTY = "UBND huyện Ba Tơ (Cụm phó)"
# (roman, heading) = a group row; (tt, content, lead, partners, time) = a task row.
ROWS = [
    ("I", "CÔNG TÁC TRIỂN KHAI, ĐĂNG KÝ THI ĐUA"),
    ("1", "Xây dựng bản đăng ký giao ước thi đua và các chỉ tiêu thi đua chủ yếu năm 2024 của đơn vị, gửi về "
          "Cụm trưởng để tổng hợp", ALL, "", "Trước ngày 15/01/2024"),
    ("2", "Tổ chức Hội nghị triển khai nhiệm vụ thi đua, khen thưởng năm 2024 và ký kết giao ước thi đua giữa "
          "các đơn vị trong Cụm (tại huyện Sơn Hà)", HEAD, f"{DEPUTY}; các đơn vị trong Cụm", "Tháng 3/2024"),
    ("3", "Ban hành kế hoạch thực hiện phong trào thi đua \"Cả nước chung tay vì người nghèo - Không để ai bị "
          "bỏ lại phía sau\" năm 2024 tại đơn vị; phát động đến các xã, thị trấn, phường", ALL,
     "Ủy ban MTTQ Việt Nam cấp huyện", "Trước ngày 31/3/2024"),
    ("II", "HOẠT ĐỘNG CHUNG CỦA CỤM"),
    ("4", "Tổ chức Hội thi văn hóa, thể thao các dân tộc miền núi lần thứ V chào mừng kỷ niệm 134 năm Ngày sinh "
          "Chủ tịch Hồ Chí Minh (môn thi: cồng chiêng, hát dân ca, bóng chuyền, kéo co; tại huyện Ba Tơ)",
     DEPUTY, "Các đơn vị trong Cụm", "Tháng 5/2024"),
    ("5", "Kiểm tra chéo công tác thi đua, khen thưởng và việc thực hiện giao ước thi đua năm 2024; đơn vị được "
          "kiểm tra: huyện Minh Long, huyện Sơn Tây", "Cụm trưởng, Cụm phó", "Đơn vị được kiểm tra",
     "Tháng 8 - tháng 9/2024"),
    ("6", "Tọa đàm trao đổi kinh nghiệm phát hiện, xây dựng và nhân rộng điển hình tiên tiến trong đồng bào dân "
          "tộc thiểu số; mỗi đơn vị giới thiệu ít nhất 01 điển hình tham luận", "UBND huyện Trà Bồng",
     "Các đơn vị trong Cụm", "Tháng 10/2024"),
    ("III", "CHẾ ĐỘ THÔNG TIN, BÁO CÁO"),
    ("7", "Báo cáo kết quả công tác thi đua, khen thưởng quý I năm 2024", ALL, "", "Trước ngày 20/3/2024"),
    ("8", "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024", ALL, "", "Trước ngày 15/6/2024"),
    ("9", "Báo cáo công tác thi đua, khen thưởng 9 tháng đầu năm 2024", ALL, "", "Trước ngày 15/9/2024"),
    ("10", "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024, kèm Bảng tự chấm điểm theo tiêu chí thi "
           "đua của Cụm", ALL, "", "Trước ngày 15/11/2024"),
    ("IV", "SƠ KẾT, TỔNG KẾT, BÌNH XÉT THI ĐUA"),
    ("11", "Tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024 của Cụm; thống nhất "
           "nhiệm vụ trọng tâm 6 tháng cuối năm", HEAD, "Các đơn vị trong Cụm", "Tháng 7/2024"),
    ("12", "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024; bình xét, suy tôn đơn vị dẫn đầu "
           "đề nghị UBND tỉnh tặng Cờ thi đua, đơn vị đề nghị tặng Bằng khen; bầu Cụm trưởng, Cụm phó năm 2025",
     HEAD, "Các đơn vị trong Cụm", "Trước ngày 25/12/2024"),
]
HEADER = ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
WIDTHS = [1.0, 6.5, 2.9, 2.9, 2.9]
ALIGNS = [CENTER, JUSTIFY, CENTER, CENTER, CENTER]

CLOSING = [
    "Căn cứ Kế hoạch này, các huyện, thị xã trong Cụm xây dựng kế hoạch thực hiện tại đơn vị; phân công 01 lãnh "
    "đạo UBND và 01 công chức Phòng Nội vụ làm đầu mối theo dõi hoạt động của Cụm.",
    "UBND huyện Ba Tơ (Cụm phó) phối hợp với Cụm trưởng điều hành hoạt động của Cụm, chủ trì Hội thi văn hóa, thể "
    "thao các dân tộc miền núi; UBND huyện Trà Bồng chủ trì Tọa đàm điển hình tiên tiến.",
    "Giao Phòng Nội vụ huyện Sơn Hà (bộ phận thường trực của Cụm) theo dõi, đôn đốc, tổng hợp kết quả, báo cáo "
    "Cụm trưởng và Ban Thi đua - Khen thưởng (Sở Nội vụ). Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị "
    "phản ánh về Cụm trưởng để thống nhất điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- UBND các huyện: Ba Tơ, Trà Bồng, Sơn Tây,",
    "  Minh Long; UBND thị xã Đức Phổ;",
    "- TT Huyện ủy, TT HĐND huyện Sơn Hà;",
    "- CT, các PCT UBND huyện;",
    "- Lưu: VT, NV.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("ỦY BAN NHÂN DÂN", {"bold": False}), "HUYỆN SƠN HÀ",
                            ("CỤM THI ĐUA CÁC HUYỆN MIỀN NÚI", {"bold": False, "size": 11.5})],
                      "Số: 01/KH-CTĐMN", "Sơn Hà, ngày 05 tháng 01 năm 2024", left_width=6.9, right_width=9.3)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện miền núi tỉnh Quảng Ngãi năm 2024", bold=True,
              align=CENTER, indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN", bold=True, keep_first=True)
    rows = [list(r) if len(r) == 2 else [r[0], r[1], r[2], r[3], r[4]] for r in ROWS]
    vbhc.plan_table(doc, HEADER, rows, WIDTHS, ALIGNS, size=12, column_numbers=True)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for k, text in enumerate(CLOSING, start=1):
        vbhc.para(doc, f"{k}. {text}")
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                         "Phạm Văn Trung", blank_lines=3)
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Sơn Hà",
                                  "Kế hoạch hoạt động Cụm thi đua các huyện miền núi tỉnh Quảng Ngãi năm 2024")


if __name__ == "__main__":
    for path in build():
        print(path)
