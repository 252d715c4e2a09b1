"""Render world 12's plan (Kế hoạch 2026 of the bloc of culture and social departments of Nghệ An) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world12.py`. Hand-written text; no
table: the items are numbered prose under quarter headings ("1. Quý I năm 2026"), lettered a), b), c)
within each quarter (ids Q<quarter>-<n>, a) = 1), each followed by an italic line "Đơn vị thực hiện: …;
thời hạn: …".
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world12" / "plan"
STEM = "ke_hoach_khoi_thi_dua_vhxh_2026"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết "
    "một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quy chế tổ chức và hoạt động của các Cụm, Khối thi đua thuộc UBND tỉnh Nghệ An;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025 của Khối,",
]
INTRO = ("Sở Văn hóa, Thể thao và Du lịch - Trưởng Khối thi đua các sở văn hóa - xã hội ban hành Kế hoạch hoạt động "
         "của Khối năm 2026 như sau:")

ALL = "các đơn vị thành viên"
QUARTERS = [
    ("1. Quý I năm 2026", [
        ("Các đơn vị đăng ký giao ước thi đua và chỉ tiêu thi đua năm 2026, gửi về Trưởng Khối (qua Văn phòng Sở "
         "Văn hóa, Thể thao và Du lịch).", ALL, "trước ngày 20/01/2026"),
        ("Tổ chức Hội nghị triển khai nhiệm vụ năm 2026, ký kết giao ước thi đua giữa các đơn vị trong Khối.",
         "Trưởng Khối chủ trì, " + ALL, "tháng 02/2026"),
        ("Ban hành kế hoạch phát động phong trào thi đua chào mừng cuộc bầu cử đại biểu Quốc hội khóa XVI và đại "
         "biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031 tại đơn vị.", ALL, "trước ngày 28/02/2026"),
    ]),
    ("2. Quý II năm 2026", [
        ("Tổ chức Hội thao truyền thống của Khối chào mừng kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh "
         "(19/5/1890 - 19/5/2026).", "Sở Văn hóa, Thể thao và Du lịch chủ trì, " + ALL + " tham gia",
         "tháng 5/2026"),
        ("Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026, gửi Trưởng Khối.", ALL,
         "trước ngày 15/6/2026"),
    ]),
    ("3. Quý III năm 2026", [
        ("Tổ chức Hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2026 của Khối.", "Trưởng Khối, " + ALL,
         "tháng 7/2026"),
        ("Kiểm tra chéo công tác thi đua, khen thưởng tại các đơn vị (đơn vị được kiểm tra năm 2026: Sở Giáo dục và "
         "Đào tạo, Sở Dân tộc và Tôn giáo).", "Trưởng Khối, Phó Trưởng Khối, " + ALL, "tháng 8 - tháng 9/2026"),
        ("Thực hiện Chương trình \"Tiếp sức đến trường\" hỗ trợ học sinh dân tộc thiểu số các xã miền núi có hoàn "
         "cảnh khó khăn trước năm học mới.", "Sở Giáo dục và Đào tạo chủ trì, " + ALL + " phối hợp",
         "tháng 8/2026"),
    ]),
    ("4. Quý IV năm 2026", [
        ("Các đơn vị tự đánh giá, chấm điểm thi đua năm 2026 theo bảng tiêu chí của Khối, gửi kèm báo cáo tổng "
         "kết năm.", ALL, "trước ngày 25/11/2026"),
        ("Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026; bình xét, suy tôn đơn vị dẫn đầu "
         "Khối.", "Trưởng Khối, " + ALL, "tháng 12/2026"),
        ("Tổng hợp hồ sơ đề nghị khen thưởng của Khối, trình Hội đồng Thi đua - Khen thưởng tỉnh.",
         "Trưởng Khối", "trước ngày 31/12/2026"),
    ]),
]
CLOSING = [
    "Phó Trưởng Khối (Sở Y tế) phối hợp với Trưởng Khối theo dõi, đôn đốc việc thực hiện Kế hoạch.",
    "Các đơn vị thành viên gửi báo cáo, văn bản về Trưởng Khối đúng thời hạn, đồng thời gửi bản điện tử qua hộp "
    "thư công vụ của Văn phòng Sở Văn hóa, Thể thao và Du lịch. Trong quá trình thực hiện, nếu có vướng mắc, "
    "đề nghị phản ánh về Trưởng Khối để thống nhất điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- Các sở: Y tế, Giáo dục và Đào tạo, Nội vụ, Dân tộc và Tôn giáo;",
    "- Giám đốc, các PGĐ Sở;",
    "- Lưu: VT, VP.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH NGHỆ AN", {"bold": False}), "KHỐI THI ĐUA CÁC SỞ", "VĂN HÓA - XÃ HỘI"],
                      "Số: 01/KH-KTĐVHXH", "Nghệ An, ngày 08 tháng 01 năm 2026", left_width=6.6, right_width=9.6)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Khối thi đua các sở văn hóa - xã hội năm 2026", bold=True, align=CENTER,
              indent=None, size=14)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    vbhc.para(doc, "- Cụ thể hóa nhiệm vụ thi đua năm 2026 của Khối, gắn với nhiệm vụ chính trị của từng ngành.")
    vbhc.para(doc, "- Các hoạt động thiết thực, tiết kiệm; thực hiện nghiêm chế độ thông tin, báo cáo.")
    vbhc.para(doc, "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN", bold=True)
    for heading, items in QUARTERS:
        vbhc.para(doc, heading, bold=True)
        for k, (text, who, when) in enumerate(items):
            vbhc.para(doc, f"{'abcdefgh'[k]}) {text}")
            vbhc.para(doc, f"Đơn vị thực hiện: {who}; thời hạn: {when}.", italic=True)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI"], "Hoàng Thị Thu Hương", blank_lines=2)
    vbhc.signer_office(doc, "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Văn phòng Sở Văn hóa, Thể thao và Du lịch Nghệ An",
                                  "Kế hoạch hoạt động Khối thi đua các sở văn hóa - xã hội năm 2026")


if __name__ == "__main__":
    for path in build():
        print(path)
