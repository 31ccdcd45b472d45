"""What each person reads of one initiative in a blind council, on every surface: the history
(dossier page and audit trail page), the dossier page, the dossier API, the files, the novelty
panel, the ranking, the result page and the results workbook.

The access matrix (test_access_matrix.py) says who may open a page; this matrix says what the
page then tells them. The scene: a blind commune council that hides sheets until one's own is
in, its scoring deadline a week ahead; the chair and two members hold a sheet of the
initiative, the second member's is submitted (31.00), the first's and the chair's are not; the
district's leader sits on it as a member without a sheet (an officer or leader who sits on a
council but does not score this initiative); the secretary recorded a conflict of a third
member, with its reason. Rules: appraisal.rules.sheets_withheld, initiatives.view_authors,
initiatives.selectors.initiative_history.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sangtao.accounts.models import Role, User
from sangtao.api.services import token_create
from sangtao.appraisal import documents, spreadsheets
from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import Assignment, Conflict, Council, CouncilMember
from sangtao.appraisal.rules import SheetsOf
from sangtao.core.audit import ACTIONS
from sangtao.initiatives import services as initiatives
from sangtao.initiatives.search import search_catch_up

from ..factories import ONE_AUTHOR, complete_dossier, make_user
from .access.world import MINIMAL_PDF

AUTHOR_ROW = "Trần Thị Hoa"  # ONE_AUTHOR
FILE_NAME = "tran-thi-hoa-thuyet-minh.pdf"
CONFLICT_REASON = "Là em ruột của tác giả"
SHEET_IN = "Hội đồng đã nhận một phiếu chấm."
SUBMITTED_SHEET = "Đã nộp phiếu chấm."
ASSIGNED = "Đã phân công một thành viên hội đồng chấm sáng kiến."
FILED = "Đã nộp hồ sơ."


def _scores(council, value):
    criteria = council.round.movement.criteria.order_by("order")
    return {criterion.pk: (value, "") for criterion in criteria}


@pytest.fixture
def scene(movement, tree, people):
    s = dict(people)
    commune = tree["commune"]
    s["m1"] = make_user(
        "uyvien1", unit=commune, full_name="Lê Văn Một", roles=((Role.COUNCIL_MEMBER, commune),)
    )
    s["m2"] = make_user("uyvien2", unit=commune, full_name="Lê Văn Hai")
    s["m3"] = make_user("uyvien3", unit=commune, full_name="Lê Văn Ba")
    s["chair"] = make_user(
        "chutich", unit=commune, full_name="Phạm Văn Chủ", roles=((Role.COUNCIL_MEMBER, commune),)
    )
    council = appraisal.council_create(
        round=movement.rounds.first(),
        unit=commune,
        by=people["secretary"],
        data={
            "name": "Hội đồng thẩm định xã Tân Hòa",
            "blind": True,
            "reveal_after_submit": True,
            "scoring_deadline": timezone.localdate() + datetime.timedelta(days=7),
        },
    )
    seats = {
        "secretary": CouncilMember.Role.SECRETARY,
        "chair": CouncilMember.Role.CHAIR,
        "m1": CouncilMember.Role.MEMBER,
        "m2": CouncilMember.Role.MEMBER,
        "m3": CouncilMember.Role.MEMBER,
        "leader": CouncilMember.Role.MEMBER,
    }
    for name, role in seats.items():
        appraisal.council_member_add(council=council, user=s[name], role=role, by=s["secretary"])

    initiative = initiatives.initiative_create(
        by=s["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )
    s["attachment"] = initiatives.attachment_add(
        initiative=initiative,
        by=s["author"],
        upload=SimpleUploadedFile(FILE_NAME, MINIMAL_PDF, content_type="application/pdf"),
    )
    initiatives.initiative_submit(initiative=initiative, by=s["author"])
    initiatives.initiative_forward(initiative=initiative, by=s["clerk"])
    search_catch_up()  # its index entry, written once each step commits
    for name in ("chair", "m1", "m2"):
        appraisal.assignment_create(
            council=council,
            initiative=initiative,
            member=council.members.get(user=s[name]),
            by=s["secretary"],
        )
    submit(s, council, "m2", Decimal("15.5"))
    appraisal.conflict_declare(
        initiative=initiative,
        user=s["m3"],
        by=s["secretary"],
        reason=CONFLICT_REASON,
        source=Conflict.Source.SECRETARY,
    )
    s["council"], s["initiative"] = council, initiative
    return s


def submit(s, council, name, value):
    sheet = Assignment.objects.get(council=council, member__user=s[name])
    appraisal.sheet_save(assignment=sheet, by=s[name], scores=_scores(council, value), submit=True)


def pass_deadline(s):
    Council.objects.filter(pk=s["council"].pk).update(
        scoring_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    s["council"].refresh_from_db()


def client(s, name) -> Client:
    browser = Client()
    browser.force_login(User.objects.get(pk=s[name].pk))
    return browser


# --- the history ---------------------------------------------------------------------------


def _facts(events) -> dict:
    """What a viewer learnt from the events they were shown."""
    texts = [
        " ".join([e.sentence, e.actor_hidden or (e.actor.display_name if e.actor else "")])
        + " "
        + " ".join([e.reason, *e.details])
        for e in events
    ]
    joined = "\n".join(texts)
    return {
        "whose_sheet": any(
            SUBMITTED_SHEET in t and "Lê Văn Hai" in t and "31.00" in t for t in texts
        ),
        "sheet_in": sum(SHEET_IN in t for t in texts),
        "assigned": sum(ASSIGNED in t for t in texts),
        "conflict": CONFLICT_REASON in joined,
        "filer": any(FILED in t and "Nguyễn Văn tacgia" in t for t in texts),
        "file_name": FILE_NAME in joined,
    }


def _seen(s, name) -> tuple[dict, str]:
    """The facts of the dossier page's history and of the audit trail page (both must agree),
    and the trail page's text."""
    browser = client(s, name)
    trail = browser.get(reverse("audit_trail", args=["initiatives.initiative", s["initiative"].pk]))
    assert trail.status_code == 200
    from_trail = _facts(trail.context["page"])
    detail = browser.get(reverse("initiatives:detail", args=[s["initiative"].public_id]))
    assert detail.status_code == 200
    assert _facts(detail.context["history"]) == from_trail
    return from_trail, trail.content.decode()


