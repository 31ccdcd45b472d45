"""The dashboard's panel of consultations: drafts open today, comments received and those
awaiting a response, in the subtree chosen, in two queries."""

from sangtao.consultations import services
from sangtao.consultations.panels import consultations_for_dashboard
from sangtao.dashboard.selectors import Filters

from .conftest import make_consultation


def test_the_panel_counts_open_drafts_and_comments_awaiting_a_response(
    units, staff, consultation, django_assert_num_queries
):
    make_consultation(units["province"], staff["officer"], opens=-40, closes=-10, title="Cũ")
    first, second = consultation.sections.order_by("order", "pk")
    answered = services.comment_add(
        section=first, text="Đề nghị bỏ điều kiện.", by=staff["women_clerk"], unit=units["women"]
    )
    services.comment_add(
        section=second, text="Thêm tiêu chí.", by=staff["youth_clerk"], unit=units["youth"]
    )
    services.comment_respond(
        comment=answered, response="accepted", response_text="Tiếp thu.", by=staff["officer"]
    )

    with django_assert_num_queries(2):
        province = consultations_for_dashboard(
            user=None, filters=Filters(paths=(units["province"].path,), year=None)
        )
    district = consultations_for_dashboard(
        user=None, filters=Filters(paths=(units["district"].path,), year=None)
    )

    assert province["rows"] == [
        ("Dự thảo đang lấy ý kiến", 1),
        ("Dự thảo đưa ra lấy ý kiến", 2),
        ("Ý kiến góp ý đã nhận", 2),
        ("Ý kiến chờ tiếp thu, giải trình", 1),
    ]
    assert [value for _label, value in district["rows"]] == [0, 0, 0, 0]
