"""The demo's practices: what the Tây Ninh member organisations built for the movement in
2018-2020 and in 2026, one taken up by the other districts, and two units applying the
initiative the province council recognised.

Step of `manage.py demo_data` (see sangtao.demo.story): `practices` (75), after the movement
(50), the initiatives (60) and the council (65). Units are found by their demo key, else by
name; a unit or person that cannot be found stops the demo with its name (never skipped)."""

import datetime

from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.orgs.models import OrgUnit

from . import services
from .models import Practice

D = datetime.date

# (unit key, unit name, field code, title, started on, description, results, published)
PRACTICES = [
    (
        "hoi_phu_nu",
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        "he-thong-chinh-tri",
        "Mô hình “Tổ phụ nữ tiết kiệm vì nhau”",
        D(2018, 3, 8),
        "Hội viên góp tiết kiệm hằng tháng, cho chị em khó khăn vay không lãi để nuôi bò, "
        "trồng mì và mở quán nhỏ; chi hội theo dõi việc sử dụng vốn.",
        "Đến cuối năm 2019 có 126 tổ với 2.870 hội viên, 940 lượt vay; 312 hộ thoát nghèo.",
        True,
    ),
    (
        "tinh_doan",
        "Tỉnh Đoàn Tây Ninh",
        "he-thong-chinh-tri",
        "Mô hình “Thanh niên tình nguyện số hóa thủ tục hành chính”",
        D(2018, 6, 15),
        "Đoàn viên tại bộ phận một cửa cấp xã hướng dẫn người dân nộp hồ sơ trực tuyến và "
        "cài đặt ứng dụng thanh toán không dùng tiền mặt.",
        "Năm 2019 hướng dẫn 18.500 lượt người dân; tỷ lệ hồ sơ trực tuyến tại 12 xã thí "
        "điểm tăng từ 4% lên 31%.",
        True,
    ),
    (
        "hoi_nong_dan",
        "Hội Nông dân tỉnh Tây Ninh",
        "doanh-nghiep",
        "Mô hình “Tổ hợp tác trồng mãng cầu Bà Đen theo hướng VietGAP”",
        D(2019, 2, 20),
        "Nông dân xã Thạnh Tân liên kết trồng, chăm sóc, thu hoạch mãng cầu theo quy trình "
        "VietGAP và bao tiêu qua hợp tác xã.",
        "42 hộ, 65 ha đạt chứng nhận VietGAP; giá bán cao hơn 15-20% so với ngoài tổ.",
        True,
    ),
    (
        "hoi_ccb",
        "Hội Cựu chiến binh tỉnh Tây Ninh",
        "he-thong-chinh-tri",
        "Mô hình “Cựu chiến binh tự quản đường biên giới”",
        D(2019, 7, 27),
        "Cựu chiến binh các xã biên giới Tân Châu phối hợp đồn biên phòng tuần tra, tuyên "
        "truyền người dân không xuất nhập cảnh trái phép.",
        "18 tổ tự quản, 11 km đường biên; phát hiện và báo cáo 23 vụ việc.",
        False,
    ),
    (
        "ldld",
        "Liên đoàn Lao động tỉnh Tây Ninh",
        "doanh-nghiep",
        "Mô hình “Sáng kiến nhỏ mỗi ca làm việc” tại doanh nghiệp",
        D(2020, 4, 10),
        "Công đoàn cơ sở tại các khu công nghiệp Trảng Bàng, Phước Đông thu thập ý tưởng cải "
        "tiến của công nhân sau mỗi ca và trao thưởng hằng tháng.",
        "Năm 2020 ghi nhận 1.140 ý tưởng, 215 ý tưởng được áp dụng, làm lợi khoảng 3,2 tỷ đồng.",
        True,
    ),
    (
        "hoi_phu_nu",
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        "he-thong-chinh-tri",
        "Mô hình “Chi hội phụ nữ không rác thải nhựa”",
        D(2026, 3, 8),
        "Chi hội thu gom, phân loại rác thải nhựa, đổi lấy sản phẩm thiết yếu cho hội viên.",
        "Sau 6 tháng, 58 chi hội tham gia, thu gom 14 tấn rác thải nhựa.",
        False,
    ),
    (
        "tinh_doan",
        "Tỉnh Đoàn Tây Ninh",
        "he-thong-chinh-tri",
        "Mô hình “Bình dân học vụ số” cho người cao tuổi",
        D(2026, 3, 26),
        "Đoàn viên hướng dẫn người cao tuổi dùng VNeID, dịch vụ công trực tuyến và nhận diện "
        "lừa đảo qua mạng.",
        "9 tháng đầu năm 2026 tổ chức 210 lớp cho 6.300 người.",
        False,
    ),
]
# The savings groups of the women's union taken up by the district committees.
REPLICATED = "Mô hình “Tổ phụ nữ tiết kiệm vì nhau”"
REPLICATIONS = [
    (
        "tan_chau",
        "Ủy ban MTTQ Việt Nam huyện Tân Châu",
        D(2019, 5, 1),
        "Nhân rộng ra 9 xã, 37 tổ, hỗ trợ vốn cho 260 hộ đồng bào dân tộc thiểu số.",
    ),
    (
        "go_dau",
        "Ủy ban MTTQ Việt Nam huyện Gò Dầu",
        D(2020, 3, 2),
        "14 tổ tại các ấp ven sông Vàm Cỏ Đông, 410 thành viên.",
    ),
]
# (unit key, unit name, applied on, scope, result, money saved in VND)
APPLICATIONS = [
    (
        "tan_chau",
        "Ủy ban MTTQ Việt Nam huyện Tân Châu",
        D(2020, 3, 2),
        "Phòng Giáo dục và Đào tạo huyện và 28 trường tiểu học, trung học cơ sở",
        "Hội đồng chấm 214 sáng kiến kinh nghiệm năm học 2019-2020 trên biểu mẫu điện tử; "
        "thời gian tổng hợp điểm giảm từ 10 ngày còn 2 ngày.",
        36_000_000,
    ),
    (
        "hoi_nong_dan",
        "Hội Nông dân tỉnh Tây Ninh",
        D(2020, 9, 15),
        "Hội đồng xét sáng kiến của cơ quan Hội tỉnh",
        "Áp dụng cách chấm trên biểu mẫu điện tử cho 37 sáng kiến của cán bộ Hội; bỏ in và "
        "chuyển phiếu giấy giữa các thành viên hội đồng.",
        12_000_000,
    ),
]


