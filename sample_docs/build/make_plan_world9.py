"""Render world 9's plan (Kế hoạch 2023 of the cluster of coastal districts of Thái Bình) as Word and PDF.

Run from the repo root: `.venv/bin/python sample_docs/build/make_plan_world9.py`. Hand-written text, laid out
as a secretariat writing in prose would: no table; parts A. B. C., the tasks numbered straight through (1 to 11) under
four Roman-numbered fields of work (I. to IV.), each item a bold numbered heading, a paragraph of content, then dash
lines "- Thời gian: …", "- Đơn vị chủ trì: …" / "- Đơn vị thực hiện: …" and, for events, "- Địa điểm: …".
Item ids are Q<quarter of the deadline>-<rank within that quarter in plan order> (see world9/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vbhc  # noqa: E402
from vbhc import CENTER  # noqa: E402

OUT_DIR = vbhc.SAMPLE_DIR / "world9" / "plan"
STEM = "ke_hoach_cum_thi_dua_ven_bien_2023"

CAN_CU = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
    "khen thưởng ngày 16/11/2013; Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định số 24/2018/QĐ-UBND ngày 12/10/2018 của UBND tỉnh Thái Bình ban hành Quy chế tổ chức "
    "và hoạt động của các Cụm, Khối thi đua thuộc tỉnh;",
    "Căn cứ kết quả Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 của Cụm thi đua các huyện ven "
    "biển ngày 28/12/2022,",
]
INTRO = ("UBND huyện Tiền Hải - Cụm trưởng Cụm thi đua các huyện ven biển xây dựng Kế hoạch hoạt động của Cụm "
         "năm 2023, cụ thể như sau:")
PURPOSE = [
    "Đẩy mạnh các phong trào thi đua yêu nước, trọng tâm là phong trào \"Thái Bình chung sức xây dựng nông "
    "thôn mới\" gắn với phát triển kinh tế biển, nuôi trồng thủy sản bền vững tại các huyện trong Cụm.",
    "Các hoạt động của Cụm được tổ chức thiết thực, tiết kiệm; các huyện thành viên thực hiện nghiêm chế độ "
    "thông tin, báo cáo, đúng thời gian quy định tại Kế hoạch này.",
]

ALL = "Các huyện trong Cụm thi đua (Tiền Hải, Thái Thụy, Kiến Xương, Vũ Thư, Đông Hưng)"
SECTIONS = [
    ("I. Công tác phát động, đăng ký và ký kết giao ước thi đua", [
        ("Đăng ký thi đua năm 2023",
         "Các huyện xây dựng bản đăng ký giao ước thi đua, chỉ tiêu thi đua và đăng ký danh hiệu thi đua năm "
         "2023 của huyện, gửi về Cụm trưởng (qua Phòng Nội vụ huyện Tiền Hải) để tổng hợp.",
         [("Thời gian", "trước ngày 10/02/2023."), ("Đơn vị thực hiện", ALL + ".")]),
        ("Hội nghị ký kết giao ước thi đua",
         "Tổ chức Hội nghị triển khai nhiệm vụ năm 2023 và ký kết giao ước thi đua giữa các huyện trong Cụm.",
         [("Thời gian", "tháng 02/2023."), ("Đơn vị chủ trì", "UBND huyện Tiền Hải (Cụm trưởng)."),
          ("Đơn vị phối hợp", "các huyện thành viên."), ("Địa điểm", "huyện Tiền Hải.")]),
        ("Phát động phong trào thi đua tại đơn vị",
         "Mỗi huyện ban hành kế hoạch phát động phong trào thi đua \"Chung sức xây dựng nông thôn mới nâng cao, "
         "nông thôn mới kiểu mẫu\" năm 2023 trên địa bàn, gắn với các ngày lễ lớn trong năm.",
         [("Thời gian", "trước ngày 31/3/2023."), ("Đơn vị thực hiện", ALL + ".")]),
    ]),
    ("II. Hội nghị chuyên đề, hoạt động giao lưu", [
        ("Hội nghị chuyên đề của Cụm",
         "Tổ chức Hội nghị chuyên đề \"Xây dựng nông thôn mới kiểu mẫu gắn với phát triển nuôi trồng thủy sản "
         "vùng ven biển\"; trao đổi kinh nghiệm, mô hình hay giữa các huyện.",
         [("Thời gian", "tháng 4/2023."), ("Đơn vị chủ trì", "UBND huyện Thái Thụy (Cụm phó)."),
          ("Đơn vị phối hợp", "các huyện trong Cụm."), ("Địa điểm", "huyện Thái Thụy.")]),
        ("Giải Bóng chuyền hơi Cụm thi đua",
         "Tổ chức Giải Bóng chuyền hơi các huyện ven biển năm 2023 chào mừng kỷ niệm 133 năm Ngày sinh Chủ "
         "tịch Hồ Chí Minh (19/5); mỗi huyện cử 01 đội nam, 01 đội nữ tham gia.",
         [("Thời gian", "tháng 5/2023."), ("Đơn vị đăng cai", "UBND huyện Kiến Xương."),
          ("Đơn vị tham gia", "các huyện trong Cụm."), ("Địa điểm", "Nhà thi đấu thể thao huyện Kiến Xương.")]),
    ]),
    ("III. Sơ kết, kiểm tra", [
        ("Báo cáo sơ kết 6 tháng",
         "Các huyện báo cáo kết quả thực hiện phong trào thi đua, công tác khen thưởng 6 tháng đầu năm 2023, "
         "gửi Cụm trưởng để tổng hợp.",
         [("Thời gian", "trước ngày 15/6/2023."), ("Đơn vị thực hiện", ALL + ".")]),
        ("Hội nghị sơ kết 6 tháng của Cụm",
         "Tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng "
         "cuối năm 2023 của Cụm.",
         [("Thời gian", "tháng 7/2023."), ("Đơn vị chủ trì", "UBND huyện Tiền Hải (Cụm trưởng)."),
          ("Đơn vị phối hợp", "các huyện thành viên.")]),
        ("Kiểm tra chéo",
         "Tổ chức kiểm tra chéo việc thực hiện công tác thi đua, khen thưởng năm 2023 giữa các huyện trong "
         "Cụm. Đơn vị được kiểm tra năm 2023: huyện Vũ Thư, huyện Đông Hưng.",
         [("Thời gian", "tháng 9/2023."), ("Đơn vị chủ trì", "Cụm trưởng, Cụm phó."),
          ("Đơn vị phối hợp", "các huyện trong Cụm.")]),
    ]),
    ("IV. Tổng kết, bình xét thi đua", [
        ("Tự chấm điểm thi đua",
         "Các huyện tự đánh giá, chấm điểm kết quả thực hiện các tiêu chí thi đua năm 2023 theo Bảng chấm điểm "
         "của Cụm; gửi Cụm trưởng kèm báo cáo tổng kết năm.",
         [("Thời gian", "trước ngày 30/11/2023."), ("Đơn vị thực hiện", ALL + ".")]),
        ("Hội nghị tổng kết năm",
         "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của Cụm; bình xét, suy tôn đơn vị "
         "dẫn đầu, đơn vị xuất sắc đề nghị UBND tỉnh tặng Cờ thi đua, Bằng khen.",
         [("Thời gian", "tháng 12/2023."), ("Đơn vị chủ trì", "UBND huyện Tiền Hải (Cụm trưởng)."),
          ("Đơn vị phối hợp", "các huyện thành viên.")]),
        ("Hồ sơ đề nghị khen thưởng của Cụm",
         "Hoàn thiện hồ sơ đề nghị khen thưởng theo kết quả bình xét của Cụm, trình Hội đồng Thi đua - Khen "
         "thưởng tỉnh (qua Ban Thi đua - Khen thưởng, Sở Nội vụ).",
         [("Thời gian", "trước ngày 31/12/2023."), ("Đơn vị thực hiện", "UBND huyện Tiền Hải (Cụm trưởng).")]),
    ]),
]

CLOSING = [
    "Các huyện trong Cụm căn cứ Kế hoạch này chủ động triển khai thực hiện; các văn bản, báo cáo gửi về Cụm "
    "trưởng qua Phòng Nội vụ huyện Tiền Hải (bản giấy và bản điện tử) đúng thời gian quy định.",
    "Cụm phó (UBND huyện Thái Thụy) phối hợp với Cụm trưởng theo dõi, đôn đốc việc thực hiện. Trong quá trình "
    "thực hiện nếu có vướng mắc, các huyện phản ánh về Cụm trưởng để thống nhất điều chỉnh./.",
]
RECIPIENTS = [
    "- Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ);",
    "- UBND các huyện: Thái Thụy, Kiến Xương, Vũ Thư, Đông Hưng;",
    "- Chủ tịch, các PCT UBND huyện;",
    "- Phòng Nội vụ huyện;",
    "- Lưu: VT.",
]


def build() -> tuple[Path, Path]:
    """Write the .docx and the LibreOffice-made .pdf; return both paths."""
    doc = vbhc.new_document(size=14)
    vbhc.header_block(doc, [("UBND HUYỆN TIỀN HẢI", {"bold": False}), "CỤM TRƯỞNG CỤM THI ĐUA",
                            "CÁC HUYỆN VEN BIỂN"],
                      "Số: 12/KH-UBND", "Tiền Hải, ngày 16 tháng 01 năm 2023", left_width=7.4, right_width=9.0)
    vbhc.para(doc, "", indent=None)
    vbhc.para(doc, "KẾ HOẠCH", bold=True, align=CENTER, indent=None, size=14, space_after=0)
    vbhc.para(doc, "Hoạt động của Cụm thi đua các huyện ven biển năm 2023", bold=True, align=CENTER,
              indent=None, size=14)
    vbhc.para(doc, "_______", align=CENTER, indent=None, size=10)
    for text in CAN_CU:
        vbhc.para(doc, text, italic=True)
    vbhc.para(doc, INTRO)
    vbhc.para(doc, "A. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        vbhc.para(doc, "- " + text)
    vbhc.para(doc, "B. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN", bold=True)
    n = 0
    for title, items in SECTIONS:
        vbhc.para(doc, title, bold=True)
        for head, content, lines in items:
            n += 1
            vbhc.para(doc, f"{n}. {head}", bold=True, italic=True)
            vbhc.para(doc, content)
            for key, value in lines:
                vbhc.para(doc, f"- {key}: {value}")
    vbhc.para(doc, "C. TỔ CHỨC THỰC HIỆN", bold=True)
    for text in CLOSING:
        vbhc.para(doc, text)
    vbhc.para(doc, "", indent=None)
    vbhc.signature_block(doc, RECIPIENTS, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                         "Nguyễn Văn Khương", blank_lines=3)
    return vbhc.save_docx_and_pdf(doc, OUT_DIR, STEM, "Phòng Nội vụ huyện Tiền Hải",
                                  "Kế hoạch hoạt động Cụm thi đua các huyện ven biển năm 2023")


if __name__ == "__main__":
    for path in build():
        print(path)
