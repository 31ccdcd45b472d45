"""The dashboard's panel of feedback: the threads the subtree's units sent, by state, in one
query."""

from sangtao.dashboard.selectors import Filters
from sangtao.feedback import services
from sangtao.feedback.panels import feedback_for_dashboard


def test_the_panel_counts_the_threads_the_subtree_sent_by_state(
    units, staff, django_assert_num_queries
):
    women = services.thread_open(
        by=staff["women_clerk"], unit=units["women"], subject="Kinh phí", text="Xin hướng dẫn."
    )
    services.thread_open(
        by=staff["youth_clerk"], unit=units["youth"], subject="Mẫu báo cáo", text="Xin mẫu."
    )
    school = services.thread_open(
        by=staff["school_clerk"], unit=units["school"], subject="Hồ sơ", text="Hỏi về hồ sơ."
    )
    services.message_post(thread=women, by=staff["officer"], text="Đã có hướng dẫn.")
    services.thread_close(thread=school, by=staff["officer"])

    with django_assert_num_queries(1):
        province = feedback_for_dashboard(
            user=None, filters=Filters(paths=(units["province"].path,), year=None)
        )
    district = feedback_for_dashboard(
        user=None, filters=Filters(paths=(units["district"].path,), year=None)
    )

    assert province["rows"] == [
        ("Phản ánh, kiến nghị đã gửi", 3),
        ("Chờ trả lời", 1),
        ("Đã trả lời", 1),
        ("Đã kết thúc", 1),
    ]
    assert [value for _label, value in district["rows"]] == [1, 0, 0, 1]
