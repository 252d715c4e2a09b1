"""Render world 7's plan (Kế hoạch 2025 of the bloc of general-economy departments of Hà Tĩnh) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world7.py`. Hand-written text;
a bloc of provincial departments (Khối thi đua), not a cluster of districts: four columns (STT | Nội dung
công việc | Đơn vị thực hiện | Thời gian hoàn thành), a row of column numbers, quarter rows written in
capitals with their months ("QUÝ I (tháng 01 - tháng 3/2025)") merged across the whole row, items
numbered from 1 within each quarter (ids Q<quarter>-<n>), the responsible units as dash lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world7" / "plan"
STEM = "ke_hoach_khoi_thi_dua_2025"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ "
    "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định của UBND tỉnh Hà Tĩnh ban hành Quy chế tổ chức và hoạt động của các Cụm, Khối thi đua "
    "thuộc tỉnh;",
    "Căn cứ Quy chế hoạt động của Khối thi đua các sở kinh tế tổng hợp năm 2025,",
]
INTRO = ("Trưởng Khối thi đua các sở kinh tế tổng hợp (Sở Tài chính) xây dựng Kế hoạch hoạt động của Khối năm 2025 "
         "như sau:")
PURPOSE = [
    "Cụ thể hóa nhiệm vụ thi đua năm 2025 của Khối; tạo sự thống nhất trong chỉ đạo, điều hành giữa Trưởng Khối, "
    "Phó Trưởng Khối và các đơn vị thành viên.",
    "Các hoạt động của Khối thiết thực, tiết kiệm, gắn với nhiệm vụ chính trị của từng ngành; các đơn vị thực hiện "
    "đầy đủ chế độ thông tin, báo cáo theo thời gian quy định.",
]

ALL = "- Các đơn vị thành viên"
HEAD = "- Trưởng Khối (Sở Tài chính)"
ROWS = [
    ("QUÝ I (tháng 01 - tháng 3/2025)",),
    ("1", ["Xây dựng bản đăng ký giao ước thi đua và các chỉ tiêu thi đua năm 2025 của đơn vị, gửi Trưởng Khối"],
     [ALL], ["Trước ngày 25/01/2025"]),
    ("2", ["Tổ chức Hội nghị triển khai nhiệm vụ năm 2025 và ký kết giao ước thi đua giữa các đơn vị trong Khối"],
     [HEAD, ALL], ["Tháng 02/2025"]),
    ("3", ["Ban hành kế hoạch phát động phong trào thi đua chào mừng kỷ niệm 80 năm Ngày Cách mạng tháng Tám "
           "thành công và Quốc khánh 02/9 (1945 - 2025) tại đơn vị"], [ALL], ["Trước ngày 31/3/2025"]),
    ("QUÝ II (tháng 4 - tháng 6/2025)",),
    ("1", ["Tổ chức Hội thảo chuyên đề \"Chuyển đổi số trong quản lý nhà nước các ngành kinh tế tổng hợp\""],
     ["- Sở Khoa học và Công nghệ chủ trì", "- Các đơn vị thành viên phối hợp"], ["Tháng 5/2025"]),
    ("2", ["Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2025, gửi Trưởng Khối"], [ALL],
     ["Trước ngày 15/6/2025"]),
    ("QUÝ III (tháng 7 - tháng 9/2025)",),
    ("1", ["Tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025 của Khối"], [HEAD, ALL], ["Tháng 7/2025"]),
    ("2", ["Kiểm tra chéo công tác thi đua, khen thưởng tại các đơn vị thành viên (đơn vị được kiểm tra năm "
           "2025: Sở Công Thương, Sở Xây dựng)"], [HEAD, ALL], ["Tháng 8 - tháng 9/2025"]),
    ("3", ["Tổ chức Chương trình \"Mái ấm nghĩa tình\" hỗ trợ xóa nhà tạm, nhà dột nát cho hộ nghèo, hộ cận "
           "nghèo"], ["- Sở Xây dựng chủ trì", ALL], ["Tháng 8/2025"]),
    ("QUÝ IV (tháng 10 - tháng 12/2025)",),
    ("1", ["Tự đánh giá, chấm điểm thi đua năm 2025 theo bảng tiêu chí của Khối, gửi Trưởng Khối kèm báo cáo "
           "tổng kết"], [ALL], ["Trước ngày 30/11/2025"]),
    ("2", ["Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025; bình xét, suy tôn đơn vị dẫn đầu "
           "Khối"], [HEAD, ALL], ["Tháng 12/2025"]),
    ("3", ["Tổng hợp hồ sơ đề nghị khen thưởng của Khối, trình Hội đồng Thi đua - Khen thưởng tỉnh"], [HEAD],
     ["Trước ngày 31/12/2025"]),
]
HEADER = ["STT", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian hoàn thành"]
WIDTHS = [1.4, 7.6, 4.0, 3.2]

CLOSING = [
    "Các đơn vị thành viên căn cứ Kế hoạch này chủ động triển khai thực hiện; báo cáo, văn bản gửi về Trưởng Khối "
    "qua Văn phòng Sở Tài chính và hộp thư điện tử của Khối.",
    "Phó Trưởng Khối (Sở Công Thương) phối hợp với Trưởng Khối đôn đốc, theo dõi việc thực hiện. Trong quá trình "
    "thực hiện, nếu có vướng mắc, các đơn vị kịp thời phản ánh về Trưởng Khối để thống nhất điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- Các sở: Công Thương, Xây dựng, Nông nghiệp và Môi trường, Khoa học và Công nghệ;",
    "- Lãnh đạo Sở;",
    "- Lưu: VT, VP.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH HÀ TĨNH", {"bold": False}), "KHỐI THI ĐUA CÁC SỞ", "KINH TẾ TỔNG HỢP"],
                      "Số: 01/KH-KTĐ", "Hà Tĩnh, ngày 10 tháng 01 năm 2025", left_width=6.6, right_width=9.6)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Khối thi đua các sở kinh tế tổng hợp năm 2025", bold=True, align=CENTER,
              indent=None, size=14)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG, THỜI GIAN THỰC HIỆN", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, WIDTHS, (CENTER, JUSTIFY, LEFT, CENTER), size=12.5, column_numbers=True)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI"], "Trần Minh Đức", blank_lines=2)
    vbhc.signer_office(doc, "GIÁM ĐỐC SỞ TÀI CHÍNH")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Văn phòng Sở Tài chính Hà Tĩnh",
                                  "Kế hoạch hoạt động Khối thi đua các sở kinh tế tổng hợp năm 2025")


if __name__ == "__main__":
    for path in build():
        print(path)