def present() -> bool:
    return Practice.objects.filter(title=PRACTICES[0][3]).exists()


def _unit(context, key: str, name: str) -> OrgUnit:
    """The demo's unit `key`, else the unit of that name (the province's, when several)."""
    if key in context.units:
        return context.units[key]
    try:
        return OrgUnit.objects.get(name=name)
    except OrgUnit.DoesNotExist as error:
        raise RuntimeError(f"practices demo: unit {name!r} ({key}) not found") from error


def _officer(context):
    officer = context.people.get("phongtrao") or context.admin
    if officer is None:
        raise RuntimeError("practices demo: no province officer (phongtrao) to act")
    return officer


def practices(context) -> None:
    """The member organisations' practices, one replicated twice, and two applications of the
    recognised initiative."""
    officer = _officer(context)
    fields = dict(context.fields)
    made = {}
    for key, name, field, title, started_on, description, results, published in PRACTICES:
        made[title] = services.practice_create(
            by=officer,
            unit=_unit(context, key, name),
            field=fields.get(field),
            title=title,
            started_on=started_on,
            description=description,
            results=results,
            published=published,
        )
    for key, name, started_on, results in REPLICATIONS:
        services.replication_create(
            by=officer,
            practice=made[REPLICATED],
            unit=_unit(context, key, name),
            started_on=started_on,
            results=results,
        )
    recognised = Initiative.objects.filter(state=State.RECOGNISED).order_by("pk").first()
    if recognised is None:
        raise RuntimeError("practices demo: the demo has no recognised initiative to apply")
    for key, name, applied_on, scope, result, saved in APPLICATIONS:
        services.application_create(
            by=officer,
            initiative=recognised,
            unit=_unit(context, key, name),
            applied_on=applied_on,
            scope=scope,
            result=result,
            saved_vnd=saved,
        )


STEPS = [(75, practices)]