def _row(whose_sheet, sheet_in, assigned, conflict, filer):
    return {
        "whose_sheet": whose_sheet,
        "sheet_in": sheet_in,
        "assigned": assigned,
        "conflict": conflict,
        "filer": filer,
        "file_name": filer,  # the file's name goes with who filed it
    }


# (viewer, what happened first, what the history tells them). Three sheets are handed out;
# "sheet_in" counts the sheets shown only as "the council received a sheet".
HISTORY = [
    ("author", "", _row(False, 1, 0, False, True)),
    ("clerk", "", _row(False, 1, 0, False, True)),
    ("m1", "", _row(False, 1, 1, False, False)),  # own sheet not in: own assignment only
    ("m1", "m1 submits", _row(True, 0, 3, False, False)),
    ("chair", "", _row(False, 1, 3, True, False)),  # runs the queue; scores: own sheet first
    ("chair", "chair submits", _row(True, 0, 3, True, False)),
    ("secretary", "", _row(False, 1, 3, True, True)),  # scores nothing: the deadline first
    ("secretary", "deadline passes", _row(True, 0, 3, True, True)),
    ("leader", "", _row(False, 1, 3, False, False)),  # seated officer/leader, no sheet
    ("leader", "deadline passes", _row(True, 0, 3, False, False)),
    ("leader", "every sheet is in", _row(True, 0, 3, False, False)),
    ("officer", "", _row(True, 0, 3, False, True)),  # follows the council, no seat
]


@pytest.mark.parametrize(("viewer", "first", "expected"), HISTORY)
def test_history_tells_each_viewer_what_the_pages_do(scene, viewer, first, expected):
    if first == "m1 submits":
        submit(scene, scene["council"], "m1", 12)
    elif first == "chair submits":
        submit(scene, scene["council"], "chair", 12)
    elif first == "deadline passes":
        pass_deadline(scene)
    elif first == "every sheet is in":
        submit(scene, scene["council"], "m1", 12)
        submit(scene, scene["council"], "chair", 12)

    facts, page = _seen(scene, viewer)

    assert facts == expected
    assert [code for code in ACTIONS if code in page] == []  # sentences, never codes


