"""Render world 13's plan (Kế hoạch 2026 of Cụm thi đua số 4 các xã, phường khu vực phía Tây, Lào Cai) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world13.py`. Hand-written text.
Layout: one landscape table STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện | Ghi chú,
NOT grouped by quarter but by content section (rows "I", "II", "III" with the section title merged across),
STT numbered from 1 within each section. Every item has a deadline (month or day). Item ids are not printed:
Q<quarter of the deadline>-<order among that quarter's items, in document order> (see world13/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world13" / "plan"
STEM = "ke_hoach_cum_thi_dua_so_4_nam_2026"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ "
    "quy định chi tiết một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định của UBND tỉnh Lào Cai về việc thành lập các Cụm thi đua các xã, phường và ban hành Quy "
    "định tổ chức, hoạt động của các Cụm, Khối thi đua thuộc tỉnh sau khi sắp xếp đơn vị hành chính;",
    "Căn cứ Chỉ thị của Ủy ban nhân dân tỉnh về phát động phong trào thi đua năm 2026,",
]
INTRO = ("Ủy ban nhân dân phường Cầu Thia - Trưởng Cụm thi đua số 4 các xã, phường khu vực phía Tây xây dựng Kế "
         "hoạch hoạt động của Cụm năm 2026 như sau:")
PURPOSE = [
    "- Cụ thể hóa các nội dung thi đua, khen thưởng năm 2026 của Cụm; gắn phong trào thi đua với thực hiện "
    "nhiệm vụ phát triển kinh tế - xã hội, xây dựng chính quyền địa phương hai cấp hoạt động hiệu lực, hiệu quả.",
    "- Các hoạt động của Cụm thiết thực, tiết kiệm; các xã, phường thực hiện nghiêm chế độ thông tin, báo cáo.",
]

ALL = "Các xã, phường trong Cụm"
HEAD = "UBND phường Cầu Thia (Trưởng Cụm)"
HEADER = ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Ghi chú"]
ROWS = [
    ["I", "CÔNG TÁC TỔ CHỨC, CHỈ ĐẠO"],
    ["1", "Xây dựng bản đăng ký giao ước thi đua, các chỉ tiêu thi đua chủ yếu năm 2026 của đơn vị, gửi Trưởng "
          "Cụm (qua Tổ thư ký Cụm)", ALL, "", "Trước ngày 25/01/2026", "Gửi kèm bản điện tử"],
    ["2", "Tổ chức Hội nghị triển khai Kế hoạch hoạt động năm 2026 và ký kết giao ước thi đua giữa các xã, "
          "phường trong Cụm", HEAD, ALL, "Tháng 02/2026", "Tại phường Cầu Thia"],
    ["3", "Tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 của Cụm; thống nhất nhiệm "
          "vụ 6 tháng cuối năm", "UBND xã Tú Lệ (Cụm phó)", "Trưởng Cụm; các xã, phường trong Cụm",
     "Tháng 7/2026", "Tại xã Tú Lệ"],
    ["4", "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026; bình xét, suy tôn đơn vị dẫn đầu, "
          "đề nghị UBND tỉnh khen thưởng", HEAD, ALL, "Tháng 12/2026", ""],
    ["II", "PHONG TRÀO THI ĐUA"],
    ["1", "Ban hành kế hoạch, phát động phong trào thi đua \"Chung sức xây dựng nông thôn mới, đô thị văn minh, "
          "giảm nghèo bền vững\" năm 2026 tại địa phương", ALL, "", "Trước ngày 31/3/2026", ""],
    ["2", "Tổ chức Ngày hội Văn hóa - Thể thao các dân tộc Cụm thi đua số 4 lần thứ nhất, năm 2026",
     "UBND xã Púng Luông", "Các xã, phường còn lại", "Tháng 5/2026", "Tại xã Púng Luông; mỗi đơn vị tham gia "
                                                                   "ít nhất 03 nội dung"],
    ["3", "Xây dựng ít nhất 01 mô hình điểm thực hiện phong trào \"Bình dân học vụ số\" tại thôn, tổ dân phố; "
          "báo cáo kết quả về Trưởng Cụm", ALL, "", "Trước ngày 30/9/2026", ""],
    ["4", "Hưởng ứng Tháng cao điểm \"Vì người nghèo\" năm 2026; vận động ủng hộ Quỹ \"Vì người nghèo\" và hỗ "
          "trợ xóa nhà tạm, nhà dột nát", ALL, "Ủy ban MTTQ Việt Nam cấp xã", "Từ 17/10 đến 18/11/2026", ""],
    ["III", "CÔNG TÁC KHEN THƯỞNG, KIỂM TRA, BÁO CÁO"],
    ["1", "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026, gửi Trưởng Cụm", ALL, "",
     "Trước ngày 10/6/2026", ""],
    ["2", "Kiểm tra chéo công tác thi đua, khen thưởng và việc thực hiện giao ước thi đua (đơn vị được kiểm tra "
          "năm 2026: xã Gia Hội, xã Sơn Lương)", "Trưởng Cụm, Cụm phó", ALL, "Tháng 8/2026",
     "Đoàn kiểm tra do Trưởng Cụm thành lập"],
    ["3", "Tự chấm điểm thi đua năm 2026 theo Bảng tiêu chí của Cụm; gửi Báo cáo tổng kết năm kèm bảng tự chấm "
          "điểm về Trưởng Cụm", ALL, "", "Trước ngày 20/11/2026", ""],
]
CLOSING = [
    "1. Các xã, phường trong Cụm căn cứ Kế hoạch này chủ động triển khai; giao công chức phụ trách công tác thi "
    "đua, khen thưởng (Phòng Văn hóa - Xã hội) làm đầu mối, phối hợp với Tổ thư ký Cụm.",
    "2. UBND xã Tú Lệ (Cụm phó) phối hợp với Trưởng Cụm theo dõi, đôn đốc việc thực hiện Kế hoạch.",
    "3. Văn phòng HĐND và UBND phường Cầu Thia (thường trực Tổ thư ký Cụm) tổng hợp kết quả, báo cáo Trưởng Cụm "
    "và Ban Thi đua - Khen thưởng (Sở Nội vụ). Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh "
    "về Trưởng Cụm để thống nhất điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- UBND các xã: Tú Lệ, Gia Hội, Sơn Lương, Púng Luông, Thượng Bằng La;",
    "- CT, các PCT UBND phường;",
    "- Lưu: VT, VHXH.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=13, landscape=True)
    vbhc.header_block(doc, [("ỦY BAN NHÂN DÂN", {"bold": False}), "PHƯỜNG CẦU THIA",
                            ("CỤM THI ĐUA SỐ 4", {"bold": True, "size": 12})],
                      "Số: 02/KH-CTĐ4", "Cầu Thia, ngày 15 tháng 01 năm 2026", left_width=8.5, right_width=14.0)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua số 4 các xã, phường khu vực phía Tây năm 2026", bold=True,
              align=CENTER, indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, text)
    vbhc.para(doc, "II. NỘI DUNG, THỜI GIAN THỰC HIỆN", bold=True, keep_first=True)
    aligns = [CENTER, LEFT, LEFT, LEFT, CENTER, LEFT]
    vbhc.plan_table(doc, HEADER, ROWS, [1.4, 8.8, 4.0, 4.2, 3.5, 3.0], aligns, size=12)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA SỐ 4", "TRƯỞNG CỤM"], "Hoàng Minh Tuấn",
                         blank_lines=2, left_width=10.0, right_width=12.5)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND PHƯỜNG CẦU THIA")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Văn phòng HĐND và UBND phường Cầu Thia",
                                  "Kế hoạch hoạt động Cụm thi đua số 4 năm 2026")


if __name__ == "__main__":
    for path in build():
        print(path)
