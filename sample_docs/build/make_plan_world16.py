"""Render world 16's plan (Kế hoạch 2026 of Cụm thi đua số 2 các xã vùng biên giới, tỉnh Quảng Trị) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world16.py`. Hand-written text; no
table: section II holds one bold heading per quarter ("A. QUÝ I (tháng 01 - tháng 3/2026)"), the work of each
quarter numbered "(1)", "(2)", "(3)" in running prose (ids Q<quarter>-<n>), each item closed by an italic
line "Chủ trì: …. Phối hợp: …. Thời gian: …" (or "Thực hiện: Các xã trong Cụm. Thời gian: …"). 10 items.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world16" / "plan"
STEM = "ke_hoach_cum_thi_dua_so_2_xa_bien_gioi_2026"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Quyết định của UBND tỉnh Quảng Trị về việc thành lập các Cụm, Khối thi đua thuộc tỉnh sau sắp xếp "
    "đơn vị hành chính và tổ chức chính quyền địa phương hai cấp;",
    "Căn cứ Hướng dẫn của Sở Nội vụ về công tác thi đua, khen thưởng năm 2026 đối với các Cụm, Khối thi đua,",
]
INTRO = ("Ủy ban nhân dân xã Khe Lau, đơn vị Cụm trưởng Cụm thi đua số 2 các xã vùng biên giới, thống nhất với "
         "các xã thành viên ban hành Kế hoạch tổ chức các hoạt động của Cụm năm 2026 như sau:")
PURPOSE = [
    "Đẩy mạnh các phong trào thi đua yêu nước gắn với nhiệm vụ phát triển kinh tế - xã hội, giữ vững chủ quyền "
    "lãnh thổ, an ninh biên giới quốc gia trên địa bàn các xã; củng cố hoạt động của chính quyền cấp xã sau "
    "sắp xếp.",
    "Hoạt động của Cụm thiết thực, tránh hình thức; các xã gửi văn bản, báo cáo về Cụm trưởng đúng thời hạn "
    "để làm căn cứ chấm điểm, bình xét thi đua cuối năm.",
]

ALL = "các xã trong Cụm"
HEAD = "UBND xã Khe Lau (Cụm trưởng)"
QUARTERS = [
    ("A. QUÝ I (tháng 01 - tháng 3/2026)", [
        ("Các xã đăng ký giao ước thi đua và các chỉ tiêu thi đua chủ yếu năm 2026, gửi về Cụm trưởng (qua Văn "
         "phòng HĐND và UBND xã Khe Lau) để tổng hợp, làm căn cứ ký kết.",
         ALL, "", "trước ngày 25/01/2026"),
        ("Tổ chức Hội nghị triển khai hoạt động năm 2026 và ký kết giao ước thi đua giữa các xã trong Cụm. Địa "
         "điểm: Hội trường UBND xã Khe Lau.",
         HEAD, ALL, "tháng 3/2026 (sau Tết Nguyên đán Bính Ngọ)"),
        ("Ban hành kế hoạch thực hiện phong trào thi đua \"Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh "
         "biên giới quốc gia trong tình hình mới\" năm 2026 tại xã; phối hợp với Đồn Biên phòng trên địa bàn tổ "
         "chức phát động đến các thôn, bản.",
         ALL, "Đồn Biên phòng đóng quân trên địa bàn", "trước ngày 31/3/2026"),
    ]),
    ("B. QUÝ II (tháng 4 - tháng 6/2026)", [
        ("Tổ chức Ngày hội giao lưu văn hóa, thể thao các dân tộc xã vùng biên giới lần thứ nhất, chào mừng kỷ "
         "niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh. Địa điểm: xã Hướng Linh.",
         "UBND xã Hướng Linh (Cụm phó)", ALL, "tháng 5/2026"),
        ("Các xã báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026, gửi về Cụm trưởng.",
         ALL, "", "trước ngày 15/6/2026"),
    ]),
    ("C. QUÝ III (tháng 7 - tháng 9/2026)", [
        ("Tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 của Cụm; thống nhất nhiệm "
         "vụ trọng tâm 6 tháng cuối năm.",
         HEAD, ALL, "tháng 7/2026"),
        ("Kiểm tra chéo việc thực hiện giao ước thi đua và công tác thi đua, khen thưởng năm 2026. Xã được kiểm "
         "tra năm 2026: xã Tà Lang, xã Pa Nang.",
         "Cụm trưởng, Cụm phó", ALL, "tháng 8 - tháng 9/2026"),
        ("Sơ kết phong trào \"Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia\" và mô "
         "hình \"Tổ tự quản đường biên, mốc quốc giới\" tại các thôn, bản; lựa chọn điển hình tiên tiến báo cáo "
         "Cụm trưởng.",
         ALL, "Đồn Biên phòng đóng quân trên địa bàn", "trước ngày 30/9/2026"),
    ]),
    ("D. QUÝ IV (tháng 10 - tháng 12/2026)", [
        ("Các xã tự đánh giá, chấm điểm thi đua năm 2026 theo Bảng tiêu chí của Cụm, gửi Cụm trưởng kèm báo cáo "
         "tổng kết công tác thi đua, khen thưởng năm.",
         ALL, "", "trước ngày 25/11/2026"),
        ("Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của Cụm; bình xét, suy tôn xã dẫn "
         "đầu, đề nghị UBND tỉnh tặng Cờ thi đua và Bằng khen.",
         HEAD, ALL, "trước ngày 20/12/2026"),
    ]),
]
CLOSING = [
    "Giao Văn phòng HĐND và UBND xã Khe Lau (bộ phận thường trực của Cụm) theo dõi, đôn đốc, tổng hợp kết quả "
    "thực hiện Kế hoạch; UBND xã Hướng Linh (Cụm phó) phối hợp với Cụm trưởng tổ chức các hoạt động chung.",
    "Các xã thành viên căn cứ Kế hoạch này chủ động xây dựng kế hoạch của đơn vị, bố trí kinh phí, gửi văn bản "
    "về Cụm trưởng đúng thời hạn (bản điện tử gửi qua hệ thống quản lý văn bản và điều hành). Trong quá trình "
    "thực hiện, nếu có khó khăn, vướng mắc, đề nghị các xã phản ánh về Cụm trưởng để thống nhất điều chỉnh./.",
]
RECIPIENTS = [
    "- Sở Nội vụ (Ban Thi đua - Khen thưởng);",
    "- UBND các xã: Hướng Linh, A Vao Thượng,",
    "  Tà Lang, Pa Nang, Kim Hòa;",
    "- Đảng ủy xã;",
    "- CT, các PCT UBND xã;",
    "- Lưu: VT, VP.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("ỦY BAN NHÂN DÂN", {"bold": False}), "XÃ KHE LAU",
                            ("CỤM THI ĐUA SỐ 2 CÁC XÃ VÙNG BIÊN GIỚI", {"bold": False, "size": 11})],
                      "Số: 02/KH-CTĐ2", "Khe Lau, ngày 09 tháng 01 năm 2026", left_width=6.8, right_width=9.4)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua số 2 các xã vùng biên giới", bold=True, align=CENTER,
              indent=None, size=14, space_after=0)
    vbhc.para(doc, "tỉnh Quảng Trị năm 2026", bold=True, align=CENTER, indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG HOẠT ĐỘNG VÀ THỜI GIAN THỰC HIỆN", bold=True)
    for heading, items in QUARTERS:
        vbhc.para(doc, heading, bold=True, keep_first=True)
        for k, (text, lead, helpers, when) in enumerate(items, start=1):
            vbhc.para(doc, f"({k}) {text}", keep_first=True)
            cap = lead[0].upper() + lead[1:]
            line = f"Thực hiện: {cap}." if lead == ALL else f"Chủ trì: {cap}."
            if helpers:
                line = f"Chủ trì: {cap}. Phối hợp: {helpers[0].upper() + helpers[1:]}."
            line += f" Thời gian: {when}."
            vbhc.para(doc, line, italic=True, space_after=3)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Hồ Văn Thanh", blank_lines=3)
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Văn phòng HĐND và UBND xã Khe Lau",
                                  "Kế hoạch hoạt động Cụm thi đua số 2 các xã vùng biên giới năm 2026")


if __name__ == "__main__":
    for path in build():
        print(path)