def test_history_never_shows_drafts_of_sheets_but_to_their_member(scene):
    sheet = Assignment.objects.get(council=scene["council"], member__user=scene["m1"])
    appraisal.sheet_save(assignment=sheet, by=scene["m1"], scores=_scores(scene["council"], 19))
    pass_deadline(scene)

    for name, drafts in (("m1", 1), ("officer", 0), ("chair", 0), ("author", 0)):
        trail = client(scene, name).get(
            reverse("audit_trail", args=["initiatives.initiative", scene["initiative"].pk])
        )
        saved = [e for e in trail.context["page"] if e.sentence == "Đã lưu nháp phiếu chấm."]
        assert len(saved) == drafts, name


# --- blindness on every surface --------------------------------------------------------------

# (The author row's unit, "Hội Nông dân", is also in the dossier's summary: not a marker.)
NAMES = [AUTHOR_ROW, "Trường THCS Tân Hòa", "Nguyễn Văn tacgia", FILE_NAME]


@pytest.mark.parametrize(("viewer", "blind"), [("m1", True), ("leader", True), ("officer", False)])
def test_dossier_page_hides_the_authors_from_who_appraises_blind(scene, viewer, blind):
    page = client(scene, viewer).get(
        reverse("initiatives:detail", args=[scene["initiative"].public_id])
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert [name for name in NAMES if name in text] == ([] if blind else NAMES)
    assert ("Chấm ẩn danh: không hiển thị tác giả" in text) is blind


def test_secretary_of_a_blind_council_sees_the_authors(scene):
    text = (
        client(scene, "secretary")
        .get(reverse("initiatives:detail", args=[scene["initiative"].public_id]))
        .content.decode()
    )
    assert AUTHOR_ROW in text


@pytest.mark.parametrize(("viewer", "blind"), [("m1", True), ("officer", False)])
def test_dossier_api_hides_the_authors_from_who_appraises_blind(scene, viewer, blind):
    _token, raw = token_create(name="thử", by=scene[viewer])
    answer = Client().get(
        f"/api/dossiers/{scene['initiative'].public_id}", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )

    assert answer.status_code == 200
    body = answer.json()
    shown = (body["unit_id"], body["unit"], [a["full_name"] for a in body["authors"]])
    if blind:
        assert shown == (None, "", [])
    else:
        assert shown == (scene["initiative"].unit_id, "Trường THCS Tân Hòa", [AUTHOR_ROW])


@pytest.mark.parametrize(("viewer", "blind"), [("m1", True), ("officer", False)])
def test_files_keep_their_names_from_who_appraises_blind(scene, viewer, blind):
    attachment = scene["attachment"]
    urls = [
        reverse(
            "initiatives:attachment_download",
            args=[scene["initiative"].public_id, attachment.pk],
        )
    ]
    if viewer == "m1":  # the council's own link to the file, from the score sheet
        urls.append(
            reverse(
                "appraisal:attachment",
                args=[scene["council"].pk, scene["initiative"].public_id, attachment.pk],
            )
        )
    for url in urls:
        answer = client(scene, viewer).get(url)
        assert answer.status_code == 200, url
        named = f'filename="{FILE_NAME}"' in answer["Content-Disposition"]
        assert named is not blind, answer["Content-Disposition"]
        if blind:
            assert f"tep-dinh-kem-{attachment.pk}.pdf" in answer["Content-Disposition"]


@pytest.mark.parametrize(("viewer", "blind"), [("m1", True), ("officer", False)])
def test_novelty_panel_hides_the_units_from_who_appraises_blind(
    scene, movement, tree, viewer, blind
):
    earlier = initiatives.initiative_create(
        by=scene["author"],
        data=complete_dossier(movement, tree["school"]) | {"title": "Phần mềm quản lý hội viên"},
        authors=ONE_AUTHOR,
    )
    initiatives.initiative_submit(initiative=earlier, by=scene["author"])
    initiatives.initiative_forward(initiative=earlier, by=scene["clerk"])
    search_catch_up()

    panel = client(scene, viewer).get(
        reverse("initiatives:similar", args=[scene["initiative"].public_id])
    )

    assert panel.status_code == 200
    assert [item.initiative.pk for item in panel.context["similar"]] == [earlier.pk]
    assert ("Trường THCS Tân Hòa" in panel.content.decode()) is not blind


def test_workbook_of_a_blind_chair_has_no_units(scene):
    pass_deadline(scene)
    values = _workbook_values(scene, "chair")
    assert "Trường THCS Tân Hòa" not in values
    assert "Trường THCS Tân Hòa" in _workbook_values(scene, "secretary")


# --- the others' sheets on the ranking, the result page and the workbook ---------------------


def _workbook_values(s, name) -> list:
    from openpyxl import load_workbook

    content, _name = spreadsheets.results_workbook(
        council=s["council"], user=User.objects.get(pk=s[name].pk)
    )
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row]


