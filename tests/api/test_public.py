"""The public read of the API: only recognised initiatives, never their confidential parts."""

import re

import pytest

from sangtao.api.api import api
from sangtao.core import selectors as core_selectors
from sangtao.initiatives.states import State


def _operations(schema) -> set[str]:
    return {
        operation["operationId"]
        for item in schema["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


def test_schema_is_openapi_3_and_lists_every_operation(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Sáng tạo API"
    declared = {
        operation.operation_id
        for router in (r for _prefix, r in api._routers)
        for path_view in router.path_operations.values()
        for operation in path_view.operations
    }
    assert _operations(schema) == declared
    assert _operations(schema) == {
        "public_initiative_list",
        "public_initiative_detail",
        "unit_list",
        "unit_detail",
        "field_list",
        "movement_list",
        "me",
        "my_initiative_list",
        "initiative_create",
        "dossier_detail",
        "initiative_update",
        "initiative_submit",
        "initiative_withdraw",
        "unit_queue",
        "initiative_forward",
        "initiative_return",
    }
    # Every operation says what it answers, errors included, and each $ref resolves.
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"400", "404", "422"} <= codes, (method, path)
            if operation.get("security"):
                assert {"401", "403"} <= codes, (method, path)
    refs = re.findall(r'"\$ref": "#/components/schemas/(\w+)"', response.content.decode())
    assert refs and set(refs) <= set(schema["components"]["schemas"])
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_docs_page_uses_the_sites_own_files(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-openapi-url="/api/openapi.json"' in page
    assert "cdn" not in page.lower()


def test_list_shows_recognised_initiatives_only(client, make_initiative):
    public = make_initiative(State.RECOGNISED, title="Máy gieo hạt cải tiến")
    for state in (State.DRAFT, State.SUBMITTED, State.IN_APPRAISAL):
        make_initiative(state, title=f"Hồ sơ {state}")

    body = client.get("/api/initiatives").json()

    assert body["count"] == 1
    assert [item["public_id"] for item in body["items"]] == [str(public.public_id)]
    item = body["items"][0]
    assert item["title"] == "Máy gieo hạt cải tiến"
    assert item["authors"] == ["Trần Thị Hoa"]
    assert item["unit"] == "Trường THCS Tân Hòa"
    assert item["appraisal_unit"] == "Ủy ban MTTQ Việt Nam xã Tân Hòa"
    assert item["year"] == 2018
    assert item["yearly_saving_vnd"] == 12_500_000


def test_confidential_parts_are_never_shown(client, make_initiative):
    initiative = make_initiative(
        confidential_sections=["essence", "benefits"], confidential_note="Bí mật công nghệ"
    )

    item = client.get(f"/api/initiatives/{initiative.public_id}").json()

    assert item["essence"] == ""
    assert item["benefits"] == ""
    assert item["yearly_saving_vnd"] is None
    assert item["conditions"] == "Có điện thoại thông minh"
    text = str(item)
    assert "Xây dựng cơ sở dữ liệu" not in text
    assert "Bí mật" not in text
    assert "confidential" not in text and "state" not in item


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED, State.IN_APPRAISAL])
def test_detail_of_a_non_public_initiative_is_not_found(client, make_initiative, state):
    initiative = make_initiative(state)

    response = client.get(f"/api/initiatives/{initiative.public_id}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy.", "errors": {}}


def test_filters_by_unit_subtree_field_kind_and_year(client, make_initiative, tree, movement):
    here = make_initiative(title="Ở Tân Châu")
    make_initiative(title="Ở Gò Dầu", unit=tree["other_school"])
    other_field = movement.fields.last()
    idea = make_initiative(title="Ý tưởng", kind="idea", field=other_field)

    def titles(query):
        return [i["title"] for i in client.get(f"/api/initiatives?{query}").json()["items"]]

    assert titles(f"unit_id={tree['district'].pk}") == ["Ý tưởng", "Ở Tân Châu"]
    assert titles(f"unit_id={tree['other_district'].pk}") == ["Ở Gò Dầu"]
    assert titles(f"field_id={other_field.pk}") == ["Ý tưởng"]
    assert titles("kind=idea") == ["Ý tưởng"]
    assert titles("year=2018&limit=1&offset=2") == ["Ở Tân Châu"]
    assert titles("year=2019") == []
    assert here.pk and idea.pk


def test_bad_filters_get_a_vietnamese_422(client, db):
    response = client.get("/api/initiatives?limit=1000&kind=poem&year=x")

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Dữ liệu gửi lên không hợp lệ."
    assert body["errors"] == {
        "limit": ["Số này quá lớn."],
        "kind": ["Đây không phải một giá trị được phép."],
        "year": ["Hãy nhập một số nguyên."],
    }


def test_unknown_unit_filter_is_not_found(client, db):
    assert client.get("/api/initiatives?unit_id=999999").status_code == 404


def test_units_fields_and_movements(client, tree, movement):
    units = client.get(f"/api/units?parent_id={tree['province'].pk}").json()
    fields = client.get(f"/api/fields?movement_id={movement.pk}").json()
    movements = client.get("/api/movements").json()
    unit = client.get(f"/api/units/{tree['school'].pk}").json()

    assert [u["name"] for u in units["items"]] == [
        "Ủy ban MTTQ Việt Nam huyện Tân Châu",
        "Ủy ban MTTQ Việt Nam huyện Gò Dầu",
    ]
    assert [f["name"] for f in fields["items"]] == ["Doanh nghiệp", "Đơn vị sự nghiệp"]
    assert [m["name"] for m in movements["items"]] == ["Đoàn kết sáng tạo 2018-2020"]
    assert unit["parent_id"] == tree["commune"].pk
    assert (unit["level"], unit["kind"]) == ("grassroots", "school")
    assert client.get("/api/units/999999").status_code == 404


def test_list_query_count_does_not_grow_with_rows(
    client, make_initiative, django_assert_num_queries
):
    make_initiative()
    with django_assert_num_queries(3):  # count, page, authors
        assert client.get("/api/initiatives").json()["count"] == 1
    for number in range(5):
        make_initiative(title=f"Sáng kiến {number}")
    with django_assert_num_queries(3):
        assert client.get("/api/initiatives").json()["count"] == 6


def test_list_counts_up_to_the_cap_and_says_there_are_more(client, make_initiative, monkeypatch):
    for number in range(5):
        make_initiative(title=f"Sáng kiến {number}")
    first = client.get("/api/initiatives?limit=2").json()
    assert (first["count"], first["count_capped"], len(first["items"])) == (5, False, 2)
    monkeypatch.setattr(core_selectors, "COUNT_CAP", 3)
    capped = client.get("/api/initiatives?limit=2&offset=4").json()
    assert (capped["count"], capped["count_capped"], len(capped["items"])) == (3, True, 1)


def test_search_finds_words_typed_without_tones(client, make_initiative):
    make_initiative(title="Máy gieo hạt cải tiến")
    make_initiative(title="Sổ tay hội viên điện tử")

    body = client.get("/api/initiatives?q=may%20gieo%20hat").json()

    assert [item["title"] for item in body["items"]] == ["Máy gieo hạt cải tiến"]
