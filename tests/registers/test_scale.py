"""Registers at province size: the unit filter is a search box (no <select> of every unit), and
a list longer than the in-request limit is exported by a background job whose file only the
person who asked may download. Exercised on the practices register (the real pages)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sangtao.accounts.models import Role
from sangtao.core.models import AuditEvent
from sangtao.jobs.models import Job
from sangtao.practices import services

from .. import factories as f

pytestmark = pytest.mark.django_db

LIST = "/practices/practices/"


@pytest.fixture
def clerks(tree):
    def clerk(name, unit):
        return f.make_user(name, unit=unit, roles=((Role.CLERK, unit),))

    return {
        "province": clerk("vanthu_tinh", tree["province"]),
        "district": clerk("vanthu_tanchau", tree["district"]),
        "district_too": clerk("vanthu2_tanchau", tree["district"]),
        "other": clerk("vanthu_godau", tree["other_district"]),
    }


def _practice(unit, by, title, *, year=2024, published=False):
    return services.practice_create(
        by=by,
        unit=unit,
        title=title,
        started_on=datetime.date(year, 3, 8),
        description="Cách làm mới.",
        published=published,
    )


@pytest.fixture
def practices(tree, clerks):
    by_district, by_other = clerks["district"], clerks["other"]
    return [
        _practice(tree["district"], by_district, "Một cửa số hóa ở Tân Châu"),
        _practice(tree["commune"], by_district, "Chợ không dùng tiền mặt ở Tân Hòa"),
        _practice(tree["school"], by_district, "Học bạ điện tử", year=2023),
        _practice(tree["other_district"], by_other, "Vườn mẫu Gò Dầu", published=True),
        _practice(tree["other_school"], by_other, "Phân loại rác ở trường Gò Dầu"),
    ]


def _titles(response) -> list[str]:
    return sorted(row.title for row in response.context["rows"])


# -- the unit filter --------------------------------------------------------------------------


def test_unit_filter_is_a_search_box_not_a_list_of_every_unit(client_for, clerks, practices):
    page = client_for(clerks["province"]).get(LIST).content.decode()
    assert 'name="unit__q"' in page
    assert '<select name="unit"' not in page
    assert "Trường THPT Gò Dầu</option>" not in page


def test_unit_filter_without_javascript_keeps_the_units_whose_name_holds_the_words(
    client_for, clerks, practices
):
    client = client_for(clerks["province"])
    assert _titles(client.get(LIST, {"unit__q": "tan hoa"})) == [
        "Chợ không dùng tiền mặt ở Tân Hòa",
        "Học bạ điện tử",
    ]
    assert _titles(client.get(LIST, {"unit__q": "GÒ DẦU", "year": "2024"})) == [
        "Phân loại rác ở trường Gò Dầu",
        "Vườn mẫu Gò Dầu",
    ]


def test_unit_filter_by_the_unit_picked_shows_it_chosen(client_for, clerks, practices, tree):
    response = client_for(clerks["province"]).get(LIST, {"unit": tree["commune"].pk})
    assert _titles(response) == ["Chợ không dùng tiền mặt ở Tân Hòa"]
    page = response.content.decode()
    assert f'value="{tree["commune"].pk}" id="id_unit_chosen" checked' in page
    assert "Ủy ban MTTQ Việt Nam xã Tân Hòa</label>" in page


def test_unit_filter_with_an_id_that_is_no_number_shows_nothing(client_for, clerks, practices):
    assert _titles(client_for(clerks["province"]).get(LIST, {"unit": "abc"})) == []


def test_unit_picker_answers_only_units_the_person_may_pick(client_for, clerks, practices, tree):
    url = reverse("practices:practice_pick", args=["unit"])
    page = client_for(clerks["district"]).get(url, {"unit__q": "tan"}).content.decode()
    assert f'name="unit" value="{tree["district"].pk}"' in page
    assert f'name="unit" value="{tree["commune"].pk}"' in page
    assert f'name="unit" value="{tree["school"].pk}"' in page
    assert "Gò Dầu" not in page
    godau = client_for(clerks["district"]).get(url, {"unit__q": "go dau"}).content.decode()
    assert "Không có đơn vị nào" in godau


def test_unit_picker_of_an_unknown_filter_is_not_found(client_for, clerks):
    url = reverse("practices:practice_pick", args=["field"])
    assert client_for(clerks["province"]).get(url, {"field__q": "giao duc"}).status_code == 404


# -- the export in the background -------------------------------------------------------------


def test_register_export_over_the_limit_asks_to_prepare_it_in_the_background(
    client_for, clerks, practices, settings
):
    settings.REGISTERS_EXPORT_IN_REQUEST = 2
    response = client_for(clerks["district"]).get(
        LIST, {"year": "2024", "export": "xlsx", "page": "2"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("practices:practice_export")}"' in page
    assert '<input type="hidden" name="year" value="2024">' in page
    assert 'name="page"' not in page and 'name="export"' not in page
    assert Job.objects.count() == 0


def _ask(client, run_jobs, data):
    with run_jobs():
        response = client.post(reverse("practices:practice_export"), data)
    return response, Job.objects.get()


def _sheet_rows(job) -> list[list]:
    with job.file.open("rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_register_export_job_writes_the_filtered_rows_the_person_may_see(
    client_for, clerks, practices, settings, run_jobs
):
    settings.REGISTERS_EXPORT_IN_REQUEST = 1
    response, job = _ask(client_for(clerks["district"]), run_jobs, {"year": "2024"})
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == Job.State.DONE
    assert (job.kind, job.requested_by, job.target) == (
        "registers.export_xlsx",
        clerks["district"],
        clerks["district"],
    )
    assert (job.progress_done, job.progress_total) == (3, 3)
    assert job.file_name.startswith("practices-") and job.file_name.endswith(".xlsx")
    rows = _sheet_rows(job)
    assert rows[0] == [
        "Mô hình",
        "Đơn vị",
        "Lĩnh vực",
        "Ngày bắt đầu",
        "Mô tả",
        "Kết quả",
        "Công bố",
    ]
    # its own subtree's practices of 2024 and the published one of Gò Dầu; not the other
    assert sorted((row[0], row[1]) for row in rows[1:]) == [
        ("Chợ không dùng tiền mặt ở Tân Hòa", "Ủy ban MTTQ Việt Nam xã Tân Hòa"),
        ("Một cửa số hóa ở Tân Châu", "Ủy ban MTTQ Việt Nam huyện Tân Châu"),
        ("Vườn mẫu Gò Dầu", "Ủy ban MTTQ Việt Nam huyện Gò Dầu"),
    ]
    assert AuditEvent.objects.filter(action="job.enqueue", actor=clerks["district"]).count() == 1


def test_register_export_job_keeps_the_unit_typed(
    client_for, clerks, practices, settings, run_jobs
):
    settings.REGISTERS_EXPORT_IN_REQUEST = 1
    _, job = _ask(client_for(clerks["province"]), run_jobs, {"unit__q": "tan hoa"})
    assert sorted(row[0] for row in _sheet_rows(job)[1:]) == [
        "Chợ không dùng tiền mặt ở Tân Hòa",
        "Học bạ điện tử",
    ]


def test_register_export_job_file_is_served_only_to_who_asked(
    client_for, clerks, practices, settings, run_jobs
):
    settings.REGISTERS_EXPORT_IN_REQUEST = 1
    _, job = _ask(client_for(clerks["district"]), run_jobs, {})
    download = reverse("jobs:download", args=[job.public_id])
    asker = client_for(clerks["district"]).get(download)
    assert asker.status_code == 200
    assert asker["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    for other in ("district_too", "province"):  # same unit, or above it: not theirs
        client = client_for(clerks[other])
        assert client.get(download).status_code == 403
        assert client.get(job.get_absolute_url()).status_code == 403


def test_register_export_asked_with_a_bad_filter_makes_no_job(
    client_for, clerks, practices, settings
):
    settings.REGISTERS_EXPORT_IN_REQUEST = 1
    response = client_for(clerks["district"]).post(
        reverse("practices:practice_export"), {"unit": "abc"}
    )
    assert response.status_code == 302 and response["Location"] == LIST
    assert Job.objects.count() == 0


def test_register_export_under_the_limit_is_written_at_once(client_for, clerks, practices):
    response = client_for(clerks["district"]).get(LIST, {"year": "2023", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Học bạ điện tử"]
    assert Job.objects.count() == 0


# -- every register --------------------------------------------------------------------------


def _lists() -> list:
    """The registers of the site, found through their list pages."""
    from django.urls import URLResolver, get_resolver

    from sangtao.registers import RegisterListView

    found = []

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif getattr(pattern.callback, "view_class", None) is RegisterListView:
                found.append(pattern.callback.view_initkwargs["register"])

    walk(get_resolver().url_patterns)
    return found


def test_every_register_list_without_a_parent_walks_an_index_in_its_default_order(clerks):
    """A page of a long list reads 25 rows down an index instead of sorting all of them."""
    unindexed = []
    lists = [register for register in _lists() if register.parent is None]
    for register in lists:
        first = register.queryset(user=clerks["province"], parent=None).query.order_by[0]
        meta = register.model._meta
        leading = {index.fields[0].lstrip("-") for index in meta.indexes}
        if first.lstrip("-") not in leading:
            unindexed.append(f"{meta.label}: {first}")
    assert len(lists) >= 7
    assert unindexed == []


def _list_queries(client, data) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST, data).status_code == 200
    return len(queries)


def test_unit_filter_query_count_is_the_same_at_1_and_50_rows(client_for, clerks, tree):
    client = client_for(clerks["district"])
    picked = {"unit": tree["commune"].pk}
    typed = {"unit__q": "tan hoa"}
    _practice(tree["commune"], clerks["district"], "Mô hình số 1")
    one = (_list_queries(client, picked), _list_queries(client, typed))
    for number in range(2, 51):
        _practice(tree["commune"], clerks["district"], f"Mô hình số {number}")
    assert (_list_queries(client, picked), _list_queries(client, typed)) == one
    assert len(client.get(LIST, typed).context["rows"]) == 25


def test_unit_picker_shows_twenty_units_and_says_when_more_match(client_for, clerks, tree):
    for number in range(1, 23):
        f.make_unit(
            f"Trường Tiểu học số {number}",
            parent=tree["district"],
            kind_code="school",
            level_code="grassroots",
        )
    url = reverse("practices:practice_pick", args=["unit"])
    response = client_for(clerks["district"]).get(url, {"unit__q": "tieu hoc"})
    assert len(response.context["units"]) == 20
    assert "Còn nhiều đơn vị khớp nữa: hãy gõ thêm tên." in response.content.decode()
    narrow = client_for(clerks["district"]).get(url, {"unit__q": "tieu hoc so 21"})
    assert [unit.name for unit in narrow.context["units"]] == ["Trường Tiểu học số 21"]
    assert "Còn nhiều" not in narrow.content.decode()