def _sees(s, name) -> dict:
    """Whether the ranking, the result page and the workbook show `name` the sheets' figures
    (the second member's 15,5 per criterion, 31,00 in all)."""
    browser = client(s, name)
    council, initiative = s["council"], s["initiative"]
    ranking = browser.get(reverse("appraisal:ranking", args=[council.pk]))
    assert ranking.status_code == 200
    row = ranking.context["page"].object_list[0]
    result = browser.get(reverse("appraisal:result", args=[council.pk, initiative.public_id]))
    assert result.status_code == 200
    return {
        "ranking": (row.rank, row.result.aggregate is not None, ranking.context["page"].withheld),
        "result": (
            result.context["sees_sheets"],
            len(result.context["sheets"]),
            "31,00" in result.content.decode(),
        ),
        "workbook": 15.5 in _workbook_values(s, name),  # the second member's scores
    }


SHOWN = {"ranking": (1, True, 0), "result": (True, 3, True), "workbook": True}
WITHHELD = {"ranking": (None, False, 1), "result": (False, 0, False), "workbook": False}


@pytest.mark.parametrize(
    ("viewer", "first", "expected"),
    [
        # The chair scores this initiative: the others' sheets once their own is in.
        ("chair", "", WITHHELD),
        ("chair", "deadline passes", WITHHELD),
        ("chair", "chair submits", SHOWN),
        # A leader seated on the council, without a sheet of it: after the deadline or once
        # every sheet is in.
        ("leader", "", WITHHELD),
        ("leader", "chair submits", WITHHELD),
        ("leader", "deadline passes", SHOWN),
        ("leader", "every sheet is in", SHOWN),
        # The secretary's seat never scores: the same.
        ("secretary", "", WITHHELD),
        ("secretary", "deadline passes", SHOWN),
        # An officer following the council without a seat appraises nothing: at once.
        ("officer", "", SHOWN),
    ],
)
def test_others_sheets_follow_the_council_rule(scene, viewer, first, expected):
    if first == "chair submits":
        submit(scene, scene["council"], "chair", 12)
    elif first == "deadline passes":
        pass_deadline(scene)
    elif first == "every sheet is in":
        submit(scene, scene["council"], "m1", 12)
        submit(scene, scene["council"], "chair", 12)

    assert _sees(scene, viewer) == expected


def test_deciding_needs_the_sheets(scene):
    grade = scene["council"].round.movement.grades.get(name="Khá")
    url = reverse("appraisal:decide", args=[scene["council"].pk, scene["initiative"].public_id])
    data = {"outcome": "recognised", "grade": grade.pk}

    refused = client(scene, "secretary").post(url, data)
    assert refused.status_code == 403
    assert "sau hạn chấm hoặc khi mọi phiếu đã nộp" in refused.content.decode()

    pass_deadline(scene)
    assert client(scene, "secretary").post(url, data).status_code == 302


# --- the council's papers (minutes and decision) ----------------------------------------------

UNIT = "Trường THCS Tân Hòa"


def _paper(s, name, viewer) -> str:
    """The text of the DOCX paper built for `viewer` (as the job does: who asked, fresh)."""
    import docx

    content, _filename = documents.council_paper(
        council=Council.objects.get(pk=s["council"].pk),
        user=User.objects.get(pk=s[viewer].pk),
        name=name,
        extension="docx",
    )
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return " ".join(" ".join(parts).split())


