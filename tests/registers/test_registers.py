"""The register plumbing (sangtao.registers): a scoped list with filters, capped count and XLSX
export, a detail page with history, create/edit/delete through services with audit.

It is exercised on a register of movements scoped to the units a person manages (mounted under
/registers-test/ by this module's URLconf) and on the movement's fields (the real pages).
"""

import dataclasses
import io

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse

from sangtao.accounts.models import Role
from sangtao.accounts.scope import scope_q
from sangtao.core.models import AuditEvent
from sangtao.initiatives.models import Initiative
from sangtao.movements import registers as movement_registers
from sangtao.movements import services
from sangtao.movements.forms import MovementForm
from sangtao.movements.models import Field, Movement
from sangtao.movements.rules import MANAGERS
from sangtao.orgs.text import fold
from sangtao.registers import Column, Filter, Register, folded_search, register_urls
from sangtao.urls import urlpatterns as site_urlpatterns

from .. import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def _managed_movements(*, user, parent):
    return (
        Movement.objects.filter(scope_q(user, MANAGERS, "unit"))
        .select_related("unit")
        .order_by("-start_year", "name", "pk")
    )


COLUMNS = (
    Column("Tên", "name", link=True),
    Column("Đơn vị", "unit.name"),
    Column("Từ năm", "start_year"),
)

MOVEMENTS = Register(
    model=Movement,
    namespace="registertest",
    name="movement",
    plural="movements",
    form=MovementForm,
    form_takes_user=True,
    queryset=_managed_movements,
    create=services.movement_create,
    update=services.movement_update,
    perm_view="movements.change_movement",
    perm_add="movements.add_movement",
    perm_change="movements.change_movement",
    columns=COLUMNS,
    export_columns=COLUMNS,
    filters=(
        Filter(
            "year",
            "Năm",
            "start_year",
            choices=lambda *, user: [(year, year) for year in range(2015, 2031)],
        ),
    ),
    search=folded_search("unit__search_key", fold=fold),
    page_size=20,
)

# The movement's fields with a detail page and a confirmation before deleting.
FIELDS = dataclasses.replace(
    movement_registers.FIELDS, namespace="registertest", detail=True, confirm_delete=True
)

urlpatterns = [
    path(
        "registers-test/",
        include(([*register_urls(MOVEMENTS), *register_urls(FIELDS)], "registertest")),
    ),
    *site_urlpatterns,
]


def _make(unit, name, year=2018):
    return services.movement_create(
        unit=unit, name=name, start_year=year, end_year=year + 1, by=None, with_plan_defaults=False
    )


@pytest.fixture
def officers(tree):
    def officer(name, unit):
        return f.make_user(name, unit=unit, roles=((Role.OFFICER, unit),))

    return {
        "province": officer("phongtrao_tinh", tree["province"]),
        "district": officer("phongtrao_tanchau", tree["district"]),
        "other_branch": officer("phongtrao_godau", tree["other_district"]),
        "below": officer("phongtrao_xa", tree["commune"]),
    }


def _names(response) -> list[str]:
    return [row.name for row in response.context["rows"]]


def _flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# -- the list ---------------------------------------------------------------------------------


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("registertest:movements"))
    assert response.status_code == 200
    return len(queries)


def test_register_list_query_count_is_the_same_at_1_and_50_rows(client_for, officers, tree):
    client = client_for(officers["district"])
    _make(tree["district"], "Phong trào 1")
    one = _list_queries(client)
    for number in range(2, 51):
        _make(tree["district"], f"Phong trào {number}")
    fifty = _list_queries(client)
    assert one == fifty


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("province", ["Gò Dầu sáng tạo", "Tân Châu sáng tạo"]),
        ("district", ["Tân Châu sáng tạo"]),
        ("other_branch", ["Gò Dầu sáng tạo"]),
        ("below", []),
    ],
)
def test_register_list_shows_only_the_rows_of_covered_units(client_for, officers, tree, who, sees):
    _make(tree["district"], "Tân Châu sáng tạo")
    _make(tree["other_district"], "Gò Dầu sáng tạo")
    response = client_for(officers[who]).get(reverse("registertest:movements"))
    assert sorted(_names(response)) == sees


@pytest.mark.parametrize(("who", "status"), [("district", 200), ("other_branch", 404)])
def test_register_row_of_another_unit_is_not_found(client_for, officers, tree, who, status):
    movement = _make(tree["district"], "Tân Châu sáng tạo")
    client = client_for(officers[who])
    detail = reverse("registertest:movement_detail", args=[movement.pk])
    edit = reverse("registertest:movement_edit", args=[movement.pk])
    assert client.get(detail).status_code == status
    assert client.get(edit).status_code == status
    client.post(edit, {"name": "Đổi", "unit": tree["district"].pk, "start_year": 2018})
    movement.refresh_from_db()
    assert movement.name == ("Tân Châu sáng tạo" if status == 404 else movement.name)


