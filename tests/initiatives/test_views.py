"""The dossier pages: who sees what, the form's messages, attachments and query counts."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.core.models import AuditEvent
from sangtao.initiatives import services
from sangtao.initiatives.models import Attachment, Initiative, InitiativeAuthor
from sangtao.initiatives.states import State

from ..factories import ONE_AUTHOR, complete_dossier, dossier_form, make_user

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.public_id, *args])


@pytest.fixture
def draft(movement, tree, people):
    return services.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )


@pytest.fixture
def submitted(draft, people):
    return services.initiative_submit(initiative=draft, by=people["author"])


# --- who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("author", 200), ("clerk", 404), ("leader", 404), ("officer", 404), ("outsider", 404)],
)
def test_draft_is_seen_only_by_its_author(draft, people, client_for, who, status):
    assert client_for(people[who]).get(url("detail", draft)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("author", 200),
        ("clerk", 200),  # clerk of the commune above the school
        ("leader", 200),  # leader of the district above
        ("officer", 200),  # movement officer of the province
        ("other_clerk", 404),  # clerk of another district
        ("outsider", 404),
        ("secretary", 404),  # not yet forwarded to the council
    ],
)
def test_submitted_is_seen_within_the_subtree(submitted, people, client_for, who, status):
    assert client_for(people[who]).get(url("detail", submitted)).status_code == status


def test_anonymous_is_sent_to_sign_in(submitted, client):
    response = client.get(url("detail", submitted))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_secretary_sees_it_once_forwarded_to_their_council(
    submitted, people, client_for, commune_council
):
    services.initiative_forward(initiative=submitted, by=people["clerk"])
    assert client_for(people["secretary"]).get(url("detail", submitted)).status_code == 200


# --- the form -----------------------------------------------------------------------------


def _form_data(movement, tree, **overrides):
    return dossier_form(movement, tree["school"], **overrides)


def test_save_and_submit_asks_to_confirm_on_a_summary_then_submits(
    movement, tree, people, client_for
):
    client = client_for(people["author"])
    response = client.post(reverse("initiatives:create"), _form_data(movement, tree))
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("submit_confirm", initiative)
    assert initiative.state == State.DRAFT
    assert initiative.yearly_saving_vnd == 1_250_000
    assert str(initiative.first_applied_on) == "2018-03-15"
    assert [(a.full_name, a.share) for a in initiative.authors.all()] == [("Trần Thị Hoa", 100)]

    page = client.get(url("submit_confirm", initiative)).content.decode()
    assert '<h1 class="h3 mb-3">Nộp hồ sơ</h1>' in page
    assert "Sổ tay điện tử cho tổ hòa giải" in page
    assert "Trần Thị Hoa (100" in page
    assert "1.250.000 đ" in page
    assert "Chưa có tệp đính kèm." in page
    confirm = f'action="{url("transition", initiative, "submit")}"'
    assert confirm in page
    assert "Xác nhận và nộp" in page

    client.post(url("transition", initiative, "submit"))
    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED


def test_the_dossier_page_submits_through_the_confirmation(draft, people, client_for):
    page = client_for(people["author"]).get(url("detail", draft)).content.decode()
    assert f'href="{url("submit_confirm", draft)}">Nộp cho đơn vị</a>' in page


def test_the_confirmation_of_an_incomplete_dossier_says_what_is_missing(
    movement, tree, people, client_for
):
    client = client_for(people["author"])
    client.post(reverse("initiatives:create"), _form_data(movement, tree, essence=""))
    initiative = Initiative.objects.get()
    page = client.get(url("submit_confirm", initiative)).content.decode()
    assert "Cần điền mục này trước khi nộp hồ sơ." in page
    assert "Xác nhận và nộp" not in page


def test_the_confirmation_is_refused_to_others(draft, people, client_for):
    response = client_for(people["clerk"]).get(url("submit_confirm", draft))
    assert response.status_code == 404


def test_a_returned_dossier_shows_the_reason_at_the_top(submitted, people, client_for):
    client_for(people["clerk"]).post(
        url("transition", submitted, "return"), {"reason": "Thiếu bảng số liệu năm 2018"}
    )
    page = client_for(people["author"]).get(url("detail", submitted)).content.decode()
    top = page[: page.index("<dl>")]
    assert "Hồ sơ bị trả lại: cần sửa gì" in top
    assert "Thiếu bảng số liệu năm 2018" in top
    assert people["clerk"].display_name in top
    assert "Sửa hồ sơ theo yêu cầu, đính kèm phần còn thiếu rồi nộp lại." in top


def test_a_submitted_dossier_shows_no_return_notice(submitted, people, client_for):
    page = client_for(people["author"]).get(url("detail", submitted)).content.decode()
    assert "Hồ sơ bị trả lại" not in page


def test_a_new_dossier_brings_its_first_file(movement, tree, people, client_for):
    client = client_for(people["author"])
    data = _form_data(movement, tree, action="save")
    data["file-upload"] = SimpleUploadedFile("bang-so-lieu.pdf", MINIMAL_PDF)
    data["file-description"] = "Bảng số liệu"
    page = client.get(reverse("initiatives:create")).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="file-upload"' in page

    response = client.post(reverse("initiatives:create"), data)

    initiative = Initiative.objects.get()
    assert response["Location"] == url("detail", initiative)
    assert list(initiative.attachments.values_list("original_name", "description")) == [
        ("bang-so-lieu.pdf", "Bảng số liệu")
    ]


def test_a_new_dossier_with_a_refused_file_saves_nothing(movement, tree, people, client_for):
    client = client_for(people["author"])
    data = _form_data(movement, tree, action="save")
    data["file-upload"] = SimpleUploadedFile("chuong-trinh.pdf", b"MZ\x90\x00 not a pdf")

    response = client.post(reverse("initiatives:create"), data)

    assert response.status_code == 200
    assert Initiative.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert "không phải là tệp PDF" in response.content.decode()


def test_the_novelty_panel_runs_on_load_and_on_pasted_text(movement, tree, people, client_for):
    page = client_for(people["author"]).get(reverse("initiatives:create")).content.decode()
    assert (
        'hx-trigger="load, input changed delay:800ms from:#id_title, '
        'input changed delay:800ms from:#id_summary"' in page
    )


def test_incomplete_submit_saves_the_draft_and_says_what_is_missing(
    movement, tree, people, client_for
):
    client = client_for(people["author"])
    data = _form_data(movement, tree, essence="", **{"authors-0-share": "70"})
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 200
    initiative = Initiative.objects.get()
    assert initiative.state == State.DRAFT
    assert initiative.title == "Sổ tay điện tử cho tổ hòa giải"
    errors = response.context["form"].errors
    assert errors["essence"] == ["Cần điền mục này trước khi nộp hồ sơ."]
    assert response.context["author_problems"] == [
        "Tổng tỷ lệ đóng góp của các tác giả là 70%; tổng phải bằng 100%."
    ]
    assert "Cần điền mục này trước khi nộp hồ sơ." in response.content.decode()


def test_form_refuses_a_unit_outside_the_authors_reach(movement, tree, people, client_for):
    client = client_for(people["author"])
    data = _form_data(movement, tree, unit=tree["other_school"].pk, action="save")
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert Initiative.objects.count() == 0


# --- the author who is the filer, linked to their account ---------------------------------

SOMEBODY_ELSE = (
    "Bạn chỉ có thể liên kết một tác giả với tài khoản của chính mình, không thể liên kết "
    "với tài khoản của người khác."
)


def test_a_new_dossier_offers_the_filer_as_its_first_author_linked(
    movement, tree, people, client_for
):
    author = people["author"]
    author.position = "Giáo viên"
    author.save()
    response = client_for(author).get(reverse("initiatives:create"))
    first = response.context["authors"].forms[0]
    assert (first["full_name"].value(), first["unit_name"].value()) == (
        "Nguyễn Văn tacgia",
        tree["school"].name,
    )
    assert (first["position"].value(), first["share"].value(), first["is_me"].value()) == (
        "Giáo viên",
        100,
        True,
    )
    page = response.content.decode()
    assert '<label class="form-check-label" for="id_authors-0-is_me">Tôi là tác giả này' in page
    assert 'name="authors-0-is_me" class="form-check-input" id="id_authors-0-is_me" checked' in page
    assert 'name="authors-1-is_me" class="form-check-input" id="id_authors-1-is_me">' in page


def test_the_row_marked_as_me_is_linked_to_the_filer(movement, tree, people, client_for):
    data = _form_data(movement, tree, **{"authors-0-is_me": "on"})
    data |= {"authors-1-full_name": "Lê Văn Cùng", "authors-1-share": "0.01"}
    data["authors-0-share"] = "99.99"
    client_for(people["author"]).post(reverse("initiatives:create"), data)
    rows = Initiative.objects.get().authors.values_list("full_name", "user")
    assert list(rows) == [("Trần Thị Hoa", people["author"].pk), ("Lê Văn Cùng", None)]


def test_a_forged_link_to_another_account_is_refused(movement, tree, people, client_for):
    outsider = people["outsider"]
    data = _form_data(movement, tree, **{"authors-0-account": str(outsider.pk)})
    response = client_for(people["author"]).post(reverse("initiatives:create"), data)
    assert response.status_code == 200
    assert response.context["authors"].non_form_errors() == [SOMEBODY_ELSE]
    assert SOMEBODY_ELSE in response.content.decode()
    assert Initiative.objects.count() == 0
    # Nor on a saved draft: its rows' accounts are the only others a row may keep.
    draft = services.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )
    data = _form_data(movement, tree, action="save", **{"authors-0-account": str(outsider.pk)})
    response = client_for(people["author"]).post(url("edit", draft), data)
    assert response.context["authors"].non_form_errors() == [SOMEBODY_ELSE]
    assert list(draft.authors.values_list("user", flat=True)) == [None]


def test_only_one_row_can_be_the_filer(movement, tree, people, client_for):
    data = _form_data(movement, tree, **{"authors-0-is_me": "on", "authors-0-share": "50"})
    data |= {"authors-1-full_name": "Lê Văn Cùng", "authors-1-share": "50"}
    data["authors-1-is_me"] = "on"
    response = client_for(people["author"]).post(reverse("initiatives:create"), data)
    assert response.context["authors"].non_form_errors() == [
        "Chỉ một tác giả có thể là bạn: chỉ đánh dấu “Tôi là tác giả này” ở một dòng."
    ]
    assert Initiative.objects.count() == 0


def test_saving_again_keeps_each_rows_account_and_unticking_unlinks(
    movement, tree, people, client_for
):
    author, coauthor = people["author"], make_user("dongtacgia", unit=tree["school"])
    two = [
        {"full_name": "Trần Thị Hoa", "share": Decimal("60"), "user": author},
        {"full_name": "Đặng Văn Đồng", "share": Decimal("40")},
    ]
    draft = services.initiative_create(
        by=author, data=complete_dossier(movement, tree["school"]), authors=two
    )
    # An administrator linked the co-author's row to their account (the admin site).
    draft.authors.filter(full_name="Đặng Văn Đồng").update(user=coauthor)
    client = client_for(author)
    response = client.get(url("edit", draft))
    first, second = response.context["authors"].forms[:2]
    assert (first["is_me"].value(), first["account"].value()) == (True, None)
    assert (second["is_me"].value(), second["account"].value()) == (False, coauthor.pk)
    assert "Đã liên kết với tài khoản của Nguyễn Văn dongtacgia." in response.content.decode()
    rows = {
        "authors-INITIAL_FORMS": "2",  # as the page says: its two rows
        "authors-0-full_name": "Trần Thị Hoa",
        "authors-0-share": "60",
        "authors-0-is_me": "on",
        "authors-1-full_name": "Đặng Văn Đồng",
        "authors-1-share": "40",
        "authors-1-account": str(coauthor.pk),
    }
    client.post(url("edit", draft), _form_data(movement, tree, action="save", **rows))
    assert list(draft.authors.values_list("user", flat=True)) == [author.pk, coauthor.pk]
    del rows["authors-0-is_me"]
    client.post(url("edit", draft), _form_data(movement, tree, action="save", **rows))
    assert list(draft.authors.values_list("user", flat=True)) == [None, coauthor.pk]


def test_a_linked_coauthor_sees_the_dossier_in_their_list(submitted, tree, people, client_for):
    coauthor = make_user("dongtacgia", unit=tree["school"])
    submitted.authors.update(user=coauthor)
    client = client_for(coauthor)
    assert submitted.title in client.get(reverse("initiatives:mine")).content.decode()
    assert client.get(url("detail", submitted)).status_code == 200


def test_edit_page_refused_once_submitted(submitted, people, client_for):
    assert client_for(people["author"]).get(url("edit", submitted)).status_code == 403


def test_forged_forward_by_the_author_is_refused(submitted, people, client_for):
    response = client_for(people["author"]).post(url("transition", submitted, "forward"))
    assert response.status_code == 403
    assert Initiative.objects.get(pk=submitted.pk).state == State.SUBMITTED


def test_return_through_the_page_records_the_reason(submitted, people, client_for):
    response = client_for(people["clerk"]).post(
        url("transition", submitted, "return"), {"reason": "Thiếu bảng số liệu"}
    )
    assert response.status_code == 302
    assert Initiative.objects.get(pk=submitted.pk).state == State.RETURNED
    assert AuditEvent.objects.get(action="initiative.return").reason == "Thiếu bảng số liệu"


def test_unknown_transition_is_not_found(submitted, people, client_for):
    response = client_for(people["clerk"]).post(url("transition", submitted, "recognise"))
    assert response.status_code == 404


# --- attachments --------------------------------------------------------------------------


def _upload(client, initiative, name, content):
    return client.post(
        url("attachment_upload", initiative), {"upload": SimpleUploadedFile(name, content)}
    )


def test_pdf_and_docx_are_attached_and_named_by_their_content(draft, people, client_for):
    client = client_for(people["author"])
    _upload(client, draft, "ban-mo-ta.pdf", MINIMAL_PDF)
    _upload(client, draft, "thuyet-minh.bin", docx_bytes())
    files = list(draft.attachments.values_list("original_name", "content_type", "size"))
    assert files == [
        ("ban-mo-ta.pdf", "application/pdf", len(MINIMAL_PDF)),
        (
            "thuyet-minh.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            len(docx_bytes()),
        ),
    ]


def test_renamed_executable_is_refused_and_leaves_nothing(draft, people, client_for, tmp_path):
    client = client_for(people["author"])
    response = _upload(client, draft, "bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    assert response.status_code == 302
    assert Attachment.objects.count() == 0
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Tệp này không phải là tệp PDF, DOCX, XLSX, JPG hoặc PNG "
        "(hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp)."
    ]
    assert not list((tmp_path / "private").rglob("*.*"))


def test_oversized_file_is_refused(draft, people, client_for, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    response = _upload(client_for(people["author"]), draft, "lon.pdf", MINIMAL_PDF)
    assert Attachment.objects.count() == 0
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Tệp vượt quá giới hạn 100\xa0byte."
    ]


def test_attachment_download_only_for_those_who_may_see(draft, people, client_for):
    _upload(client_for(people["author"]), draft, "ban-mo-ta.pdf", MINIMAL_PDF)
    attachment = draft.attachments.get()
    download = url("attachment_download", draft, attachment.pk)
    response = client_for(people["author"]).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    # The draft is nobody else's business, not even the clerk's.
    assert client_for(people["clerk"]).get(download).status_code == 404
    services.initiative_submit(initiative=draft, by=people["author"])
    assert client_for(people["clerk"]).get(download).status_code == 200
    assert client_for(people["outsider"]).get(download).status_code == 404


def test_attachment_of_another_initiative_is_not_reachable(
    draft, movement, tree, people, client_for
):
    _upload(client_for(people["author"]), draft, "a.pdf", MINIMAL_PDF)
    foreign = services.initiative_create(
        by=people["outsider"], data=complete_dossier(movement, tree["other_school"])
    )
    attachment = draft.attachments.get()
    response = client_for(people["outsider"]).get(
        url("attachment_download", foreign, attachment.pk)
    )
    assert response.status_code == 404


# --- lists --------------------------------------------------------------------------------


def _make_many(count, movement, tree, people, submit=False):
    for index in range(count):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Sáng kiến số {index}"}
        initiative = services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)
        if submit:
            services.initiative_submit(initiative=initiative, by=people["author"])


def _queries(client, path):
    cache.clear()  # both counts with the home's figures computed afresh, not one from the cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["initiatives:mine", "initiatives:queue", "home"])
def test_list_query_count_does_not_grow_with_rows(movement, tree, people, client_for, page):
    user = people["author"] if page != "initiatives:queue" else people["clerk"]
    _make_many(1, movement, tree, people, submit=True)
    one = _queries(client_for(user), reverse(page))
    _make_many(49, movement, tree, people, submit=True)
    many = _queries(client_for(user), reverse(page))
    assert one == many


def test_my_list_holds_what_i_filed_and_what_i_am_credited_on_once_each(
    draft, movement, tree, people, client_for
):
    """Filed by me, credited to me (a co-author's account), both: each appears once, with
    its number of files; the home page counts the same."""
    services.attachment_add(
        initiative=draft,
        by=people["author"],
        upload=SimpleUploadedFile("a.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    data = complete_dossier(movement, tree["other_school"]) | {"title": "Của người khác"}
    credited = services.initiative_create(by=people["outsider"], data=data, authors=ONE_AUTHOR)
    InitiativeAuthor.objects.create(
        initiative=credited, full_name="Nguyễn Văn A", user=people["author"], share=50
    )
    InitiativeAuthor.objects.create(
        initiative=draft, full_name="Nguyễn Văn A", user=people["author"], share=0
    )
    services.initiative_create(
        by=people["outsider"], data=data | {"title": "Không liên quan"}, authors=ONE_AUTHOR
    )
    page = client_for(people["author"]).get(reverse("initiatives:mine")).context["page"]
    rows = {initiative.title: initiative.attachment_count for initiative in page}
    assert rows == {draft.title: 1, "Của người khác": 0}
    home = client_for(people["author"]).get(reverse("home")).context
    assert home["my_total"] == 2


def test_queue_lists_only_the_clerks_subtree(movement, tree, people, client_for):
    _make_many(3, movement, tree, people, submit=True)
    own = client_for(people["clerk"]).get(reverse("initiatives:queue"))
    other = client_for(people["other_clerk"]).get(reverse("initiatives:queue"))
    assert own.context["page"].paginator.count == 3
    assert other.context["page"].paginator.count == 0


def test_queue_refused_to_an_author(people, client_for):
    assert client_for(people["author"]).get(reverse("initiatives:queue")).status_code == 403


def test_detail_shows_history_in_vietnamese(submitted, people, client_for):
    services.initiative_return(initiative=submitted, by=people["clerk"], reason="Thiếu số liệu")
    page = client_for(people["author"]).get(url("detail", submitted)).content.decode()
    assert "Đã tạo bản nháp." in page
    assert "Đã nộp hồ sơ. (Bản nháp → Đã nộp)" in page
    assert "Đã trả hồ sơ để bổ sung, chỉnh sửa. (Đã nộp → Trả lại để bổ sung)" in page
    assert "Thiếu số liệu" in page
    assert "initiative.return" not in page


def test_queue_filter_answers_htmx_with_the_results_fragment(movement, tree, people, client_for):
    _make_many(2, movement, tree, people, submit=True)
    client = client_for(people["clerk"])
    full = client.get(reverse("initiatives:queue"), {"state": "submitted"})
    fragment = client.get(
        reverse("initiatives:queue"), {"state": "submitted"}, headers={"HX-Request": "true"}
    )
    assert "<html" in full.content.decode()
    body = fragment.content.decode()
    assert "<html" not in body
    assert body.count("Sáng kiến số") == 2


def test_campaigns_offered_are_those_linked_to_the_movement(movement, tree, people, client_for):
    from sangtao.movements.models import Campaign

    linked = Campaign.objects.get(name="Người Việt Nam ưu tiên dùng hàng Việt Nam")
    stray = Campaign.objects.create(name="Cuộc vận động của phong trào khác")
    client = client_for(people["author"])
    page = client.get(reverse("initiatives:create"))
    assert list(page.context["form"].fields["campaigns"].queryset) == [linked]
    response = client.post(
        reverse("initiatives:create"),
        _form_data(movement, tree, campaigns=[stray.pk], action="save"),
    )
    assert response.status_code == 200
    assert "campaigns" in response.context["form"].errors
    client.post(
        reverse("initiatives:create"),
        _form_data(movement, tree, campaigns=[linked.pk], action="save"),
    )
    assert list(Initiative.objects.get().campaigns.all()) == [linked]