def _minutes_tell(s, viewer) -> tuple[bool, bool, bool]:
    """(the second member's 31,00 as the council's total, the unit, the conflict's reason)."""
    text = _paper(s, "minutes", viewer)
    return ("31,00" in text, UNIT in text, CONFLICT_REASON in text)


@pytest.mark.parametrize(
    ("viewer", "first", "expected"),
    [
        # The chair scores it and has not submitted: no figure, no unit (blind), the reason.
        ("chair", "", (False, False, True)),
        ("chair", "chair submits", (True, False, True)),
        # The secretary scores nothing: the figures after the deadline; the unit, the reason.
        ("secretary", "", (False, True, True)),
        ("secretary", "deadline passes", (True, True, True)),
        # The seated leader: after the deadline; blind; follows, so not the reason.
        ("leader", "", (False, False, False)),
        ("leader", "deadline passes", (True, False, False)),
        # The officer follows without a seat: the figures and the unit, not the reason.
        ("officer", "", (True, True, False)),
    ],
)
def test_minutes_tell_each_reader_what_the_pages_do(scene, viewer, first, expected):
    if first == "chair submits":
        submit(scene, scene["council"], "chair", Decimal("15.5"))
    elif first == "deadline passes":
        pass_deadline(scene)

    assert _minutes_tell(scene, viewer) == expected


def _decide_and_seal(s):
    pass_deadline(s)
    grade = s["council"].round.movement.grades.get(name="Khá")
    appraisal.decision_record(
        council=s["council"],
        initiative=s["initiative"],
        outcome="recognised",
        grade=grade,
        by=User.objects.get(pk=s["secretary"].pk),
    )


def test_decision_before_sealing_names_no_author_to_who_appraises_blind(scene):
    _decide_and_seal(scene)

    chair = _paper(scene, "decision", "chair")  # own sheet not in: no total either
    officer = _paper(scene, "decision", "officer")

    assert (AUTHOR_ROW in chair, UNIT in chair, "31,00" in chair) == (False, False, False)
    assert (AUTHOR_ROW in officer, UNIT in officer, "31,00" in officer) == (True, True, True)


def test_sealed_council_papers_are_the_same_for_everyone_who_may_export_them(scene):
    _decide_and_seal(scene)
    council = Council.objects.get(pk=scene["council"].pk)
    chair = User.objects.get(pk=scene["chair"].pk)
    assert not chair.has_perm("appraisal.view_sheets", SheetsOf(council, scene["initiative"].pk))
    # The chair was told the sheets still missing and confirmed.
    appraisal.council_seal(council=council, by=chair, missing_confirmed=True)

    # Sealing ends the scoring: the chair's unsubmitted sheet no longer withholds the others'.
    chair = User.objects.get(pk=scene["chair"].pk)
    council.refresh_from_db()
    assert chair.has_perm("appraisal.view_sheets", SheetsOf(council, scene["initiative"].pk))
    papers = {
        viewer: (_paper(scene, "minutes", viewer), _paper(scene, "decision", viewer))
        for viewer in ("chair", "secretary", "officer", "leader")
    }
    assert len(set(papers.values())) == 1
    minutes, decision = papers["chair"]
    assert ("31,00" in minutes, UNIT in minutes, CONFLICT_REASON in minutes) == (True, True, True)
    assert (AUTHOR_ROW in decision, "31,00" in decision) == (True, True)


# --- the conflicts page ------------------------------------------------------------------------

OWN_REASON = "Tôi từng hướng dẫn tác giả"


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("chair", {CONFLICT_REASON, OWN_REASON}),
        ("secretary", {CONFLICT_REASON, OWN_REASON}),
        ("leader", {OWN_REASON}),  # follows the council and declared their own
        ("officer", set()),  # follows the council
    ],
)
def test_conflicts_page_tells_reasons_to_chair_secretary_and_declarer(scene, viewer, expected):
    appraisal.conflict_declare(
        initiative=scene["initiative"],
        user=scene["leader"],
        by=scene["leader"],
        reason=OWN_REASON,
        source=Conflict.Source.MEMBER,
    )

    page = client(scene, viewer).get(reverse("appraisal:conflicts", args=[scene["council"].pk]))

    assert page.status_code == 200
    text = page.content.decode()
    assert {reason for reason in (CONFLICT_REASON, OWN_REASON) if reason in text} == expected
    assert [c.user.username for c in page.context["page"]] == ["lanhdao", "uyvien3"]
    withheld = "Chỉ chủ tịch và thư ký hội đồng xem được lý do."
    assert text.count(withheld) == 2 - len(expected)


