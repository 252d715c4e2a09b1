"""Render world 8's plan (Kế hoạch 2026 of Cụm thi đua số 2 các xã, phường, tỉnh Lâm Đồng) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world8.py`. Hand-written text;
a cluster of communes and wards after the 2025 reorganization (no district level). Layout: no table;
section II is numbered prose, one bold heading per quarter ("1. Quý I năm 2026 (từ tháng 01 đến tháng
3)"), items numbered "1.1.", "1.2." within it (ids Q<quarter>-<n>), each followed by dash
lines "- Thời gian: ...", "- Đơn vị chủ trì: ...", "- Đơn vị phối hợp: ..." and sometimes "- Địa điểm: ...".
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world8" / "plan"
STEM = "ke_hoach_cum_thi_dua_so_2_nam_2026"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết "
    "một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định của UBND tỉnh Lâm Đồng về việc thành lập các Cụm, Khối thi đua thuộc tỉnh sau khi sắp xếp "
    "đơn vị hành chính cấp xã và ban hành Quy chế hoạt động của các Cụm, Khối thi đua;",
    "Căn cứ kết quả Hội nghị Cụm trưởng, Cụm phó ngày 08/01/2026,",
]
INTRO = ("Cụm trưởng Cụm thi đua số 2 các xã, phường (UBND phường Xuân Hương - Đà Lạt) ban hành Kế hoạch hoạt động "
         "của Cụm năm 2026 như sau:")
PURPOSE = [
    "Tổ chức có hiệu quả các phong trào thi đua năm 2026 gắn với nhiệm vụ chính trị của chính quyền địa phương "
    "hai cấp; đẩy mạnh chuyển đổi số, cải cách thủ tục hành chính tại Trung tâm Phục vụ hành chính công các xã, "
    "phường.",
    "Các hoạt động của Cụm thiết thực, tiết kiệm; các đơn vị thành viên chấp hành nghiêm chế độ thông tin, báo cáo; "
    "việc bình xét, suy tôn bảo đảm công khai, dân chủ, đúng quy định.",
]

ALL = "Các xã, phường thành viên Cụm"
HEAD = "Cụm trưởng (UBND phường Xuân Hương - Đà Lạt)"
VICE = "Cụm phó (UBND phường Lâm Viên - Đà Lạt)"

QUARTERS = [
    ("1. Quý I năm 2026 (từ tháng 01 đến tháng 3)", [
        ("Xây dựng bản đăng ký giao ước thi đua và các chỉ tiêu thi đua năm 2026 của đơn vị, gửi Cụm trưởng qua "
         "Văn phòng HĐND và UBND phường Xuân Hương - Đà Lạt.",
         [("Thời gian", "trước ngày 23/01/2026"), ("Đơn vị thực hiện", ALL)]),
        ("Tổ chức Hội nghị triển khai nhiệm vụ năm 2026 và ký kết giao ước thi đua giữa các xã, phường trong Cụm.",
         [("Thời gian", "sau Tết Nguyên đán Bính Ngọ, trước ngày 10/3/2026"), ("Đơn vị chủ trì", HEAD),
          ("Đơn vị phối hợp", ALL), ("Địa điểm", "phường Xuân Hương - Đà Lạt")]),
        ("Ban hành kế hoạch thực hiện phong trào thi đua chuyên đề \"Chính quyền số - Một cửa thân thiện\" năm 2026 "
         "tại đơn vị; đăng ký mô hình, sáng kiến tham gia phong trào.",
         [("Thời gian", "trước ngày 31/3/2026"), ("Đơn vị thực hiện", ALL)]),
    ]),
    ("2. Quý II năm 2026 (từ tháng 4 đến tháng 6)", [
        ("Tổ chức Ngày hội Văn hóa - Du lịch \"Sắc hoa Lang Biang\" năm 2026; các đơn vị trong Cụm tham gia gian "
         "hàng sản phẩm OCOP, hoa, nông sản và đoàn nghệ nhân, văn nghệ.",
         [("Thời gian", "tháng 5/2026"), ("Đơn vị chủ trì", "UBND xã Lạc Dương"), ("Đơn vị phối hợp", ALL),
          ("Địa điểm", "xã Lạc Dương")]),
        ("Tổ chức Hội thi \"Bộ phận Một cửa thân thiện - Chính quyền số\" cấp Cụm giữa các Trung tâm Phục vụ hành "
         "chính công xã, phường.",
         [("Thời gian", "tháng 6/2026"), ("Đơn vị chủ trì", VICE), ("Đơn vị phối hợp", ALL)]),
        ("Xây dựng báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 kèm bảng tự chấm điểm, gửi "
         "Cụm trưởng.",
         [("Thời gian", "trước ngày 15/6/2026"), ("Đơn vị thực hiện", ALL)]),
    ]),
    ("3. Quý III năm 2026 (từ tháng 7 đến tháng 9)", [
        ("Tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 của Cụm; trao đổi kinh "
         "nghiệm về vận hành chính quyền địa phương hai cấp.",
         [("Thời gian", "tháng 7/2026"), ("Đơn vị chủ trì", HEAD), ("Đơn vị phối hợp", ALL),
          ("Địa điểm", "xã Đơn Dương")]),
        ("Kiểm tra chéo công tác thi đua, khen thưởng và việc thực hiện phong trào thi đua chuyên đề tại các đơn "
         "vị (đơn vị được kiểm tra năm 2026: xã Đức Trọng, xã Lâm Hà).",
         [("Thời gian", "tháng 8 - tháng 9/2026"), ("Đơn vị chủ trì", HEAD), ("Đơn vị phối hợp", VICE + "; "
          "xã Đức Trọng, xã Lâm Hà")]),
    ]),
    ("4. Quý IV năm 2026 (từ tháng 10 đến tháng 12)", [
        ("Chỉ đạo các thôn, tổ dân phố tổ chức \"Ngày hội Đại đoàn kết toàn dân tộc\" ở khu dân cư nhân kỷ niệm "
         "96 năm Ngày thành lập Mặt trận Tổ quốc Việt Nam (18/11/1930 - 18/11/2026).",
         [("Thời gian", "từ ngày 01/11 đến ngày 18/11/2026"), ("Đơn vị thực hiện", ALL + ", phối hợp Ủy ban "
          "MTTQ Việt Nam xã, phường")]),
        ("Tự đánh giá, chấm điểm thi đua năm 2026 theo Bảng tiêu chí của Cụm; gửi báo cáo tổng kết và bảng tự "
         "chấm điểm về Cụm trưởng.",
         [("Thời gian", "trước ngày 05/12/2026"), ("Đơn vị thực hiện", ALL)]),
        ("Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của Cụm; bình xét, suy tôn đơn vị dẫn "
         "đầu, đề nghị UBND tỉnh tặng Cờ thi đua.",
         [("Thời gian", "tháng 12/2026"), ("Đơn vị chủ trì", HEAD), ("Đơn vị phối hợp", ALL)]),
    ]),
]

CLOSING = [
    "1. Các xã, phường thành viên căn cứ Kế hoạch này chủ động xây dựng kế hoạch của đơn vị; văn bản, báo cáo gửi "
    "về Cụm trưởng bằng văn bản giấy và qua hệ thống quản lý văn bản điều hành của tỉnh.",
    "2. Cụm phó phối hợp với Cụm trưởng theo dõi, đôn đốc việc thực hiện. Trong quá trình thực hiện, nếu có phát "
    "sinh, các đơn vị phản ánh về Cụm trưởng (qua Văn phòng HĐND và UBND phường Xuân Hương - Đà Lạt) để thống nhất "
    "điều chỉnh./.",
]
RECIPIENTS = [
    "- Sở Nội vụ (Ban Thi đua - Khen thưởng);",
    "- UBND các xã, phường trong Cụm;",
    "- Chủ tịch, các PCT UBND phường;",
    "- Lưu: VT, VP.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH LÂM ĐỒNG", {"bold": False}), "CỤM THI ĐUA SỐ 2", "CÁC XÃ, PHƯỜNG"],
                      "Số: 01/KH-CTĐ2", "Xuân Hương - Đà Lạt, ngày 14 tháng 01 năm 2026",
                      left_width=6.6, right_width=9.6)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua số 2 các xã, phường năm 2026", bold=True, align=CENTER,
              indent=None, size=14)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN", bold=True)
    for qi, (heading, items) in enumerate(QUARTERS, start=1):
        vbhc.para(doc, heading, bold=True, keep_first=True)
        for ii, (content, lines) in enumerate(items, start=1):
            vbhc.para(doc, f"**{qi}.{ii}.** {content}", keep_first=True)
            for label, value in lines:
                vbhc.para(doc, f"- {label}: {value}.")
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA", "CỤM TRƯỞNG"], "Phan Thị Thu Hà", blank_lines=2)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Văn phòng HĐND và UBND phường Xuân Hương - Đà Lạt",
                                  "Kế hoạch hoạt động Cụm thi đua số 2 các xã, phường năm 2026")


if __name__ == "__main__":
    for path in build():
        print(path)
