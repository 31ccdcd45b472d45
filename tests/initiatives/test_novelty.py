"""The novelty check: what a dossier resembles, shown only within what the reader may see;
the council's duplicate / builds-on links, their permissions and their audit event."""

import pytest
from django.urls import reverse

from sangtao.appraisal.models import Recognition
from sangtao.core.models import AuditEvent
from sangtao.initiatives import services
from sangtao.initiatives.models import InitiativeLink
from sangtao.initiatives.search import search_catch_up
from tests.appraisal.conftest import council, forwarded  # noqa: F401 (fixtures)

from ..factories import ONE_AUTHOR, complete_dossier

NOVELTY = reverse("initiatives:novelty")


def _file(people, movement, tree, who: str, title: str, unit: str = "school", **extra):
    data = complete_dossier(movement, tree[unit]) | {"title": title} | extra
    made = services.initiative_create(by=people[who], data=data, authors=ONE_AUTHOR)
    search_catch_up()  # what runs once the filing commits
    return made


def _recognise(initiative, by_council, tree):
    Recognition.objects.create(
        initiative=initiative,
        council=by_council,
        unit=tree["province"],
        grade=by_council.round.movement.grades.first(),
    )


@pytest.mark.django_db
def test_while_writing_the_author_sees_own_and_recognised_but_not_others_drafts(
    client_for,
    people,
    movement,
    tree,
    council,  # noqa: F811
):
    own = _file(people, movement, tree, "author", "Máy gieo hạt cải tiến dùng cho lúa")
    theirs = _file(
        people, movement, tree, "outsider", "Máy gieo hạt cải tiến cho ngô", unit="other_school"
    )
    public = _file(people, movement, tree, "outsider", "Máy gieo hạt cải tiến", "other_school")
    _recognise(public, council, tree)
    page = (
        client_for(people["author"])
        .get(NOVELTY, {"title": "may gieo hat cai tien", "summary": ""})
        .content.decode()
    )
    assert own.title in page
    assert public.title in page
    assert theirs.title not in page
    # why they look alike, in words with their tones though the author typed none
    assert "%" in page and "trùng ý: máy gieo hạt cải tiến; khác: — / dùng lúa" in page


@pytest.mark.django_db
def test_novelty_needs_a_sign_in_and_an_author_role(client, client_for, people):
    assert client.get(NOVELTY, {"title": "x"}).status_code == 302
    assert client_for(people["leader"]).get(NOVELTY, {"title": "x"}).status_code == 403


@pytest.mark.django_db
def test_a_near_duplicate_of_a_recognised_initiative_is_flagged_on_the_score_page(
    client_for,
    people,
    movement,
    tree,
    council,  # noqa: F811
    forwarded,  # noqa: F811
):
    earlier = _file(people, movement, tree, "outsider", "Sáng kiến 1", "other_school")
    _recognise(earlier, council, tree)
    unrelated = _file(
        people, movement, tree, "outsider", "Nuôi cá lồng", "other_school", summary="Cá lồng."
    )
    _recognise(unrelated, council, tree)
    url = reverse("initiatives:similar", args=[forwarded[0].public_id])
    page = client_for(council.people["m1"]).get(url).content.decode()
    items = page.split("<li")[1:]
    flagged = [item for item in items if "Có thể trùng với một sáng kiến đã được công nhận" in item]
    assert len(flagged) == 1 and reverse("portal:detail", args=[earlier.public_id]) in flagged[0]
    assert "Nuôi cá lồng" not in page
    assert "Ghi nhận liên kết" not in page  # a member sees, only the chair links
    assert client_for(people["outsider"]).get(url).status_code == 404


@pytest.mark.django_db
def test_the_score_page_includes_the_panel(client_for, council, forwarded, people):  # noqa: F811
    from sangtao.appraisal import services as appraisal

    appraisal.assignments_auto(council=council, by=people["secretary"])
    sheet = forwarded[0].assignments.first()
    page = client_for(sheet.member.user).get(reverse("appraisal:sheet", args=[sheet.public_id]))
    assert reverse("initiatives:similar", args=[forwarded[0].public_id]) in page.content.decode()