# --- every list: the unit of a dossier appraised blind ------------------------------------------


def _lists(s, name) -> dict:
    """Whether each list shows `name` the dossier's unit (its row is there in every one)."""
    browser = client(s, name)
    council = s["council"]
    found = {}
    queue = browser.get(reverse("initiatives:all"), {"state": "in_appraisal"})
    assert [i.pk for i in queue.context["page"]] == [s["initiative"].pk]
    found["unit queue"] = UNIT in queue.content.decode()
    export = browser.get(reverse("initiatives:all"), {"state": "in_appraisal", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    found["unit export"] = UNIT in [
        cell for row in sheet.iter_rows(values_only=True) for cell in row
    ]
    _token, raw = token_create(name="thử", by=s[name])
    api = Client().get("/api/queue?state=in_appraisal", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.status_code == 200
    items = api.json()["items"]
    found["api queue"] = [(i["unit"], [a["full_name"] for a in i["authors"]]) for i in items] == [
        (UNIT, [AUTHOR_ROW])
    ]
    if browser.get(reverse("appraisal:council", args=[council.pk])).context["show_queue"]:
        councils = browser.get(reverse("appraisal:council", args=[council.pk]))
        found["council queue"] = UNIT in councils.content.decode()
        ranking = browser.get(reverse("appraisal:ranking", args=[council.pk]))
        found["ranking"] = UNIT in ranking.content.decode()
    return found


def test_lists_hide_the_unit_from_an_officer_who_appraises_blind(scene):
    # The district's leader covers the commune and sits on its blind council.
    assert _lists(scene, "leader") == {
        "unit queue": False,
        "unit export": False,
        "api queue": False,
        "council queue": False,
        "ranking": False,
    }
    assert _lists(scene, "officer") == {
        "unit queue": True,
        "unit export": True,
        "api queue": True,
        "council queue": True,
        "ranking": True,
    }


def test_novelty_search_hides_the_unit_of_what_one_appraises_blind(scene, tree):
    # The leader, writing a dossier of their own, types words like those of the one they
    # appraise blind.
    scene["leader"].memberships.create(role=Role.AUTHOR, unit=tree["district"])
    novelty = client(scene, "leader").get(
        reverse("initiatives:novelty"),
        {"title": scene["initiative"].title, "summary": scene["initiative"].summary},
    )
    assert novelty.status_code == 200
    assert [item.initiative.pk for item in novelty.context["similar"]] == [scene["initiative"].pk]
    assert UNIT not in novelty.content.decode()
    officer = client(scene, "officer").get(
        reverse("initiatives:novelty"),
        {"title": scene["initiative"].title, "summary": scene["initiative"].summary},
    )
    assert UNIT in officer.content.decode()


def _queue_queries(s, name) -> int:
    browser = client(s, name)
    with CaptureQueriesContext(connection) as queries:
        page = browser.get(reverse("initiatives:all"), {"state": "in_appraisal"})
    assert page.status_code == 200
    assert UNIT not in page.content.decode()
    return len(queries)


def test_unit_queue_of_who_appraises_blind_costs_no_query_per_row(scene, movement, tree):
    one = _queue_queries(scene, "leader")
    for index in range(49):
        initiative = initiatives.initiative_create(
            by=scene["author"],
            data=complete_dossier(movement, tree["school"]) | {"title": f"Sáng kiến {index}"},
            authors=ONE_AUTHOR,
        )
        initiatives.initiative_submit(initiative=initiative, by=scene["author"])
        initiatives.initiative_forward(initiative=initiative, by=scene["clerk"])

    assert _queue_queries(scene, "leader") == one