def test_register_list_searches_without_tones_and_filters_by_year(client_for, officers, tree):
    _make(tree["district"], "Tân Châu 2018", year=2018)
    _make(tree["district"], "Tân Châu 2020", year=2020)
    _make(tree["other_district"], "Gò Dầu 2018", year=2018)
    client = client_for(officers["province"])
    url = reverse("registertest:movements")
    assert sorted(_names(client.get(url, {"q": "tan chau"}))) == ["Tân Châu 2018", "Tân Châu 2020"]
    assert _names(client.get(url, {"q": "TAN CHAU", "year": "2020"})) == ["Tân Châu 2020"]
    assert _names(client.get(url, {"year": "1999"})) == []  # not offered: nothing, no error


def test_register_list_pages_and_counts(client_for, officers, tree):
    for number in range(25):
        _make(tree["district"], f"Phong trào {number:02}")
    client = client_for(officers["district"])
    response = client.get(reverse("registertest:movements"), {"q": "tan chau"})
    page = response.content.decode()
    assert len(response.context["rows"]) == 20
    assert "25 mục" in page
    assert "?q=tan+chau&amp;page=2" in page
    second = client.get(reverse("registertest:movements"), {"q": "tan chau", "page": 2})
    assert len(second.context["rows"]) == 5


def test_register_export_holds_the_filtered_rows_as_xlsx(client_for, officers, tree):
    from openpyxl import load_workbook

    _make(tree["district"], "Tân Châu 2018", year=2018)
    _make(tree["district"], "Tân Châu 2020", year=2020)
    _make(tree["other_district"], "Gò Dầu 2020", year=2020)
    response = client_for(officers["district"]).get(
        reverse("registertest:movements"), {"year": "2020", "export": "xlsx"}
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="movements-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Tên", "Đơn vị", "Từ năm"],
        ["Tân Châu 2020", "Ủy ban MTTQ Việt Nam huyện Tân Châu", 2020],
    ]


def test_register_export_over_the_limit_is_offered_in_the_background(
    client_for, officers, tree, settings
):
    settings.REGISTERS_EXPORT_IN_REQUEST = 2
    for year in (2018, 2019, 2020):
        _make(tree["district"], f"Tân Châu {year}", year=year)
    response = client_for(officers["district"]).get(
        reverse("registertest:movements"), {"export": "xlsx"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Danh sách có hơn 2 dòng: tệp sẽ được chuẩn bị ở chế độ nền." in page


# -- create, edit, history --------------------------------------------------------------------


def test_register_create_and_edit_record_audit_events_shown_in_the_history(
    client_for, officers, tree
):
    client = client_for(officers["district"])
    response = client.post(
        reverse("registertest:movement_create"),
        {
            "name": "Sáng tạo Tân Châu",
            "unit": tree["district"].pk,
            "start_year": 2018,
            "end_year": 2020,
        },
    )
    movement = Movement.objects.get(name="Sáng tạo Tân Châu")
    assert response.url == reverse("registertest:movement_detail", args=[movement.pk])
    client.post(
        reverse("registertest:movement_edit", args=[movement.pk]),
        {
            "name": "Sáng tạo Tân Châu 2018-2020",
            "unit": tree["district"].pk,
            "start_year": 2018,
            "end_year": 2020,
        },
    )
    events = AuditEvent.objects.filter(target_id=str(movement.pk)).order_by("id")
    assert [(e.action, e.actor) for e in events] == [
        ("movement.create", officers["district"]),
        ("movement.update", officers["district"]),
    ]
    assert events[1].data == {"name": ["Sáng tạo Tân Châu", "Sáng tạo Tân Châu 2018-2020"]}
    detail = client.get(reverse("registertest:movement_detail", args=[movement.pk]))
    assert [e.action for e in detail.context["history"]] == ["movement.update", "movement.create"]
    page = detail.content.decode()
    assert "Sáng tạo Tân Châu 2018-2020" in page
    assert reverse("registertest:movement_edit", args=[movement.pk]) in page
    # The history reads as sentences, not as the action codes.
    assert "Đã sửa phong trào." in page and "movement.update" not in page


def test_register_create_bad_input_shows_a_vietnamese_message_and_saves_nothing(
    client_for, officers, tree
):
    response = client_for(officers["district"]).post(
        reverse("registertest:movement_create"),
        {"name": "Ngược năm", "unit": tree["district"].pk, "start_year": 2020, "end_year": 2018},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "end_year": ["Năm kết thúc không được trước năm bắt đầu."]
    }
    assert not Movement.objects.filter(name="Ngược năm").exists()
    assert not AuditEvent.objects.filter(action="movement.create").exists()


def test_register_create_page_refuses_who_may_not_add(client_for, people):
    client = client_for(people["author"])
    assert client.get(reverse("registertest:movement_create")).status_code == 403


# -- delete (on a movement's fields, a register with a parent) --------------------------------


def test_register_delete_records_an_audit_event(client_for, officers, tree):
    movement = services.movement_create(
        unit=tree["district"], name="Tân Châu", start_year=2018, end_year=2019, by=None
    )
    field = movement.fields.get(code="doanh-nghiep")
    response = client_for(officers["district"]).post(
        reverse("movements:field_delete", args=[movement.pk, field.pk])
    )
    assert response.url == reverse("movements:fields", args=[movement.pk])
    assert not Field.objects.filter(pk=field.pk).exists()
    event = AuditEvent.objects.get(action="field.delete")
    assert (event.actor, event.data) == (
        officers["district"],
        {"field": field.pk, "name": field.name},
    )


def test_register_delete_that_would_lose_history_is_refused(client_for, officers, tree, people):
    movement = services.movement_create(
        unit=tree["district"], name="Tân Châu", start_year=2018, end_year=2019, by=None
    )
    field = movement.fields.get(code="doanh-nghiep")
    Initiative.objects.create(
        title="Dây chuyền mới", field=field, unit=tree["school"], created_by=people["author"]
    )
    response = client_for(officers["district"]).post(
        reverse("movements:field_delete", args=[movement.pk, field.pk])
    )
    assert _flash(response) == [
        "Không thể xóa lĩnh vực “Nâng cao năng suất lao động ở doanh nghiệp, đơn vị sản xuất "
        "kinh doanh” vì đã có sáng kiến hoặc hồ sơ khác thuộc lĩnh vực này. Bạn có thể đổi tên "
        "lĩnh vực thay vì xóa."
    ]
    assert Field.objects.filter(pk=field.pk).exists()
    assert not AuditEvent.objects.filter(action="field.delete").exists()


def test_register_delete_by_someone_not_covering_the_parent_is_refused(client_for, officers, tree):
    movement = services.movement_create(
        unit=tree["district"], name="Tân Châu", start_year=2018, end_year=2019, by=None
    )
    field = movement.fields.first()
    url = reverse("movements:field_delete", args=[movement.pk, field.pk])
    assert client_for(officers["other_branch"]).post(url).status_code == 403
    assert Field.objects.filter(pk=field.pk).exists()


def test_register_with_a_parent_shows_the_row_and_confirms_before_deleting(
    client_for, officers, tree
):
    movement = services.movement_create(
        unit=tree["district"], name="Tân Châu", start_year=2018, end_year=2019, by=None
    )
    field = movement.fields.get(code="doanh-nghiep")
    client = client_for(officers["district"])
    detail = client.get(reverse("registertest:field_detail", args=[movement.pk, field.pk]))
    assert detail.context["edit_url"] == reverse(
        "registertest:field_edit", args=[movement.pk, field.pk]
    )
    delete_url = reverse("registertest:field_delete", args=[movement.pk, field.pk])
    assert detail.context["delete_url"] == delete_url
    confirm = client.get(delete_url)
    assert f"Xóa “{field.name}”?" in confirm.content.decode()
    assert Field.objects.filter(pk=field.pk).exists()
    response = client.post(delete_url)
    assert response.url == reverse("registertest:fields", args=[movement.pk])
    assert not Field.objects.filter(pk=field.pk).exists()
    other = client_for(officers["other_branch"])
    assert other.get(reverse("registertest:fields", args=[movement.pk])).status_code == 403


def test_export_cell_keeps_numbers_and_dates_and_writes_the_rest_as_text():
    import datetime
    from decimal import Decimal

    from django.utils import timezone, translation

    from sangtao.registers import export_cell

    moment = timezone.make_aware(datetime.datetime(2020, 5, 1, 8, 30), datetime.UTC)
    with translation.override("vi"):
        assert [
            export_cell(value)
            for value in (None, True, 3, Decimal("1.50"), datetime.date(2020, 5, 1), moment)
        ] == [
            "",
            "Có",
            3,
            Decimal("1.50"),
            datetime.date(2020, 5, 1),
            datetime.datetime(2020, 5, 1, 15, 30),
        ]
