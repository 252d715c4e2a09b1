"""Render world 2's plan (Kế hoạch 2023 of the northern districts' cluster of Lạng Sơn) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world2.py`. Hand-written text;
the table layout differs from the seed on purpose: five columns (TT | Nội dung công việc | Thời gian
thực hiện | Đơn vị chủ trì | Đơn vị phối hợp), a row of column numbers, quarter rows numbered with
Roman numerals and merged across the other four columns, items numbered from 1 in each quarter
(ids Q<quarter>-<n>), deadlines and places in the time cell. The header row repeats on page 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world2" / "plan"
STEM = "ke_hoach_cum_thi_dua_phia_bac_2023"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 26/11/2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
    "khen thưởng năm 2005 và năm 2013;",
    "Căn cứ Quyết định của UBND tỉnh Lạng Sơn ban hành Quy chế tổ chức và hoạt động của các Khối, Cụm thi đua "
    "thuộc tỉnh;",
    "Căn cứ Quy chế tổ chức và hoạt động của Cụm thi đua các huyện phía Bắc, tỉnh Lạng Sơn;",
]
INTRO = ("Cụm trưởng Cụm thi đua các huyện phía Bắc xây dựng Kế hoạch hoạt động của Cụm thi đua năm 2023 "
         "như sau:")
PURPOSE = [
    "Tiếp tục đổi mới nội dung, phương thức hoạt động của Cụm thi đua; tăng cường trao đổi kinh nghiệm, "
    "phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến giữa các đơn vị trong Cụm.",
    "Các hoạt động của Cụm được tổ chức thiết thực, hiệu quả, tiết kiệm; các đơn vị thực hiện nghiêm chế độ "
    "thông tin, báo cáo theo đúng thời gian quy định.",
]

ALL = "Các đơn vị trong Cụm"
MEMBERS = "Các đơn vị thành viên"
HEAD = "Cụm trưởng"
# (number, content, time lines, lead unit lines, partner lines); number in Roman = quarter row.
ROWS = [
    ("I", "QUÝ I NĂM 2023"),
    ("1", "Xây dựng, đăng ký chỉ tiêu thi đua năm 2023 gửi Cụm trưởng tổng hợp",
     ["Trước ngày 20/01/2023"], [ALL], ["Cụm trưởng (tổng hợp)"]),
    ("2", "Tổ chức Hội nghị ký kết giao ước thi đua năm 2023 giữa các đơn vị trong Cụm",
     ["Tháng 02/2023", "Địa điểm: huyện Tràng Định"], [HEAD], [MEMBERS]),
    ("3", "Đăng ký mô hình, điển hình tiên tiến của đơn vị để theo dõi, bồi dưỡng và nhân rộng trong Cụm",
     ["Trước ngày 31/3/2023"], [ALL], [""]),
    ("II", "QUÝ II NĂM 2023"),
    ("1", "Tổ chức giao lưu văn hóa, văn nghệ, thể dục thể thao giữa các đơn vị trong Cụm chào mừng kỷ niệm "
          "133 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023)",
     ["Tháng 5/2023", "Địa điểm: huyện Bình Gia"], [HEAD], [MEMBERS, "(huyện Bình Gia đăng cai)"]),
    ("2", "Xây dựng báo cáo chuyên đề về công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến",
     ["Trước ngày 15/6/2023"], [ALL], [""]),
    ("3", "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2023 gửi Cụm trưởng",
     ["Trước ngày 20/6/2023"], [ALL], [""]),
    ("III", "QUÝ III NĂM 2023"),
    ("1", "Tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2023 của Cụm",
     ["Tháng 7/2023", "Địa điểm: huyện Văn Quan"], [HEAD], [MEMBERS]),
    ("2", "Kiểm tra chéo công tác thi đua, khen thưởng giữa các đơn vị trong Cụm (theo lịch do Cụm trưởng "
          "thông báo)",
     ["Tháng 8/2023"], [ALL], ["Cụm trưởng (thông báo lịch, tổng hợp kết quả)"]),
    ("3", "Báo cáo kết quả công tác thi đua, khen thưởng 9 tháng đầu năm 2023",
     ["Trước ngày 25/9/2023"], [ALL], [""]),
    ("IV", "QUÝ IV NĂM 2023"),
    ("1", "Tự chấm điểm thi đua theo Bảng tiêu chí chấm điểm của Cụm, gửi kèm báo cáo tổng kết năm",
     ["Trước ngày 10/12/2023"], [ALL], ["Cụm trưởng (thẩm định)"]),
    ("2", "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của Cụm; bình xét, suy tôn đơn vị "
          "dẫn đầu",
     ["Tháng 12/2023", "Địa điểm: huyện Tràng Định"], [HEAD], [MEMBERS]),
    ("3", "Tổng hợp hồ sơ, đề nghị UBND tỉnh tặng Cờ thi đua, Bằng khen cho các đơn vị dẫn đầu Cụm",
     ["Sau Hội nghị tổng kết, trước ngày 31/12/2023"], ["Cụm trưởng"], [""]),
]
HEADER = ["TT", "Nội dung công việc", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp"]
WIDTHS = [1.1, 6.6, 3.2, 2.6, 2.9]

CLOSING = [
    "1. Các đơn vị trong Cụm căn cứ Kế hoạch này chủ động triển khai thực hiện; gửi báo cáo, tài liệu về "
    "Cụm trưởng (qua Phòng Nội vụ huyện Tràng Định) đúng thời gian quy định để tổng hợp.",
    "2. Cụm trưởng, Cụm phó chỉ đạo, điều hành các hoạt động chung của Cụm; thông báo lịch kiểm tra chéo và "
    "chuẩn bị các điều kiện phục vụ các hội nghị của Cụm.",
    "Trên đây là Kế hoạch hoạt động năm 2023 của Cụm thi đua các huyện phía Bắc, đề nghị các đơn vị thành "
    "viên phối hợp thực hiện./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng tỉnh;",
    "- UBND các huyện: Văn Lãng, Bình Gia, Bắc Sơn, Văn Quan;",
    "- Phòng Nội vụ các huyện trong Cụm;",
    "- Lưu: VT, NV.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH LẠNG SƠN", {"bold": False}), "CỤM THI ĐUA CÁC HUYỆN PHÍA BẮC",
                            ("_____________", {"size": 10})],
                      "Số: 02/KH-CTĐ", "Tràng Định, ngày 10 tháng 01 năm 2023", left_width=7.0, right_width=9.0)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện phía Bắc năm 2023", bold=True, align=CENTER,
              indent=None, size=14)
    vbhc.para(doc, "___________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG, THỜI GIAN THỰC HIỆN", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, WIDTHS, (CENTER, JUSTIFY, CENTER, CENTER, LEFT), column_numbers=True)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA", "CỤM TRƯỞNG"], "Lương Văn Thắng", blank_lines=1)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND HUYỆN TRÀNG ĐỊNH")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Tràng Định", "Kế hoạch hoạt động Cụm thi đua các huyện phía Bắc năm 2023")


if __name__ == "__main__":
    for path in build():
        print(path)
