"""What the Tây Ninh plan (seed plan, sections II, III.5.1 and IV) sets out, as defaults.

A new movement starts with these; a movement officer edits them afterwards. The fields,
criteria and milestones are the plan's words; the criteria's minimums and the grading scale are
defaults of the platform (the plan names neither), said so where they are edited.
"""

import datetime
from decimal import Decimal

FIELDS = [
    ("doanh-nghiep", "Nâng cao năng suất lao động ở doanh nghiệp, đơn vị sản xuất kinh doanh"),
    (
        "he-thong-chinh-tri",
        "Nâng cao hiệu quả công tác trong các cơ quan của hệ thống chính trị",
    ),
    ("su-nghiep", "Các đơn vị sự nghiệp: trường nghề, trung tâm, trường phổ thông, bệnh viện"),
    ("luc-luong-vu-trang", "Lực lượng vũ trang: Công an, Quân đội, dân quân tự vệ"),
    (
        "dan-toc-ton-giao-kieu-bao",
        "Đồng bào các dân tộc, các tổ chức tôn giáo, kiều bào hướng về quê hương",
    ),
]

# code, name, description; each weighs 1 and is scored 0-20, so a total is out of 100.
CRITERIA = [
    ("tinh-moi", "Tính mới", "Là sáng kiến, ý tưởng chưa được đề xuất và công nhận trước đây."),
    (
        "tinh-phu-hop",
        "Tính phù hợp",
        "Nội dung sáng kiến, ý tưởng phù hợp với lĩnh vực công tác, học tập.",
    ),
    (
        "tinh-tap-the",
        "Tính tập thể",
        "Sáng kiến, ý tưởng có khả năng ứng dụng, triển khai cho nhóm, tập thể.",
    ),
    (
        "tinh-thiet-thuc-hieu-qua",
        "Tính thiết thực, hiệu quả",
        "Sáng kiến, ý tưởng đáp ứng yêu cầu đổi mới, nâng cao hiệu quả của đơn vị.",
    ),
    (
        "tinh-kinh-te",
        "Tính kinh tế",
        "Sáng kiến, ý tưởng khi nghiên cứu ứng dụng không tốn kém kinh phí cho đơn vị.",
    ),
]
CRITERION_MIN, CRITERION_MAX = 0, 20


def criterion_minimum(max_score: int) -> Decimal:
    """The least a criterion's council figure must reach: half its highest score (10 of 20).

    The plan asks that an initiative meets all five criteria but gives no figure: this half is
    a default of the platform, not the plan's words; a movement officer changes it.
    """
    return Decimal(max_score) / 2


# name, lowest weighted total, recognised. Defaults of the platform, not the plan's words (the
# plan names no grades): a movement officer renames them and moves their thresholds. An
# initiative with a criterion below its minimum is proposed the lowest grade not recognised.
GRADES = [
    ("Xuất sắc", 90, True),
    ("Tốt", 75, True),
    ("Đạt", 60, True),
    ("Không đạt", 0, False),
]

# The name given to the round of one year (data, stored in Vietnamese like the plan).
ROUND_NAME = "{movement} – năm {year}"

CAMPAIGNS = [
    "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
    "Người Việt Nam ưu tiên dùng hàng Việt Nam",
    "Tây Ninh chung sức xây dựng nông thôn mới",
]


def working_years(start_year: int, end_year: int) -> list[int]:
    """The years section IV fills: the plan is launched in its first year (2017) and worked in
    the years after it (2018-2020); a movement of fewer than four years works from its first."""
    years = list(range(start_year, end_year + 1))
    return years[1:] if len(years) >= 4 else years


PROVINCE_COUNCIL_TASK = (
    "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp tỉnh"
)
# Tasks measured from the data: task -> (Milestone.Condition, parameters).
CONDITIONS = {PROVINCE_COUNCIL_TASK: ("council_level", {"level": "province"})}


def milestones(
    start_year: int, end_year: int | None = None
) -> list[tuple[datetime.date, str, str, int | None]]:
    """Section IV of the plan, laid on the movement's years: (due on, task, target, count).

    The first working year gets the set-up tasks, every working year the yearbook, the second
    the one-year review and the third the three-year review; nothing falls outside the period.
    """
    years = working_years(start_year, start_year + 3 if end_year is None else end_year)
    first = years[0]
    rows = [
        (
            datetime.date(first, 6, 30),
            "Tọa đàm trao đổi nội dung, phương thức triển khai và khảo sát phong trào "
            "ở 03 cụm cấp huyện và ở tỉnh",
            "03 cụm: Thành phố Tây Ninh, Tân Châu, Gò Dầu",
            3,
        ),
        (
            datetime.date(first, 12, 31),
            "Mặt trận tỉnh và mỗi tổ chức chính trị - xã hội xây dựng mô hình “Đoàn kết sáng tạo”",
            "Ít nhất 01 mô hình mỗi đơn vị",
            1,
        ),
        (
            datetime.date(first, 6, 30),
            "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp tỉnh",
            "Quyết định thành lập Hội đồng",
            1,
        ),
        (
            datetime.date(first, 6, 30),
            "Xây dựng tiêu chí đánh giá, xếp loại sáng kiến, sáng chế, ý tưởng mới",
            "Bộ tiêu chí được ban hành",
            1,
        ),
        *[
            (
                datetime.date(year, 11, 30),
                f"Tập hợp sáng kiến, ý tưởng mới tiêu biểu gửi Trung ương biên tập ấn phẩm "
                f"“Gương người Việt đoàn kết sáng tạo” năm {year}",
                "Danh sách sáng kiến tiêu biểu gửi Trung ương",
                None,
            )
            for year in years
        ],
    ]
    if len(years) >= 2:
        rows.append(
            (
                datetime.date(years[1], 12, 31),
                "Sơ kết 01 năm thực hiện Phong trào; biểu dương tập thể, cá nhân điển hình",
                "Hội nghị sơ kết",
                1,
            )
        )
    if len(years) >= 3:
        rows.append(
            (
                datetime.date(years[2], 12, 31),
                "Sơ kết 03 năm thực hiện Phong trào; biểu dương tập thể, cá nhân điển hình",
                "Hội nghị sơ kết 03 năm",
                1,
            )
        )
    return rows
