"""Render world 20's plan (Kế hoạch 2024 of Cụm thi đua các huyện, thị xã phía Bắc tỉnh Bình Định) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world20.py`. Hand-written text; no
table: section II holds one bold heading per two months ("1. Tháng 01 - 02/2024" ... "6. Tháng 11 - 12/2024"),
the items numbered "Nội dung 1" ... "Nội dung 12" straight through the year, each followed by a line
"- Đơn vị thực hiện: …" and a line "- Thời hạn: …". The month headings are not quarters (the heading
"Tháng 3 - 4" holds an item due in March and one due in April): ids Q<quarter>-<n> go by the quarter of each
item's deadline, n its order among that quarter's items. 12 items, three a quarter.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world20" / "plan"
STEM = "ke_hoach_cum_thi_dua_phia_bac_binh_dinh_2024"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 "
    "của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quy định về tổ chức và hoạt động của các Cụm, Khối thi đua thuộc UBND tỉnh Bình Định;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua năm 2023 của Cụm thi đua các huyện, thị xã phía Bắc,",
]
INTRO = ("UBND thị xã Hoài Nhơn, đơn vị Cụm trưởng năm 2024, sau khi thống nhất với UBND các huyện Phù Mỹ "
         "(Cụm phó), Hoài Ân, An Lão, Phù Cát và Vĩnh Thạnh, xây dựng Kế hoạch hoạt động của Cụm thi đua "
         "năm 2024 với các nội dung sau đây:")
PURPOSE = [
    "Cụ thể hóa các phong trào thi đua do Trung ương, tỉnh phát động, trọng tâm là phong trào \"Bình Định chung "
    "sức xây dựng nông thôn mới\" và phong trào \"Vì người nghèo - Không để ai bị bỏ lại phía sau\"; tạo động "
    "lực hoàn thành các chỉ tiêu phát triển kinh tế - xã hội năm 2024 của từng địa phương.",
    "Các hoạt động của Cụm phải có nội dung thiết thực, bảo đảm tiết kiệm; văn bản, báo cáo của các đơn vị gửi "
    "Cụm trưởng đúng thời hạn, là căn cứ để chấm điểm, bình xét thi đua cuối năm.",
]

ALL = "UBND các huyện, thị xã trong Cụm"
HEAD = "UBND thị xã Hoài Nhơn (Cụm trưởng)"
PERIODS = [
    ("1. Tháng 01 - 02/2024", [
        ("Các đơn vị đăng ký danh hiệu thi đua, giao ước thi đua và các chỉ tiêu chủ yếu năm 2024, gửi về Cụm "
         "trưởng (qua Phòng Nội vụ thị xã Hoài Nhơn) để tổng hợp.",
         ALL, "trước ngày 25/01/2024"),
        ("Tổ chức Hội nghị triển khai nhiệm vụ và ký kết giao ước thi đua năm 2024 của Cụm tại thị xã Hoài Nhơn.",
         HEAD + "; các đơn vị thành viên dự", "sau Tết Nguyên đán Giáp Thìn, trước ngày 29/02/2024"),
    ]),
    ("2. Tháng 3 - 4/2024", [
        ("Mỗi đơn vị ban hành kế hoạch thực hiện phong trào thi đua \"Bình Định chung sức xây dựng nông thôn "
         "mới\" năm 2024 trên địa bàn và tổ chức phát động đến các xã, thị trấn.",
         ALL, "trước ngày 31/3/2024"),
        ("Tổ chức Giải bóng chuyền nam, nữ các huyện, thị xã phía Bắc chào mừng kỷ niệm 49 năm Ngày giải phóng "
         "miền Nam, thống nhất đất nước (30/4) tại huyện Phù Mỹ.",
         "UBND huyện Phù Mỹ (Cụm phó) chủ trì; các đơn vị cử đội tham gia", "trong tháng 4/2024"),
    ]),
    ("3. Tháng 5 - 6/2024", [
        ("Tọa đàm trao đổi kinh nghiệm xây dựng xã nông thôn mới nâng cao, nông thôn mới kiểu mẫu giữa các địa "
         "phương trong Cụm tại huyện Hoài Ân.",
         "UBND huyện Hoài Ân chủ trì; các đơn vị phối hợp", "trong tháng 5/2024"),
        ("Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024 gửi Cụm trưởng.",
         ALL, "trước ngày 15/6/2024"),
    ]),
    ("4. Tháng 7 - 8/2024", [
        ("Hội nghị sơ kết hoạt động 6 tháng đầu năm 2024 của Cụm; thống nhất nội dung trọng tâm 6 tháng cuối năm.",
         HEAD + "; các đơn vị thành viên dự", "trong tháng 7/2024"),
        ("Kiểm tra chéo việc thực hiện giao ước thi đua năm 2024. Đơn vị được kiểm tra: huyện An Lão, huyện "
         "Vĩnh Thạnh. Đoàn kiểm tra gồm đại diện Cụm trưởng và Cụm phó.",
         "Cụm trưởng, Cụm phó; đơn vị được kiểm tra chuẩn bị báo cáo", "tháng 8 - tháng 9/2024"),
    ]),
    ("5. Tháng 9 - 10/2024", [
        ("Sơ kết phong trào thi đua \"Bình Định chung sức xây dựng nông thôn mới\" tại địa phương; báo cáo kết "
         "quả (kèm danh sách tập thể, cá nhân được khen thưởng) về Cụm trưởng.",
         ALL, "trước ngày 30/9/2024"),
        ("Mỗi đơn vị giới thiệu ít nhất 01 gương điển hình tiên tiến trong phong trào thi đua để Cụm tuyên "
         "truyền, nhân rộng trên Cổng thông tin điện tử của các địa phương.",
         ALL, "trước ngày 31/10/2024"),
    ]),
    ("6. Tháng 11 - 12/2024", [
        ("Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 kèm bảng tự chấm điểm theo tiêu chí của Cụm, "
         "gửi Cụm trưởng.",
         ALL, "trước ngày 20/11/2024"),
        ("Hội nghị tổng kết công tác thi đua năm 2024 của Cụm; bình xét, suy tôn đơn vị dẫn đầu đề nghị UBND "
         "tỉnh tặng Cờ thi đua; bầu Cụm trưởng, Cụm phó năm 2025.",
         HEAD + "; các đơn vị thành viên dự", "trước ngày 20/12/2024"),
    ]),
]
CLOSING = [
    "Phòng Nội vụ thị xã Hoài Nhơn là bộ phận thường trực giúp Cụm trưởng theo dõi, đôn đốc việc thực hiện Kế "
    "hoạch; UBND huyện Phù Mỹ (Cụm phó) phối hợp tổ chức các hoạt động chung của Cụm.",
    "UBND các huyện, thị xã căn cứ Kế hoạch này giao Phòng Nội vụ tham mưu triển khai tại địa phương; văn bản "
    "gửi về Cụm trưởng bằng bản điện tử qua hệ thống quản lý văn bản. Quá trình thực hiện có vướng mắc, các "
    "đơn vị trao đổi với Cụm trưởng để điều chỉnh cho phù hợp./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng (Sở Nội vụ);",
    "- UBND các huyện: Phù Mỹ, Hoài Ân,",
    "  An Lão, Phù Cát, Vĩnh Thạnh;",
    "- TT Thị ủy, TT HĐND thị xã;",
    "- CT, các PCT UBND thị xã;",
    "- Phòng Nội vụ thị xã;",
    "- Lưu: VT.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND THỊ XÃ HOÀI NHƠN", {"bold": False}), "CỤM THI ĐUA CÁC HUYỆN,",
                            "THỊ XÃ PHÍA BẮC TỈNH"],
                      "Số: 01/KH-CTĐ", "Hoài Nhơn, ngày 12 tháng 01 năm 2024", left_width=6.8, right_width=9.4)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện, thị xã phía Bắc", bold=True, align=CENTER,
              indent=None, size=14, space_after=0)
    vbhc.para(doc, "tỉnh Bình Định năm 2024", bold=True, align=CENTER, indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. CÁC HOẠT ĐỘNG CỤ THỂ VÀ THỜI GIAN THỰC HIỆN", bold=True)
    k = 0
    for heading, items in PERIODS:
        vbhc.para(doc, heading, bold=True, keep_first=True)
        for text, who, when in items:
            k += 1
            vbhc.para(doc, f"**Nội dung {k}:** {text}", keep_first=True, space_after=0)
            vbhc.para(doc, f"- Đơn vị thực hiện: {who}.", keep_first=True, space_after=0)
            vbhc.para(doc, f"- Thời hạn: {when}.", space_after=4)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA", "CỤM TRƯỞNG", "CHỦ TỊCH UBND THỊ XÃ HOÀI NHƠN"],
                         "Nguyễn Văn Hậu", blank_lines=3)
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ thị xã Hoài Nhơn",
                                  "Kế hoạch hoạt động Cụm thi đua các huyện, thị xã phía Bắc năm 2024")


if __name__ == "__main__":
    for path in build():
        print(path)
