"""Render world 15's plan (Kế hoạch 2023 of the cluster of southern districts of Sóc Trăng) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world15.py`. Hand-written text.
The work is a four-column table (STT | Nội dung | Đơn vị thực hiện | Thời gian), a bold row merged across for
each quarter ("QUÝ I (tháng 01 - tháng 3/2023)"), items numbered 1, 2, 3 within their quarter
(ids Q<quarter>-<n>). Some content cells carry a second line "Địa điểm: …".
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER, JUSTIFY, LEFT  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world15" / "plan"
STEM = "ke_hoach_cum_thi_dua_cac_huyen_phia_nam_2023"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng năm 2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen "
    "thưởng năm 2013; Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;",
    "Căn cứ Quyết định của UBND tỉnh Sóc Trăng về việc chia Cụm, Khối thi đua thuộc tỉnh và Quy chế hoạt "
    "động của các Cụm, Khối thi đua;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 của Cụm thi đua các huyện phía Nam,",
]
INTRO = ("UBND huyện Trần Đề - Trưởng Cụm thi đua các huyện phía Nam xây dựng Kế hoạch hoạt động của Cụm năm "
         "2023 như sau:")
PURPOSE = [
    "Đẩy mạnh các phong trào thi đua yêu nước, gắn với nhiệm vụ phát triển kinh tế - xã hội năm 2023 của các "
    "địa phương vùng ven biển; thích ứng với biến đổi khí hậu, hạn hán, xâm nhập mặn.",
    "Các đơn vị thực hiện đúng nội dung, thời gian theo Kế hoạch; báo cáo gửi Trưởng Cụm đúng thời hạn bằng "
    "văn bản và qua hệ thống quản lý văn bản điều hành.",
]

ALL = "Các đơn vị trong Cụm"
HEAD = "Trưởng Cụm (UBND huyện Trần Đề)"
HEADER = ["STT", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian"]
ROWS = [
    ["QUÝ I (tháng 01 - tháng 3/2023)"],
    ["1", ["Xây dựng bản đăng ký giao ước thi đua và các chỉ tiêu thi đua chủ yếu năm 2023, gửi Trưởng Cụm "
           "tổng hợp."], [ALL], ["Trước ngày 31/01/2023"]],
    ["2", ["Tổ chức Hội nghị triển khai Kế hoạch hoạt động năm 2023 và ký kết giao ước thi đua giữa các đơn vị "
           "trong Cụm.", "Địa điểm: huyện Trần Đề."], ["- " + HEAD, "- " + ALL], ["Tháng 02/2023"]],
    ["3", ["Ban hành kế hoạch triển khai phong trào thi đua \"Cả nước chung tay vì người nghèo - Không để ai "
           "bị bỏ lại phía sau\" năm 2023 tại địa phương."], [ALL], ["Trước ngày 31/3/2023"]],
    ["QUÝ II (tháng 4 - tháng 6/2023)"],
    ["1", ["Tổ chức Giao lưu văn hóa, văn nghệ, thể thao các dân tộc Kinh - Khmer - Hoa của Cụm, chào mừng "
           "kỷ niệm 133 năm Ngày sinh Chủ tịch Hồ Chí Minh.", "Địa điểm: thị xã Vĩnh Châu."],
     ["- UBND thị xã Vĩnh Châu (đăng cai)", "- " + ALL], ["Tháng 5/2023"]],
    ["2", ["Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2023, gửi Trưởng Cụm."], [ALL],
     ["Trước ngày 15/6/2023"]],
    ["QUÝ III (tháng 7 - tháng 9/2023)"],
    ["1", ["Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2023 của Cụm; triển khai nhiệm vụ "
           "6 tháng cuối năm."], ["- " + HEAD, "- " + ALL], ["Tháng 7/2023"]],
    ["2", ["Kiểm tra chéo công tác thi đua, khen thưởng và việc thực hiện giao ước thi đua năm 2023.",
           "Đơn vị được kiểm tra: huyện Long Phú, huyện Kế Sách."],
     ["- Trưởng Cụm, Phó Trưởng Cụm (UBND huyện Cù Lao Dung)", "- " + ALL], ["Tháng 8/2023"]],
    ["QUÝ IV (tháng 10 - tháng 12/2023)"],
    ["1", ["Tham gia gian hàng chung giới thiệu sản phẩm OCOP, đặc sản của các địa phương trong Cụm tại Lễ hội "
           "Oóc Om Bóc - Đua ghe Ngo Sóc Trăng năm 2023.", "Địa điểm: thành phố Sóc Trăng."],
     ["- " + HEAD, "- " + ALL], ["Tháng 11/2023"]],
    ["2", ["Tự đánh giá, chấm điểm thi đua năm 2023 theo Bảng tiêu chí của Cụm, gửi Trưởng Cụm kèm báo cáo "
           "tổng kết năm."], [ALL], ["Trước ngày 25/11/2023"]],
    ["3", ["Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của Cụm; bình xét, suy tôn đơn vị "
           "dẫn đầu, đề nghị UBND tỉnh tặng Cờ thi đua, Bằng khen."], ["- " + HEAD, "- " + ALL],
     ["Trước ngày 20/12/2023"]],
]

CLOSING = [
    "Căn cứ Kế hoạch này, UBND các huyện, thị xã trong Cụm chủ động xây dựng kế hoạch cụ thể; giao Phòng Nội "
    "vụ là cơ quan thường trực, phối hợp với Tổ giúp việc của Cụm theo dõi, đôn đốc việc thực hiện.",
    "Phòng Nội vụ huyện Trần Đề (thường trực Tổ giúp việc Cụm) tổng hợp, báo cáo Trưởng Cụm và Ban Thi đua - "
    "Khen thưởng tỉnh (Sở Nội vụ). Trong quá trình thực hiện có khó khăn, vướng mắc, các đơn vị kịp thời phản "
    "ánh về Trưởng Cụm để xem xét, điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ);",
    "- UBND các huyện: Long Phú, Cù Lao Dung, Kế Sách;",
    "- UBND thị xã Vĩnh Châu;",
    "- CT, các PCT UBND huyện;",
    "- Phòng Nội vụ huyện;",
    "- Lưu: VT.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND TỈNH SÓC TRĂNG", {"bold": False}), "UBND HUYỆN TRẦN ĐỀ",
                            ("CỤM THI ĐUA CÁC HUYỆN PHÍA NAM", {"bold": True, "size": 11.5})],
                      "Số: 09/KH-UBND", "Trần Đề, ngày 10 tháng 01 năm 2023", left_width=6.8, right_width=9.4)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện phía Nam năm 2023", bold=True, align=CENTER,
              indent=None, size=14)
    vbhc.para(doc, "__________", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "II. NỘI DUNG HOẠT ĐỘNG", bold=True)
    vbhc.plan_table(doc, HEADER, ROWS, [1.3, 7.4, 4.0, 3.3], [CENTER, JUSTIFY, LEFT, CENTER], size=12)
    vbhc.para(doc, "", indent=None, size=6)
    vbhc.para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. CỤM THI ĐUA", "TRƯỞNG CỤM"], "Lâm Hoàng Nghiệp", blank_lines=1)
    vbhc.signer_office(doc, "CHỦ TỊCH UBND HUYỆN TRẦN ĐỀ")
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Trần Đề",
                                  "Kế hoạch hoạt động Cụm thi đua các huyện phía Nam năm 2023")


if __name__ == "__main__":
    for path in build():
        print(path)
