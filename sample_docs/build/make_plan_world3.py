"""Render world 3's plan (Kế hoạch 2026 of Cụm thi đua số 3 các xã, phường, Tuyên Quang) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world3.py`. Hand-written text;
the table layout differs from the seed and from world 2 on purpose: five columns (STT | Nội dung |
Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành, the time LAST), no row of column numbers,
quarter rows "Quý I/2026 …" merged across all five columns (no number cell), items numbered from 1
in each quarter (ids Q<quarter>-<n>), some contents with "- " sub-lines in the same cell, places in
the partner cell. The header row repeats on page 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world3" / "plan"
STEM = "ke_hoach_cum_thi_dua_so_3_2026"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định của UBND tỉnh Tuyên Quang về việc thành lập các Cụm, Khối thi đua thuộc tỉnh sau "
    "khi sắp xếp đơn vị hành chính cấp xã;",
    "Căn cứ Quy chế tổ chức và hoạt động của Cụm thi đua số 3 các xã, phường,",
]
INTRO = ("Cụm trưởng Cụm thi đua số 3 ban hành Kế hoạch hoạt động của Cụm năm 2026, cụ thể như sau:")
PURPOSE = [
    "Cụ thể hóa các nội dung thi đua của tỉnh đến các xã, phường trong Cụm; gắn phong trào thi đua với "
    "nhiệm vụ vận hành chính quyền địa phương hai cấp và chuyển đổi số.",
    "Hoạt động của Cụm bảo đảm thiết thực, không hình thức; các đơn vị gửi văn bản về Cụm trưởng qua "
    "hệ thống quản lý văn bản điều hành đúng thời hạn.",
]

ALL = "UBND các xã, phường trong Cụm"
HEAD = "Cụm trưởng (UBND phường Mỹ Lâm)"
# (number, content lines, lead unit lines, partner lines, time lines); a 1-tuple is a quarter row.
ROWS = [
    ("QUÝ I/2026 (từ tháng 01 đến tháng 3)",),
    ("1", ["Đăng ký danh hiệu thi đua và hình thức khen thưởng năm 2026 của tập thể UBND xã, phường "
           "(Cờ thi đua của UBND tỉnh, Tập thể lao động xuất sắc) gửi Cụm trưởng"],
     [ALL], ["Cụm trưởng tổng hợp, gửi Sở Nội vụ"], ["Trước ngày 31/01/2026"]),
    ("2", ["Tổ chức Hội nghị triển khai nhiệm vụ năm 2026 và ký kết giao ước thi đua giữa các xã, "
           "phường trong Cụm"],
     [HEAD], ["Các xã, phường trong Cụm", "Địa điểm: phường Mỹ Lâm"], ["Tháng 02/2026"]),
    ("3", ["Ban hành Kế hoạch và phát động phong trào thi đua chuyên đề “Chung sức xây dựng chính quyền "
           "số cấp xã” giai đoạn 2026 - 2027 tại mỗi đơn vị"],
     [ALL], [""], ["Trước ngày 15/3/2026"]),
    ("QUÝ II/2026 (từ tháng 4 đến tháng 6)",),
    ("1", ["Tổ chức Hội thi “Tuyên truyền viên chuyển đổi số giỏi” cấp Cụm", "- Mỗi đơn vị cử 01 đội "
           "03 thành viên (tổ công nghệ số cộng đồng)"],
     [HEAD], ["UBND xã Kim Bình (đơn vị đăng cai)", "Các xã, phường trong Cụm"], ["Tháng 4/2026"]),
    ("2", ["Tập huấn nghiệp vụ công tác thi đua, khen thưởng cho công chức phụ trách và trưởng thôn, "
           "tổ trưởng tổ dân phố"],
     [HEAD], ["Sở Nội vụ tỉnh", "Các xã, phường trong Cụm"], ["Tháng 5/2026"]),
    ("3", ["Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 gửi Cụm trưởng"],
     [ALL], [""], ["Trước ngày 15/6/2026"]),
    ("QUÝ III/2026 (từ tháng 7 đến tháng 9)",),
    ("1", ["Tổ chức Hội nghị sơ kết 6 tháng đầu năm của Cụm, kết hợp trao đổi kinh nghiệm về mô hình "
           "“Dân vận khéo” trong thực hiện chính quyền địa phương hai cấp"],
     [HEAD], ["Các xã, phường trong Cụm", "Địa điểm: xã Yên Sơn"], ["Tháng 7/2026"]),
    ("2", ["Lựa chọn, giới thiệu gương điển hình tiên tiến trong phong trào thi đua (mỗi đơn vị ít nhất "
           "02 điển hình) để đăng tải trên Trang thông tin điện tử của Cụm"],
     [ALL], ["Cụm trưởng tổng hợp"], ["Trước ngày 31/8/2026"]),
    ("3", ["Báo cáo chuyên đề kết quả phong trào thi đua “Chung sức xây dựng chính quyền số cấp xã”"],
     [ALL], [""], ["Trước ngày 20/9/2026"]),
    ("QUÝ IV/2026 (từ tháng 10 đến tháng 12)",),
    ("1", ["Kiểm tra chéo việc thực hiện giao ước thi đua năm 2026 giữa các đơn vị (theo cặp do Cụm trưởng "
           "phân công)"],
     [ALL], ["Cụm trưởng (phân công, tổng hợp kết quả)"], ["Tháng 10/2026"]),
    ("2", ["Tự đánh giá, chấm điểm thi đua theo Bảng tiêu chí của Cụm; gửi báo cáo tổng kết năm 2026 kèm "
           "bảng tự chấm điểm về Cụm trưởng"],
     [ALL], [""], ["Trước ngày 05/12/2026"]),
    ("3", ["Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của Cụm:",
           "- Bình xét, suy tôn đơn vị dẫn đầu Cụm;",
           "- Lập hồ sơ đề nghị UBND tỉnh khen thưởng"],
     [HEAD], ["Các xã, phường trong Cụm", "Địa điểm: phường An Tường"], ["Trước ngày 25/12/2026"]),
]
HEADER = ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]
WIDTHS = [1.1, 6.9, 2.9, 3.0, 2.5]

CLOSING = [
    "1. UBND các xã, phường trong Cụm căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị, phân công "
    "công chức theo dõi; gửi báo cáo về Cụm trưởng (qua Văn phòng HĐND và UBND phường Mỹ Lâm) đúng "
    "thời hạn.",
    "2. Cụm phó (UBND phường An Tường) phối hợp với Cụm trưởng chuẩn bị nội dung các hội nghị và đăng cai "
    "Hội nghị tổng kết năm.",
    "Trên đây là Kế hoạch hoạt động năm 2026 của Cụm thi đua số 3, đề nghị các đơn vị nghiêm túc triển "
    "khai thực hiện./.",
]
RECIPIENTS = [
    "- Sở Nội vụ tỉnh Tuyên Quang;",
    "- UBND các xã, phường: An Tường, Yên Sơn, Kim Bình, Tân Long, Hùng Lợi;",
    "- Lưu: VT, VP.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH TUYÊN QUANG", {"bold": False}), "CỤM THI ĐUA SỐ 3",
                            ("_____________", {"size": 10})],
                      "Số: 05/KH-CTĐ", "Mỹ Lâm, ngày 12 tháng 01 năm 2026", left_width=7.0, right_width=9.0)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua số 3 các xã, phường năm 2026", bold=True, align=CENTER,
              indent=None, size=14)
    vbhc.para(doc, "___________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG VÀ THỜI GIAN", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, WIDTHS, (CENTER, JUSTIFY, CENTER, LEFT, CENTER))
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA SỐ 3", "CỤM TRƯỞNG"], "Đỗ Thị Hồng Nhung",
                         blank_lines=1)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND PHƯỜNG MỸ LÂM")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Văn phòng HĐND và UBND phường Mỹ Lâm",
                                  "Kế hoạch hoạt động Cụm thi đua số 3 năm 2026")


if __name__ == "__main__":
    for path in build():
        print(path)
