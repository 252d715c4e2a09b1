"""Render world 14's plan (Kế hoạch 2025 of the bloc of socio-political organisations of Thanh Hóa) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world14.py`. Hand-written text.
Layout: one task table with six columns in the order TT | Thời gian | Nội dung công việc | Đơn vị chủ trì |
Đơn vị phối hợp | Ghi chú; each quarter opens with a merged section row ("QUÝ I" ... "QUÝ IV") across all
columns; items are numbered from 1 again in each quarter (ids Q<quarter>-<n>). The table is split in two at a
page break inside item 2 of Quý III: its text goes on in the first row of the second part, a row whose TT
and Thời gian cells are empty (the tail of Q3-2, not a new item). The second part has no header row.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world14" / "plan"
STEM = "ke_hoach_khoi_thi_dua_ctxh_thanh_hoa_2025"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành;",
    "Căn cứ Quy định về tổ chức và hoạt động của các Cụm, Khối thi đua thuộc tỉnh Thanh Hóa;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024 của Khối thi đua các tổ chức "
    "chính trị - xã hội tỉnh,",
]
INTRO = ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh - Trưởng Khối thi đua các tổ chức chính trị - xã hội tỉnh xây dựng "
         "Kế hoạch hoạt động của Khối năm 2025 như sau:")
PURPOSE = [
    "Đẩy mạnh các phong trào thi đua yêu nước trong đoàn viên, hội viên và các tầng lớp Nhân dân, lập thành tích "
    "chào mừng các ngày lễ lớn, các sự kiện chính trị quan trọng của đất nước, của tỉnh năm 2025.",
    "Các đơn vị trong Khối chủ động phối hợp, thực hiện nghiêm chế độ thông tin, báo cáo; văn bản gửi Trưởng Khối "
    "đúng thời hạn, đồng thời gửi bản điện tử qua hộp thư công vụ của Ban Tổ chức - Kiểm tra Ủy ban MTTQ tỉnh.",
]

ALL = "Các đơn vị trong Khối"
HEAD = "Ủy ban MTTQ tỉnh (Trưởng Khối)"
# Rows: ("Q", title) = merged section row; (tt, time, content, lead, partners, note) = a task row.
PART_1 = [
    ("Q", "QUÝ I"),
    ("1", "Trước ngày 20/01/2025",
     "Xây dựng bản đăng ký giao ước thi đua và các chỉ tiêu thi đua năm 2025 của đơn vị, gửi về Trưởng Khối "
     "(qua Ban Tổ chức - Kiểm tra Ủy ban MTTQ tỉnh) để tổng hợp", ALL, "", "Gửi kèm bản điện tử"),
    ("2", "Tháng 02/2025",
     "Tổ chức Hội nghị triển khai nhiệm vụ thi đua, khen thưởng năm 2025 và ký kết giao ước thi đua giữa các "
     "đơn vị trong Khối", HEAD, ALL, "Tại Ủy ban MTTQ tỉnh"),
    ("3", "Tháng 3/2025",
     "Ban hành kế hoạch, phát động đợt thi đua cao điểm chào mừng kỷ niệm 50 năm Ngày giải phóng miền Nam, "
     "thống nhất đất nước (30/4/1975 - 30/4/2025), 80 năm Cách mạng Tháng Tám và Quốc khánh 2/9, hướng tới "
     "Đại hội Đảng bộ tỉnh lần thứ XX", ALL, "", "Gửi Trưởng Khối trước 31/3/2025"),
    ("Q", "QUÝ II"),
    ("1", "Tháng 4/2025",
     "Tổ chức Hội thao truyền thống của Khối năm 2025 chào mừng Ngày Quốc tế Lao động 1/5 (các môn: bóng "
     "chuyền hơi, kéo co, cầu lông, cờ tướng)", "Liên đoàn Lao động tỉnh", ALL,
     "Tại Nhà Văn hóa Lao động tỉnh"),
    ("2", "Tháng 4 - 6/2025",
     "Vận động, hỗ trợ xóa nhà tạm, nhà dột nát cho hộ nghèo, hộ cận nghèo, gia đình chính sách là đoàn viên, "
     "hội viên; mỗi đơn vị hỗ trợ ít nhất 05 nhà", "Phó Trưởng Khối và các đơn vị", "Ủy ban MTTQ tỉnh",
     "Báo cáo kết quả trước 30/6/2025"),
    ("3", "Trước ngày 15/6/2025",
     "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2025, gửi Trưởng Khối", ALL, "", ""),
    ("Q", "QUÝ III"),
    ("1", "Tháng 7/2025",
     "Tổ chức Hội nghị sơ kết công tác thi đua 6 tháng đầu năm của Khối; thống nhất nhiệm vụ trọng tâm 6 tháng "
     "cuối năm", HEAD, "Hội Nông dân tỉnh (Phó Trưởng Khối), các đơn vị", ""),
    ("2", "Tháng 8 - 9/2025",
     "Kiểm tra chéo công tác thi đua, khen thưởng và việc thực hiện giao ước thi đua năm 2025 tại các đơn vị; "
     "đơn vị được kiểm tra năm 2025: Hội Cựu chiến binh tỉnh, Tỉnh đoàn;",
     "Trưởng Khối, Phó Trưởng Khối", ALL, "Đoàn kiểm tra của Khối"),
]
PART_2 = [
    ("", "", "kết hợp trao đổi kinh nghiệm phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến trong các "
             "phong trào thi đua", "", "", ""),
    ("3", "Tháng 9/2025",
     "Tổ chức Diễn đàn \"Phụ nữ, thanh niên, nông dân khởi nghiệp và chuyển đổi số\" năm 2025",
     "Hội LHPN tỉnh", "Tỉnh đoàn, Hội Nông dân tỉnh", "Địa điểm: thành phố Thanh Hóa"),
    ("Q", "QUÝ IV"),
    ("1", "Trước ngày 20/11/2025",
     "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2025 kèm bảng tự chấm điểm theo bảng tiêu chí của Khối, "
     "gửi Trưởng Khối", ALL, "", ""),
    ("2", "Tháng 12/2025",
     "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025 của Khối; bình xét, suy tôn đơn vị dẫn "
     "đầu, đơn vị xuất sắc", HEAD, ALL, ""),
    ("3", "Trước ngày 31/12/2025",
     "Tổng hợp, hoàn thiện hồ sơ đề nghị khen thưởng của Khối, trình Hội đồng Thi đua - Khen thưởng tỉnh "
     "(qua Sở Nội vụ)", "Trưởng Khối", "", ""),
]
HEADER = ["TT", "Thời gian", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Ghi chú"]
WIDTHS = [1.0, 2.4, 5.9, 2.5, 2.4, 2.0]
ALIGNS = [CENTER, CENTER, JUSTIFY, CENTER, CENTER, LEFT]
SIZE = 11

CLOSING = [
    "Các đơn vị trong Khối căn cứ Kế hoạch này chủ động triển khai thực hiện; phân công một đồng chí lãnh đạo và "
    "một cán bộ làm đầu mối theo dõi công tác thi đua của Khối.",
    "Phó Trưởng Khối (Hội Nông dân tỉnh) phối hợp với Trưởng Khối điều hành hoạt động của Khối. Giao Ban Tổ chức - "
    "Kiểm tra Ủy ban MTTQ tỉnh theo dõi, đôn đốc, tổng hợp kết quả, báo cáo Trưởng Khối và Ban Thi đua - Khen "
    "thưởng (Sở Nội vụ). Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị phản ánh về Trưởng Khối "
    "để thống nhất điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- Hội Nông dân tỉnh, Hội LHPN tỉnh, Tỉnh đoàn,",
    "  Hội CCB tỉnh, LĐLĐ tỉnh;",
    "- Thường trực Ủy ban MTTQ tỉnh;",
    "- Lưu: VT, Ban TC-KT.",
]


def keep_row_whole(row) -> None:
    """Forbid a row to break across pages (the break of the plan falls between two rows, as typed)."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def task_table(doc, rows, *, with_header: bool):
    """One bordered part of the plan table; the first part carries the header row."""
    n = len(HEADER)
    top = 1 if with_header else 0
    t = vbhc.grid(doc, len(rows) + top, n, WIDTHS)
    if with_header:
        for i, h in enumerate(HEADER):
            vbhc.cell_text(t.cell(0, i), [h], bold=True, align=CENTER, size=SIZE)
        vbhc.repeat_header(t.rows[0])
    for row_obj in t.rows:
        keep_row_whole(row_obj)
    for k, row in enumerate(rows):
        r = top + k
        if row[0] == "Q":
            vbhc.cell_text(t.cell(r, 0).merge(t.cell(r, n - 1)), [row[1]], bold=True, align=LEFT, size=SIZE)
            continue
        for c, (value, align) in enumerate(zip(row, ALIGNS)):
            vbhc.cell_text(t.cell(r, c), [value], align=align, size=SIZE)
    return t


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("ỦY BAN MTTQ VIỆT NAM TỈNH THANH HÓA", {"bold": False, "size": 11.5}),
                            ("KHỐI THI ĐUA CÁC TỔ CHỨC", {"bold": True, "size": 12.5}),
                            ("CHÍNH TRỊ - XÃ HỘI TỈNH", {"bold": True, "size": 12.5})],
                      "Số: 03/KH-KTĐ", "Thanh Hóa, ngày 10 tháng 01 năm 2025", left_width=7.4, right_width=8.8)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Khối thi đua các tổ chức chính trị - xã hội tỉnh năm 2025", bold=True,
              align=CENTER, indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG, THỜI GIAN VÀ PHÂN CÔNG THỰC HIỆN", bold=True)
    task_table(doc, PART_1, with_header=True)
    vbhc.para(doc, "", indent=None, size=2, space_after=0)  # the page ends here (second part starts a page)
    task_table(doc, PART_2, with_header=False)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI"], "Lê Thị Minh Hằng", blank_lines=1)
    vbhc.signer_office(doc, "CHỦ TỊCH ỦY BAN MTTQ VIỆT NAM TỈNH")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Ban Tổ chức - Kiểm tra Ủy ban MTTQ tỉnh Thanh Hóa",
                                  "Kế hoạch hoạt động Khối thi đua các tổ chức chính trị - xã hội tỉnh năm 2025")


if __name__ == "__main__":
    for path in build():
        print(path)
