"""Render world 6's plan (Kế hoạch 2024 of the cluster of western mountain districts of Thanh Hóa) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world6.py`. Hand-written text;
a layout unlike the quarter tables of the other worlds: five columns (STT | Nội dung hoạt động | Đơn vị chủ
trì | Đơn vị phối hợp | Thời gian thực hiện), the rows grouped by field (I. tổ chức, II. chuyên đề và
phong trào, III. kiểm tra, sơ kết, tổng kết) under Roman-numeral rows merged across the table, items
numbered 1..11 straight through the groups, deadlines and places in the last column. The stable ids
Q<quarter>-<n> follow the quarter of the deadline and the order of the items within that quarter as they
appear in the table (see sample_docs/world6/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world6" / "plan"
STEM = "ke_hoach_cum_thi_dua_mien_nui_phia_tay_2024"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ "
    "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định của UBND tỉnh Thanh Hóa ban hành Quy chế tổ chức và hoạt động của các Cụm, Khối thi đua "
    "thuộc tỉnh Thanh Hóa;",
    "Căn cứ kết quả Hội nghị tổng kết năm 2023 của Cụm thi đua các huyện miền núi phía Tây và thống nhất của "
    "các đơn vị trong Cụm,",
]
INTRO = ("UBND huyện Quan Sơn (Cụm trưởng) xây dựng Kế hoạch hoạt động của Cụm thi đua các huyện miền núi phía "
         "Tây năm 2024 như sau:")
PURPOSE = [
    "Đẩy mạnh các phong trào thi đua yêu nước gắn với thực hiện Chương trình mục tiêu quốc gia phát triển kinh "
    "tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi, giảm nghèo bền vững và xây dựng nông thôn mới.",
    "Các hoạt động của Cụm thiết thực, tiết kiệm, phù hợp điều kiện địa hình, giao thông của các huyện miền núi; "
    "các đơn vị gửi báo cáo đúng thời gian, làm căn cứ chấm điểm, bình xét thi đua cuối năm.",
]

ALL = ["Các huyện trong Cụm"]
HEAD = ["UBND huyện Quan Sơn", "(Cụm trưởng)"]
ROWS = [
    ("I", "CÔNG TÁC TỔ CHỨC, ĐĂNG KÝ THI ĐUA"),
    (["1"], ["Đăng ký danh hiệu, chỉ tiêu thi đua năm 2024 và tổ chức ký kết Giao ước thi đua giữa các huyện "
             "trong Cụm"], HEAD, ALL, ["Trước ngày 31/01/2024"]),
    (["2"], ["Kiện toàn Tổ giúp việc Cụm thi đua; thống nhất đầu mối, hộp thư điện tử tiếp nhận văn bản của "
             "Cụm"], HEAD, ["UBND huyện Mường Lát (Cụm phó)"], ["Tháng 02/2024"]),
    (["3"], ["Ban hành kế hoạch phát động phong trào thi đua \"Chung sức xây dựng nông thôn mới, giảm nghèo bền "
             "vững vùng đồng bào dân tộc thiểu số\" năm 2024 tại từng huyện"], ALL, [""],
     ["Trước ngày 15/3/2024"]),
    ("II", "HOẠT ĐỘNG CHUYÊN ĐỀ, PHONG TRÀO"),
    (["4"], ["Hội nghị chuyên đề \"Giảm nghèo bền vững gắn với thực hiện Chương trình mục tiêu quốc gia phát "
             "triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi\""], ["UBND huyện Bá Thước"],
     ALL, ["Tháng 5/2024", "Địa điểm: huyện Bá Thước"]),
    (["5"], ["Ngày hội Văn hóa - Thể thao các dân tộc các huyện miền núi phía Tây lần thứ III"],
     ["UBND huyện Thường Xuân"], ALL, ["Tháng 8/2024", "Địa điểm: huyện Thường Xuân"]),
    (["6"], ["Trao đổi kinh nghiệm, giới thiệu mô hình \"Dân vận khéo\" trong xây dựng nông thôn mới; mỗi huyện "
             "giới thiệu ít nhất 01 mô hình tiêu biểu"], ["UBND huyện Lang Chánh"], ALL, ["Tháng 9/2024"]),
    ("III", "KIỂM TRA, SƠ KẾT, TỔNG KẾT"),
    (["7"], ["Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024, gửi Cụm trưởng"], ALL, [""],
     ["Trước ngày 10/6/2024"]),
    (["8"], ["Hội nghị sơ kết 6 tháng đầu năm 2024 của Cụm"], HEAD, ALL,
     ["Tháng 7/2024", "Địa điểm: huyện Quan Hóa"]),
    (["9"], ["Kiểm tra chéo công tác thi đua, khen thưởng (đơn vị được kiểm tra năm 2024: huyện Quan Hóa, "
             "huyện Lang Chánh)"], HEAD + ["UBND huyện Mường Lát (Cụm phó)"], ALL, ["Tháng 9/2024"]),
    (["10"], ["Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 kèm bảng tự chấm điểm theo tiêu chí của "
              "Cụm, gửi Cụm trưởng"], ALL, [""], ["Trước ngày 25/11/2024"]),
    (["11"], ["Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024; bình xét, suy tôn đơn vị dẫn đầu Cụm, "
              "đề nghị UBND tỉnh tặng Cờ thi đua"], HEAD, ALL, ["Tháng 12/2024"]),
]
HEADER = ["STT", "Nội dung hoạt động", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
WIDTHS = [1.3, 6.0, 3.2, 2.7, 3.0]

CLOSING = [
    "Các huyện trong Cụm căn cứ Kế hoạch này chủ động xây dựng kế hoạch của đơn vị; đơn vị được giao chủ trì các "
    "hoạt động chuyên đề xây dựng kế hoạch chi tiết, gửi Cụm trưởng trước khi tổ chức ít nhất 15 ngày.",
    "Báo cáo quý, 6 tháng, 9 tháng và năm gửi về Cụm trưởng qua Phòng Nội vụ huyện Quan Sơn bằng văn bản và "
    "hộp thư điện tử của Cụm. Cụm phó (UBND huyện Mường Lát) phối hợp đôn đốc, theo dõi việc thực hiện./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- UBND các huyện: Mường Lát, Quan Hóa, Bá Thước, Lang Chánh, Thường Xuân;",
    "- Chủ tịch, các PCT UBND huyện;",
    "- Lưu: VT, NV.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH THANH HÓA", {"bold": False}), "CỤM THI ĐUA CÁC HUYỆN",
                            "MIỀN NÚI PHÍA TÂY"],
                      "Số: 02/KH-CTĐ", "Quan Sơn, ngày 15 tháng 01 năm 2024", left_width=7.2, right_width=9.0)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện miền núi phía Tây năm 2024", bold=True, align=CENTER,
              indent=None, size=14)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG HOẠT ĐỘNG VÀ THỜI GIAN THỰC HIỆN", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, WIDTHS, (CENTER, JUSTIFY, CENTER, CENTER, CENTER), size=12)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA", "CỤM TRƯỞNG"], "Hà Văn Thưởng", blank_lines=2)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND HUYỆN QUAN SƠN")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Quan Sơn",
                                  "Kế hoạch hoạt động Cụm thi đua các huyện miền núi phía Tây năm 2024")


if __name__ == "__main__":
    for path in build():
        print(path)
