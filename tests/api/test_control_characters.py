"""The API refuses control characters in titles, names and reasons with the pages' message."""

import json

from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

ONE_LINE = "Nội dung này không được chứa ký tự điều khiển (xuống dòng, tab hay ký tự ẩn)."
LINES = "Nội dung này không được chứa ký tự điều khiển (ngoài xuống dòng và tab)."


def _send(client, method, url, headers, body):
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json", **headers
    )


def test_a_title_and_an_author_name_with_control_characters_are_refused(
    client, make_initiative, people, bearer
):
    draft = make_initiative(State.DRAFT, title="Máy gieo hạt")

    response = _send(
        client,
        "patch",
        f"/api/dossiers/{draft.public_id}",
        bearer(people["author"]),
        {
            "title": "Máy gieo hạt\ncải tiến",
            "authors": [{"full_name": "Trần\x00 Thị Hoa", "share": "100"}],
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"title": [ONE_LINE], "authors.0.full_name": [ONE_LINE]}
    draft.refresh_from_db()
    assert draft.title == "Máy gieo hạt"


def test_a_return_reason_keeps_lines_and_refuses_an_escape(client, make_initiative, people, bearer):
    submitted = make_initiative(State.SUBMITTED)
    url = f"/api/dossiers/{submitted.public_id}/return"

    refused = _send(client, "post", url, bearer(people["clerk"]), {"reason": "Thiếu\x1b[2J"})

    assert refused.status_code == 422
    assert refused.json()["errors"] == {"reason": [LINES]}
    assert Initiative.objects.get(pk=submitted.pk).state == State.SUBMITTED