@pytest.mark.django_db
def test_the_chair_links_a_duplicate_on_record_with_an_audit_event(
    client_for,
    people,
    movement,
    tree,
    council,  # noqa: F811
    forwarded,  # noqa: F811
):
    earlier = _file(people, movement, tree, "outsider", "Sáng kiến 1", "other_school")
    _recognise(earlier, council, tree)
    url = reverse("initiatives:link", args=[forwarded[0].public_id])
    post = {"other": str(earlier.public_id), "kind": "duplicate", "note": "Trùng ý tưởng"}
    assert client_for(council.people["m1"]).post(url, post).status_code == 403
    assert client_for(people["outsider"]).post(url, post).status_code == 404
    assert not InitiativeLink.objects.exists()

    response = client_for(council.people["chair"]).post(url, post | {"similarity": "0.91"})
    assert response.status_code == 302
    link = InitiativeLink.objects.get()
    assert (link.initiative, link.other, link.kind, link.created_by, str(link.similarity)) == (
        forwarded[0],
        earlier,
        "duplicate",
        council.people["chair"],
        "0.910",
    )
    event = AuditEvent.objects.get(action="initiative.link")
    assert (event.actor, event.target_id, event.data["kind"]) == (
        council.people["chair"],
        str(forwarded[0].pk),
        "duplicate",
    )
    page = client_for(council.people["m1"]).get(
        reverse("initiatives:similar", args=[forwarded[0].public_id])
    )
    assert "trùng lặp với" in page.content.decode()


@pytest.mark.django_db
def test_a_bad_link_kind_changes_nothing_and_says_why(client_for, council, forwarded):  # noqa: F811
    url = reverse("initiatives:link", args=[forwarded[0].public_id])
    response = client_for(council.people["chair"]).post(
        url, {"other": str(forwarded[1].public_id), "kind": "cousin", "next": "/"}, follow=True
    )
    assert "Hãy chọn “trùng lặp với” hoặc “kế thừa, phát triển từ”." in response.content.decode()
    assert not InitiativeLink.objects.exists()
    assert not AuditEvent.objects.filter(action="initiative.link").exists()


@pytest.mark.django_db
def test_the_panel_is_kept_per_reader_and_text_for_a_while(
    client_for,
    people,
    movement,
    tree,
    council,  # noqa: F811
    django_assert_max_num_queries,
):
    """Asking again for the same words answers from the cache, without a search; another
    reader or other words search afresh, within what that reader may see."""
    own = _file(people, movement, tree, "author", "Máy gieo hạt cải tiến dùng cho lúa")
    words = {"title": "may gieo hat cai tien", "summary": ""}
    author = client_for(people["author"])
    first = author.get(NOVELTY, words).content.decode()
    with django_assert_max_num_queries(4):  # who is asking (session, user, roles): no search
        again = author.get(NOVELTY, words).content.decode()
    assert own.title in first and again == first
    outsider = client_for(people["outsider"]).get(NOVELTY, words).content.decode()
    assert own.title not in outsider  # a draft of someone else, not served from the cache
    other_words = author.get(NOVELTY, {"title": "nuoi ca long", "summary": ""}).content.decode()
    assert own.title not in other_words


@pytest.mark.django_db
def test_a_council_member_marks_a_flagged_pair_not_the_same_and_it_is_remembered(
    client_for,
    people,
    movement,
    tree,
    council,  # noqa: F811
    forwarded,  # noqa: F811
):
    from sangtao.initiatives.models import NotDuplicate

    earlier = _file(people, movement, tree, "outsider", forwarded[0].title, "other_school")
    _recognise(earlier, council, tree)
    panel = reverse("initiatives:similar", args=[forwarded[0].public_id])
    url = reverse("initiatives:not_duplicate", args=[forwarded[0].public_id])
    member = client_for(council.people["m1"])
    page = member.get(panel).content.decode()
    assert "Có thể trùng với một sáng kiến đã được công nhận" in page and "Không trùng" in page
    post = {"other": str(earlier.public_id)}
    assert client_for(people["outsider"]).post(url, post).status_code == 404
    assert not NotDuplicate.objects.exists()

    assert member.post(url, post).status_code == 302
    found = NotDuplicate.objects.get()
    assert (found.initiative, found.other, found.created_by) == (
        forwarded[0],
        earlier,
        council.people["m1"],
    )
    event = AuditEvent.objects.get(action="initiative.not_duplicate")
    assert (event.actor, event.target_id) == (council.people["m1"], str(forwarded[0].pk))
    page = client_for(council.people["chair"]).get(panel).content.decode()
    assert "Có thể trùng với một sáng kiến đã được công nhận" not in page
    assert "Hội đồng đã xác định không trùng" in page
