"""Render world 4's plan (Kế hoạch 2024 of the southern districts' and towns' cluster of Nghệ An) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world4.py`. Hand-written text;
the table differs from the other worlds: columns STT | Nội dung hoạt động | Đơn vị thực hiện |
Thời gian hoàn thành | Ghi chú, quarter rows ("Quý I", Arabic-free) merged across the row, items
numbered from 1 in each quarter (ids Q<quarter>-<n>), the host place in the Ghi chú column.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world4" / "plan"
STEM = "ke_hoach_cum_thi_dua_phia_nam_2024"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quy chế hoạt động của Cụm thi đua các huyện, thị xã phía Nam tỉnh Nghệ An,",
]
INTRO = "Cụm thi đua các huyện, thị xã phía Nam ban hành Kế hoạch hoạt động năm 2024, cụ thể như sau:"
PURPOSE = [
    "Cụ thể hóa các hoạt động của Cụm thi đua trong năm 2024, gắn với việc thực hiện nhiệm vụ chính trị "
    "của từng địa phương; phát huy vai trò của Cụm trưởng, Cụm phó.",
    "Phân công rõ đơn vị thực hiện và thời gian hoàn thành; các đơn vị gửi báo cáo đúng hạn, số liệu "
    "khen thưởng chính xác, có Quyết định kèm theo.",
]

ALL = "Các huyện, thị xã trong Cụm"
HEAD = "Cụm trưởng (UBND huyện Nam Đàn)"
ROWS = [
    ("Quý I",),
    ("1", "Đăng ký chỉ tiêu thi đua và nội dung giao ước thi đua năm 2024 gửi Cụm trưởng", [ALL],
     ["Trước ngày 15/01/2024"], [""]),
    ("2", "Tổ chức Hội nghị ký kết giao ước thi đua năm 2024", [HEAD, "Các đơn vị thành viên tham dự"],
     ["Tháng 02/2024"], ["Tại huyện Nam Đàn"]),
    ("3", "Phát động phong trào thi đua \"Dân vận khéo\" trong Cụm; đăng ký mô hình \"Dân vận khéo\" "
          "của từng đơn vị", [ALL], ["Tháng 3/2024"], [""]),
    ("Quý II",),
    ("1", "Tọa đàm trao đổi kinh nghiệm về xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu", [HEAD, ALL],
     ["Tháng 4/2024"], ["Huyện Thanh Chương đăng cai"]),
    ("2", "Hội thao truyền thống giữa các đơn vị trong Cụm chào mừng 134 năm Ngày sinh Chủ tịch Hồ Chí Minh "
          "(19/5/1890 - 19/5/2024)", [ALL], ["Tháng 5/2024"], ["Tại huyện Hưng Nguyên"]),
    ("3", "Gửi báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024 về Cụm trưởng", [ALL],
     ["Trước ngày 15/6/2024"], [""]),
    ("Quý III",),
    ("1", "Đoàn thăm, khảo sát mô hình điển hình tiên tiến và trao đổi kinh nghiệm giữa các đơn vị trong Cụm",
     [HEAD, ALL], ["Tháng 7 - 8/2024"], ["Tại thị xã Cửa Lò, huyện Nghi Lộc"]),
    ("2", "Xây dựng báo cáo chuyên đề về khen thưởng người trực tiếp lao động, sản xuất và khen thưởng "
          "đột xuất", [ALL], ["Trước ngày 31/8/2024"], [""]),
    ("3", "Gửi báo cáo công tác thi đua, khen thưởng 9 tháng năm 2024 về Cụm trưởng", [ALL],
     ["Trước ngày 20/9/2024"], [""]),
    ("Quý IV",),
    ("1", "Các đơn vị tự chấm điểm thi đua theo Bảng tiêu chí của Cụm, gửi Cụm trưởng thẩm định", [ALL],
     ["Trước ngày 05/12/2024"], ["Kèm minh chứng"]),
    ("2", "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024; bình xét, suy tôn đơn vị dẫn đầu Cụm",
     [HEAD, "Các đơn vị thành viên"], ["Tháng 12/2024"], ["Tại thị xã Cửa Lò"]),
    ("3", "Hoàn thiện hồ sơ đề nghị UBND tỉnh tặng Cờ thi đua, Bằng khen cho đơn vị dẫn đầu, đơn vị xuất sắc",
     [HEAD], ["Trước ngày 31/12/2024"], [""]),
]
HEADER = ["STT", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian hoàn thành", "Ghi chú"]
WIDTHS = [1.2, 7.0, 3.4, 2.8, 2.4]

CLOSING = [
    "1. Cụm trưởng chủ trì, phối hợp với Cụm phó (UBND huyện Hưng Nguyên) hướng dẫn, đôn đốc các đơn vị "
    "thực hiện Kế hoạch; tổng hợp kết quả gửi Ban Thi đua - Khen thưởng tỉnh.",
    "2. Các đơn vị thành viên giao Phòng Nội vụ làm đầu mối, gửi báo cáo về Cụm trưởng (qua Phòng Nội vụ "
    "huyện Nam Đàn) theo đúng thời gian quy định.",
    "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Cụm trưởng để kịp thời điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng tỉnh (b/c);",
    "- UBND các huyện, thị xã trong Cụm;",
    "- Phòng Nội vụ các đơn vị;",
    "- Lưu: VT, NV.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH NGHỆ AN", {"bold": False}), "CỤM THI ĐUA CÁC HUYỆN,", "THỊ XÃ PHÍA NAM",
                            ("_____________", {"size": 10})],
                      "Số: 01/KH-CTĐPN", "Nam Đàn, ngày 08 tháng 01 năm 2024", left_width=7.0, right_width=9.0)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện, thị xã phía Nam năm 2024", bold=True, align=CENTER,
              indent=None, size=14)
    vbhc.para(doc, "___________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. CÁC HOẠT ĐỘNG CỤ THỂ", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, WIDTHS, (CENTER, JUSTIFY, LEFT, CENTER, LEFT))
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA", "CỤM TRƯỞNG"], "Trần Đình Hùng", blank_lines=1)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND HUYỆN NAM ĐÀN")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Nam Đàn",
                                  "Kế hoạch hoạt động Cụm thi đua các huyện, thị xã phía Nam năm 2024")


if __name__ == "__main__":
    for path in build():
        print(path)
