"""Render world 17's plan (Kế hoạch 2024 of the Khối thi đua các doanh nghiệp nhà nước và hợp tác xã tỉnh Gia Lai)
as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world17.py`. Hand-written text.
Layout: one task table with five columns TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian
thực hiện. The rows are grouped by subject, not by quarter: each group opens with a row whose TT cell holds a Roman
numeral ("I", "II", "III") and whose heading is merged over the other columns. Items are numbered 1..12 straight
through the year, the numbering does not restart in a group; an item's id is its number ("1" .. "12").
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world17" / "plan"
STEM = "ke_hoach_khoi_thi_dua_dnnn_htx_gia_lai_2024"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 "
    "năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định của UBND tỉnh Gia Lai về việc ban hành Quy định tổ chức và hoạt động của các Cụm, Khối thi "
    "đua thuộc tỉnh;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và thống nhất của các đơn vị thành "
    "viên về việc luân phiên Trưởng Khối, Phó Trưởng Khối năm 2024,",
]
INTRO = ("Công ty TNHH MTV Xổ số kiến thiết Gia Lai, đơn vị Trưởng Khối thi đua các doanh nghiệp nhà nước và hợp tác "
         "xã tỉnh năm 2024, xây dựng Kế hoạch hoạt động của Khối năm 2024 với các nội dung sau:")
PURPOSE = [
    "Tổ chức sâu rộng các phong trào thi đua yêu nước trong người lao động, xã viên; gắn thi đua với nhiệm vụ sản "
    "xuất, kinh doanh, nâng cao hiệu quả sử dụng vốn nhà nước và phát triển kinh tế tập thể của tỉnh.",
    "Thi đua phải thiết thực, có trọng tâm; kịp thời phát hiện, biểu dương và nhân rộng các gương điển hình "
    "tiên tiến. Các đơn vị thực hiện nghiêm chế độ báo cáo, gửi văn bản về Trưởng Khối đúng thời hạn quy định "
    "để làm căn cứ chấm điểm, bình xét cuối năm.",
]

ALL = "Các đơn vị trong Khối"
HEAD = "Công ty XSKT Gia Lai (Trưởng Khối)"
DEPUTY = "Công ty TNHH MTV Khai thác công trình thủy lợi Gia Lai (Phó Trưởng Khối)"
# ("I", heading) = a group row; (tt, content, lead, partners, time) = an item row.
ROWS = [
    ("I", "ĐĂNG KÝ THI ĐUA, KÝ KẾT GIAO ƯỚC VÀ PHÁT ĐỘNG THI ĐUA"),
    ("1", "Xây dựng bản đăng ký thi đua và các chỉ tiêu thi đua năm 2024 của đơn vị (kèm nội dung giao ước), gửi "
          "về Trưởng Khối qua Phòng Tổ chức - Hành chính Công ty XSKT Gia Lai", ALL, "", "Trước ngày 31/01/2024"),
    ("2", "Tổ chức Hội nghị triển khai hoạt động năm 2024 và ký kết giao ước thi đua giữa các đơn vị trong Khối",
          HEAD, "Phó Trưởng Khối; các đơn vị trong Khối", "Tháng 3/2024\nĐịa điểm: Hội trường Công ty XSKT Gia Lai"),
    ("3", "Ban hành kế hoạch tổ chức phong trào thi đua năm 2024 tại đơn vị; phát động thi đua đến các phòng, ban, "
          "đơn vị trực thuộc, hợp tác xã thành viên", ALL, "Công đoàn cơ sở", "Trước ngày 15/3/2024"),
    ("II", "CÁC PHONG TRÀO THI ĐUA VÀ HOẠT ĐỘNG CHUNG CỦA KHỐI"),
    ("4", "Triển khai phong trào thi đua \"Lao động giỏi, lao động sáng tạo\"; mỗi đơn vị đăng ký ít nhất 01 sáng "
          "kiến, giải pháp cải tiến kỹ thuật, quản lý và gửi danh mục về Trưởng Khối", ALL, "Công đoàn cơ sở",
          "Đăng ký trước ngày 30/4/2024"),
    ("5", "Tổ chức Giải giao lưu thể thao của Khối (bóng đá mini, cầu lông) chào mừng Ngày Quốc tế Lao động 01/5 "
          "và kỷ niệm 49 năm Ngày giải phóng tỉnh Gia Lai", "Công ty TNHH MTV Cao su Chư Sê", ALL,
          "Tháng 4/2024\nĐịa điểm: huyện Chư Sê"),
    ("6", "Chương trình an sinh \"Khối doanh nghiệp chung tay vì người nghèo\": vận động đóng góp, hỗ trợ xây dựng "
          "nhà Đại đoàn kết cho hộ nghèo (mỗi đơn vị ít nhất 20 triệu đồng)", "Liên minh Hợp tác xã tỉnh",
          "Các đơn vị trong Khối; Ủy ban MTTQ Việt Nam các huyện", "Hoàn thành trong tháng 10/2024"),
    ("7", "Phát hiện, lựa chọn và giới thiệu ít nhất 01 điển hình tiên tiến (tập thể hoặc cá nhân) của đơn vị để "
          "Khối tuyên truyền, nhân rộng", ALL, "", "Trước ngày 30/9/2024"),
    ("III", "KIỂM TRA, SƠ KẾT, TỔNG KẾT VÀ KHEN THƯỞNG"),
    ("8", "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024, gửi Trưởng Khối", ALL, "",
          "Trước ngày 20/6/2024"),
    ("9", "Tổ chức Hội nghị sơ kết công tác thi đua 6 tháng đầu năm của Khối; thống nhất nhiệm vụ 6 tháng cuối năm",
          HEAD, DEPUTY, "Tháng 7/2024\nĐịa điểm: Công ty Khai thác công trình thủy lợi Gia Lai"),
    ("10", "Kiểm tra chéo công tác thi đua, khen thưởng và việc thực hiện giao ước thi đua năm 2024. Đơn vị được "
           "kiểm tra: Công ty TNHH MTV Cao su Chư Sê, Liên minh Hợp tác xã tỉnh", "Trưởng Khối, Phó Trưởng Khối",
           "Các đơn vị được kiểm tra", "Tháng 9/2024"),
    ("11", "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 kèm bảng tự chấm điểm theo Bảng tiêu chí thi "
           "đua của Khối, gửi Trưởng Khối", ALL, "", "Trước ngày 20/11/2024"),
    ("12", "Tổ chức Hội nghị tổng kết năm 2024 của Khối; bình xét, suy tôn đơn vị dẫn đầu, đơn vị xuất sắc; hoàn "
           "thiện hồ sơ đề nghị UBND tỉnh tặng Cờ thi đua, Bằng khen", HEAD, ALL, "Tháng 12/2024"),
]
HEADER = ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
WIDTHS = [1.0, 6.1, 3.0, 2.8, 3.3]
ALIGNS = [CENTER, JUSTIFY, CENTER, CENTER, CENTER]

CLOSING = [
    "Các đơn vị thành viên căn cứ Kế hoạch này chủ động xây dựng kế hoạch của đơn vị, phân công lãnh đạo và cán "
    "bộ phụ trách công tác thi đua, khen thưởng làm đầu mối liên hệ với Trưởng Khối.",
    "Phó Trưởng Khối phối hợp với Trưởng Khối điều hành các hoạt động chung; đơn vị chủ trì từng nội dung chủ động "
    "xây dựng kế hoạch chi tiết, gửi các đơn vị trước khi tổ chức ít nhất 10 ngày.",
    "Giao Phòng Tổ chức - Hành chính Công ty XSKT Gia Lai giúp Trưởng Khối theo dõi, đôn đốc, tổng hợp kết quả thực "
    "hiện, báo cáo Ban Thi đua - Khen thưởng (Sở Nội vụ). Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị "
    "phản ánh về Trưởng Khối để kịp thời điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- Các đơn vị trong Khối thi đua;",
    "- Chủ tịch, Giám đốc Công ty;",
    "- Lưu: VT, TCHC.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH GIA LAI", {"bold": False, "size": 11}),
                            ("KHỐI THI ĐUA CÁC DOANH", {"bold": True, "size": 11}),
                            ("NGHIỆP NHÀ NƯỚC VÀ HTX", {"bold": True, "size": 11})],
                      "Số: 01/KH-KTĐDN", "Gia Lai, ngày 15 tháng 01 năm 2024", left_width=6.6, right_width=9.6)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Khối thi đua các doanh nghiệp nhà nước", bold=True, align=CENTER, indent=None,
              size=14, space_after=0)
    vbhc.para(doc, "và hợp tác xã tỉnh năm 2024", bold=True, align=CENTER, indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG, PHÂN CÔNG VÀ THỜI GIAN THỰC HIỆN", bold=True)
    rows = [row if len(row) == 2 else [row[0], row[1], row[2], row[3], row[4].split("\n")] for row in ROWS]
    vbhc.plan_table(doc, HEADER, rows, WIDTHS, ALIGNS, size=11.5)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for k, text in enumerate(CLOSING, start=1):
        vbhc.para(doc, f"{k}. {text}")
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI"], "Phạm Quang Vinh", blank_lines=1)
    vbhc.signer_office(doc, "GIÁM ĐỐC CÔNG TY TNHH MTV XỔ SỐ KIẾN THIẾT GIA LAI")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Tổ chức - Hành chính Công ty XSKT Gia Lai",
                                  "Kế hoạch hoạt động Khối thi đua các doanh nghiệp nhà nước và hợp tác xã tỉnh năm 2024")


if __name__ == "__main__":
    for path in build():
        print(path)
