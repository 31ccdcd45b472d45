"""Titles, names and reasons refuse control characters, with the same Vietnamese message at
every form (core.forms.guard_text) and at the API (api.schemas); line breaks and tabs stay
allowed where a text has several lines."""

import pytest
from django.urls import reverse

from sangtao.appraisal.forms import ReasonForm as CouncilReasonForm
from sangtao.certificates.forms import RevokeForm
from sangtao.core.validators import control_characters
from sangtao.initiatives import services
from sangtao.initiatives.forms import AuthorForm, ReasonForm
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

from ..factories import ONE_AUTHOR, complete_dossier

ONE_LINE = "Nội dung này không được chứa ký tự điều khiển (xuống dòng, tab hay ký tự ẩn)."
LINES = "Nội dung này không được chứa ký tự điều khiển (ngoài xuống dòng và tab)."


@pytest.mark.parametrize(
    ("text", "multi_line", "found"),
    [
        ("Máy gieo hạt cải tiến", False, []),
        ("Dòng một\nDòng hai", False, ["\n"]),
        ("Dòng một\r\nDòng hai\tcột", True, []),
        ("Lý do\x00", True, ["\x00"]),
        ("chuông\x07 escape\x1b del\x7f c1\x85", True, ["\x07", "\x1b", "\x7f", "\x85"]),
    ],
)
def test_control_characters_finds_what_a_text_of_its_kind_refuses(text, multi_line, found):
    assert control_characters(text, multi_line=multi_line) == found


def test_author_name_with_a_line_break_is_refused_in_vietnamese():
    form = AuthorForm({"full_name": "Trần Thị\nHoa", "share": "100"})

    assert not form.is_valid()
    assert form.errors["full_name"] == [ONE_LINE]


@pytest.mark.parametrize("form_class", [ReasonForm, CouncilReasonForm, RevokeForm])
def test_reason_keeps_line_breaks_and_refuses_other_controls(form_class):
    assert form_class({"reason": "Thiếu bản thuyết minh.\r\n\tBổ sung số liệu."}).is_valid()

    refused = form_class({"reason": "Thiếu bản thuyết minh.\x1b[31m"})

    assert not refused.is_valid()
    assert refused.errors["reason"] == [LINES]


def test_title_with_a_control_character_is_refused_on_the_page_and_nothing_saved(
    client_for, movement, tree, people
):
    data = complete_dossier(movement, tree["school"]) | {"title": "Máy gieo hạt\x08 cải tiến"}
    post = {key: "" if value is None else value for key, value in data.items()}
    post |= {
        "round": movement.rounds.first().pk,
        "field": movement.fields.first().pk,
        "unit": tree["school"].pk,
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "30",
        "authors-0-full_name": "Trần Thị Hoa",
        "authors-0-share": "100",
    }

    response = client_for(people["author"]).post(reverse("initiatives:create"), post)

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not Initiative.objects.exists()


def test_return_reason_with_an_escape_is_refused_and_the_state_kept(
    client_for, movement, tree, people
):
    initiative = services.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )
    services.initiative_submit(initiative=initiative, by=people["author"])
    url = reverse(
        "initiatives:transition",
        kwargs={"public_id": initiative.public_id, "transition": "return"},
    )

    response = client_for(people["clerk"]).post(url, {"reason": "Thiếu\x1b hồ sơ"}, follow=True)

    assert LINES in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED
