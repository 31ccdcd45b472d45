"""Handing over a closed unit's open work to its successor (sangtao.orgs.handover)."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sangtao.accounts.models import Role, RoleMembership, User
from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import Assignment, Council, CouncilMember, Nomination
from sangtao.core.models import AuditEvent
from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.orgs.handover import successor_for, unit_hand_over, unit_hand_over_preview
from sangtao.orgs.importers import default_data_dir
from sangtao.orgs.models import OrgUnit, UnitSuccession
from sangtao.orgs.services import unit_close

from ..factories import ONE_AUTHOR, complete_dossier, make_unit, make_user

MERGER = datetime.date(2025, 7, 1)
OPEN = [State.DRAFT, State.SUBMITTED, State.RETURNED, State.IN_APPRAISAL]


def _dossier(movement, unit, author, title: str, *, to: str = State.DRAFT, clerk=None):
    data = complete_dossier(movement, unit) | {"title": title}
    initiative = services.initiative_create(by=author, data=data, authors=ONE_AUTHOR)
    if to == State.DRAFT:
        return initiative
    services.initiative_submit(initiative=initiative, by=author)
    if to == State.SUBMITTED:
        return initiative
    if to in (State.RETURNED, State.WITHDRAWN):
        if to == State.RETURNED:
            services.initiative_return(initiative=initiative, by=clerk, reason="Bổ sung")
        else:
            services.initiative_withdraw(initiative=initiative, by=author, reason="Nộp nhầm")
        return initiative
    services.initiative_forward(initiative=initiative, by=clerk)
    return initiative


@pytest.fixture
def before_merger(movement, tree, people):
    """The commune Tân Hòa in the middle of its 2018 round, the day before it merges into a
    new ward:
    dossiers in every state, its council with one sheet of two in, a pending proposal from a
    member organisation's council below, role grants, people, an open school and a closed
    hamlet below it; and a sealed council of an earlier round."""
    commune, school = tree["commune"], tree["school"]
    ward = make_unit("Ủy ban MTTQ Việt Nam phường Tân Ninh", parent=tree["province"])
    OrgUnit.objects.filter(pk=ward.pk).update(valid_from=MERGER)
    ward.refresh_from_db()
    hamlet = make_unit(
        "Ấp Tân Hòa", parent=commune, kind_code="community", valid_to=datetime.date(2025, 6, 30)
    )
    clerk, author = people["clerk"], people["author"]
    commune_author = make_user("tacgiaxa", unit=commune, roles=((Role.AUTHOR, commune),))
    # Already a clerk of the ward too: the grant is not doubled.
    both = make_user("canbo", unit=ward, roles=((Role.CLERK, commune), (Role.CLERK, ward)))

    council = appraisal.council_create(
        round=movement.rounds.first(),
        unit=commune,
        by=people["secretary"],
        data={"name": "Hội đồng thẩm định xã Tân Hòa", "appraisers_per_initiative": 2},
    )
    chair = make_user("chutich", unit=commune)
    member = make_user("uyvien", unit=tree["district"])
    appraisal.council_member_add(
        council=council, user=people["secretary"], role="secretary", by=people["secretary"]
    )
    seats = [
        appraisal.council_member_add(council=council, user=user, role=role, by=people["secretary"])
        for user, role in ((chair, CouncilMember.Role.CHAIR), (member, CouncilMember.Role.MEMBER))
    ]
    own = {
        state: _dossier(movement, commune, commune_author, f"Xã {state}", to=state, clerk=clerk)
        for state in (State.DRAFT, State.SUBMITTED, State.RETURNED, State.WITHDRAWN)
    }
    forwarded = [
        _dossier(movement, school, author, f"Trường {n}", to=State.IN_APPRAISAL, clerk=clerk)
        for n in range(4)
    ]
    scored, waiting, recognised, rejected = forwarded
    criteria = list(movement.criteria.order_by("order"))
    sheets = [
        appraisal.assignment_create(council=council, initiative=scored, member=seat, by=chair)
        for seat in seats
    ]
    appraisal.sheet_save(
        assignment=sheets[0],
        by=chair,
        scores={c.pk: (15, "") for c in criteria},
        submit=True,
    )
    for initiative, outcome in ((recognised, "recognised"), (rejected, "not_recognised")):
        appraisal.decision_record(
            council=council,
            initiative=initiative,
            outcome=outcome,
            reason="Lý do",
            by=chair,
            grade=movement.grades.get(name="Khá") if outcome == "recognised" else None,
        )
    # A proposal from the farmers' association below, waiting for the commune's council.
    association = make_unit("Hội Nông dân xã Tân Hòa", parent=commune, kind_code="member_org")
    sealed_below = Council.objects.create(
        round=movement.rounds.first(),
        unit=association,
        name="Hội đồng Hội Nông dân",
        sealed_at=timezone.now(),
    )
    proposed = _dossier(movement, school, author, "Đề nghị", to=State.IN_APPRAISAL, clerk=clerk)
    nomination = Nomination.objects.create(
        initiative=proposed, from_council=sealed_below, to_unit=commune, nominated_by=chair
    )
    sealed = Council.objects.create(
        round=movement.rounds.first(),
        unit=commune,
        name="Hội đồng năm trước",
        sealed_at=timezone.now(),
    )
    return {
        "commune": commune,
        "ward": ward,
        "school": school,
        "hamlet": hamlet,
        "association": association,
        "council": council,
        "sealed": sealed,
        "own": own,
        "scored": scored,
        "waiting": waiting,
        "recognised": recognised,
        "rejected": rejected,
        "proposed": proposed,
        "nomination": nomination,
        "both": both,
        "chair": chair,
    }


@pytest.fixture
def merger(before_merger):
    """The same commune, closed on 30/06/2025 with the ward as its successor (nothing moved)."""
    commune = before_merger["commune"]
    unit_close(unit=commune, on=MERGER, successors=[(before_merger["ward"], "merged")])
    commune.refresh_from_db()
    return before_merger


def _unit_of(initiative) -> tuple[int, int | None]:
    initiative.refresh_from_db()
    return initiative.unit_id, initiative.appraisal_unit_id


def test_hand_over_moves_every_open_item_to_the_successor(merger, people, tree):
    m = merger
    commune, ward = m["commune"], m["ward"]

    moved = unit_hand_over(unit=commune, successor=ward, on=MERGER, by=people["officer"])

    # Own dossiers not final move; the withdrawn one stays.
    assert {state: _unit_of(d)[0] for state, d in m["own"].items()} == {
        State.DRAFT: ward.pk,
        State.SUBMITTED: ward.pk,
        State.RETURNED: ward.pk,
        State.WITHDRAWN: commune.pk,
    }
    # Dossiers waiting for the commune's council follow it; decided ones stay where decided.
    assert _unit_of(m["scored"]) == (m["school"].pk, ward.pk)
    assert _unit_of(m["waiting"]) == (m["school"].pk, ward.pk)
    assert _unit_of(m["proposed"]) == (m["school"].pk, ward.pk)
    assert _unit_of(m["recognised"]) == (m["school"].pk, commune.pk)
    assert _unit_of(m["rejected"]) == (m["school"].pk, commune.pk)
    # The open council moves with its sheets as they were; the sealed one stays.
    council = Council.objects.get(pk=m["council"].pk)
    assert council.unit_id == ward.pk and council.sealed_at is None
    assert list(
        Assignment.objects.filter(council=council).order_by("pk").values_list("state", flat=True)
    ) == ["submitted", "draft"]
    assert Council.objects.get(pk=m["sealed"].pk).unit_id == commune.pk
    # The queue of the moved council still holds its four dossiers and the proposal.
    from sangtao.appraisal.selectors import council_queue

    assert set(council_queue(council=council).values_list("title", flat=True)) == {
        "Trường 0",
        "Trường 1",
        "Trường 2",
        "Trường 3",
        "Đề nghị",
    }
    m["nomination"].refresh_from_db()
    assert m["nomination"].to_unit_id == ward.pk
    # Role grants and people.
    assert not RoleMembership.objects.filter(unit=commune).exists()
    assert set(RoleMembership.objects.filter(unit=ward).values_list("user__username", "role")) == {
        ("vanthu", "clerk"),
        ("thuky", "secretary"),
        ("tacgiaxa", "author"),
        ("canbo", "clerk"),
    }
    assert not User.objects.filter(unit=commune).exists()
    # Units: the school (open) moves with its path; the closed hamlet stays.
    school = OrgUnit.objects.get(pk=m["school"].pk)
    assert (school.parent_id, school.path, school.depth) == (
        ward.pk,
        f"{ward.path}{school.pk}/",
        ward.depth + 1,
    )
    association = OrgUnit.objects.get(pk=m["association"].pk)
    assert association.path == f"{ward.path}{association.pk}/"
    assert OrgUnit.objects.get(pk=m["hamlet"].pk).parent_id == commune.pk
    assert moved == {"nominations": 1, "councils": 1, "dossiers": 6, "people": 5, "units": 2}
    event = AuditEvent.objects.get(action="unit.hand_over")
    assert (event.target_id, event.actor, event.data["moved"]) == (
        str(ward.pk),
        people["officer"],
        moved,
    )
    assert (
        AuditEvent.objects.filter(action="council.hand_over", target_id=str(council.pk)).count()
        == 1
    )


def test_hand_over_preview_counts_what_then_moves_in_vietnamese(merger):
    m = merger
    preview = unit_hand_over_preview(unit=m["commune"], successor=m["ward"], on=MERGER)

    moved = unit_hand_over(unit=m["commune"], successor=m["ward"], on=MERGER)

    assert preview["counts"] == moved
    assert preview["sentence"] == (
        "1 đề nghị lên cấp trên, 1 hội đồng, 6 hồ sơ, 5 người, 2 đơn vị "
        "sẽ chuyển sang Ủy ban MTTQ Việt Nam phường Tân Ninh."
    )


def test_hand_over_again_moves_nothing(merger):
    m = merger
    unit_hand_over(unit=m["commune"], successor=m["ward"], on=MERGER)

    again = unit_hand_over(unit=m["commune"], successor=m["ward"], on=MERGER)

    assert again == {"nominations": 0, "councils": 0, "dossiers": 0, "people": 0, "units": 0}
    assert AuditEvent.objects.filter(action="unit.hand_over").count() == 1
    preview = unit_hand_over_preview(unit=m["commune"], successor=m["ward"], on=MERGER)
    assert preview["sentence"] == (
        "Không còn việc nào đang mở cần chuyển sang Ủy ban MTTQ Việt Nam phường Tân Ninh."
    )


def test_hand_over_failing_in_one_step_changes_nothing(merger):
    """The successor lies under the school, which the last step would move under it: that
    step refuses after the others ran, and everything is rolled back."""
    m = merger
    annex = make_unit("Điểm trường Tân Hòa", parent=m["school"], kind_code="school")
    OrgUnit.objects.filter(pk=annex.pk).update(valid_from=MERGER)
    annex.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        unit_hand_over(unit=m["commune"], successor=annex, on=MERGER)

    assert refused.value.messages == [
        "Điểm trường Tân Hòa nằm trong một đơn vị mà nó sẽ nhận: hãy chọn đơn vị kế thừa khác."
    ]
    assert _unit_of(m["own"][State.DRAFT]) == (m["commune"].pk, None)
    assert _unit_of(m["waiting"])[1] == m["commune"].pk
    assert Council.objects.get(pk=m["council"].pk).unit_id == m["commune"].pk
    assert RoleMembership.objects.filter(unit=m["commune"]).count() == 4
    assert not AuditEvent.objects.filter(action="unit.hand_over").exists()


def test_hand_over_merges_an_unstarted_council_into_the_successors_open_one(movement, tree, people):
    commune, ward = tree["commune"], make_unit("Phường mới", parent=tree["province"])
    OrgUnit.objects.filter(pk=ward.pk).update(valid_from=MERGER)
    ward.refresh_from_db()
    round_ = movement.rounds.first()
    empty = Council.objects.create(round=round_, unit=commune, name="Hội đồng xã (chưa họp)")
    host = Council.objects.create(round=round_, unit=ward, name="Hội đồng phường")
    waiting = _dossier(
        movement,
        tree["school"],
        people["author"],
        "Chờ",
        to=State.IN_APPRAISAL,
        clerk=people["clerk"],
    )
    unit_close(unit=commune, on=MERGER, successors=[(ward, "merged")])
    commune.refresh_from_db()

    moved = unit_hand_over(unit=commune, successor=ward, on=MERGER)

    assert moved["councils"] == 1
    assert not Council.objects.filter(pk=empty.pk).exists()
    assert _unit_of(waiting)[1] == ward.pk
    from sangtao.appraisal.selectors import council_queue

    assert list(council_queue(council=host).values_list("title", flat=True)) == ["Chờ"]
    event = AuditEvent.objects.get(action="council.absorb")
    assert (event.target_id, event.data["name"]) == (str(host.pk), "Hội đồng xã (chưa họp)")


def test_successor_of_a_split_commune_is_the_full_merge_then_the_one_keeping_its_code(tree):
    old = make_unit("Xã Thái Bình", parent=tree["district"], official_code="25597")
    first = make_unit("Phường Tân Ninh", parent=tree["province"], official_code="25459")
    keeper = make_unit("Xã Thái Bình mới", parent=tree["province"], official_code="25597")
    unit_close(unit=old, on=MERGER, successors=[(first, "partial"), (keeper, "partial")])
    assert successor_for(unit=old, on=MERGER) == keeper
    full = make_unit("Phường Ninh Thạnh", parent=tree["province"])
    UnitSuccession.objects.create(
        predecessor=old, successor=full, kind="merged", effective_on=MERGER
    )
    assert successor_for(unit=old, on=MERGER) == full


def test_hand_over_reform_command_hands_over_tay_ninh_2025_once(movement, tree, people):
    call_command("import_tay_ninh", data_dir=default_data_dir(), stdout=StringIO())
    tay_ninh = OrgUnit.objects.get(
        official_code="80", valid_to__isnull=True, level__code="province"
    )
    old_commune = (
        OrgUnit.objects.filter(
            path__startswith=tay_ninh.path,
            level__code="commune",
            valid_to=datetime.date(2025, 6, 30),
        )
        .order_by("official_code")
        .first()
    )
    district = OrgUnit.objects.get(pk=old_commune.parent_id)
    long_an = OrgUnit.objects.get(official_code="80", valid_to=datetime.date(2025, 6, 30))
    school = make_unit("Trường THPT Tây Ninh", parent=district, kind_code="school")
    round_ = movement.rounds.first()
    author = make_user("tacgiatn", unit=old_commune, roles=((Role.AUTHOR, old_commune),))
    drafts = [
        services.initiative_create(
            by=author,
            data=complete_dossier(movement, unit) | {"title": f"Nháp {n}"},
            authors=ONE_AUTHOR,
        )
        for n, unit in enumerate((old_commune, district, long_an, school))
    ]
    open_council = Council.objects.create(round=round_, unit=long_an, name="Hội đồng Long An")
    make_user("vanthuhuyen", unit=district, roles=((Role.CLERK, district),))

    out = StringIO()
    call_command("hand_over_reform", "--on", "2025-07-01", stdout=out)

    closed = Q(valid_to__lt=MERGER)
    closed_ids = set(OrgUnit.objects.filter(closed).values_list("pk", flat=True))
    assert not Initiative.objects.filter(state__in=OPEN, unit_id__in=closed_ids).exists()
    assert not Initiative.objects.filter(state__in=OPEN, appraisal_unit_id__in=closed_ids).exists()
    assert not Council.objects.filter(sealed_at__isnull=True, unit_id__in=closed_ids).exists()
    assert not RoleMembership.objects.filter(unit_id__in=closed_ids).exists()
    assert not OrgUnit.objects.filter(valid_to__isnull=True, parent_id__in=closed_ids).exists()
    assert Council.objects.get(pk=open_council.pk).unit_id == tay_ninh.pk
    assert [_unit_of(d)[0] for d in drafts] == [
        successor_for(unit=old_commune, on=MERGER).pk,
        tay_ninh.pk,
        tay_ninh.pk,
        school.pk,
    ]
    assert OrgUnit.objects.get(pk=school.pk).parent_id == tay_ninh.pk
    assert "3 hồ sơ" in out.getvalue() and "1 hội đồng" in out.getvalue()

    again = StringIO()
    call_command("hand_over_reform", "--on", "2025-07-01", stdout=again)
    assert "Không còn gì cần chuyển giao" in again.getvalue()
    assert AuditEvent.objects.filter(action="unit.hand_over_reform").count() == 1


def test_hand_over_reform_dry_run_changes_nothing(movement, tree):
    commune = tree["commune"]
    ward = make_unit("Phường mới", parent=tree["province"])
    unit_close(unit=commune, on=MERGER, successors=[(ward, "merged")])
    out = StringIO()

    call_command("hand_over_reform", "--on", "2025-07-01", "--dry-run", stdout=out)

    assert "1 đơn vị" in out.getvalue()  # the school, which stays where it is
    assert OrgUnit.objects.get(pk=tree["school"].pk).parent_id == commune.pk


# --- from the tree page: the close form previews, confirming hands over ---------------------


@pytest.fixture
def province_admin(tree):
    return make_user("quantri", unit=tree["province"], roles=((Role.ADMIN, tree["province"]),))


def _close_form(m) -> dict:
    return {
        "successor": m["ward"].name,
        "on": MERGER.isoformat(),
        "decision_number": "1682/NQ-UBTVQH15",
        "decision_date": "2025-06-16",
    }


def _confirm(m) -> dict:
    return _close_form(m) | {"confirm": f"{m['ward'].pk}:{MERGER.isoformat()}"}


def test_close_page_previews_the_hand_over_and_changes_nothing(
    before_merger, province_admin, client_for
):
    m = before_merger
    response = client_for(province_admin).post(
        reverse("orgs:close", args=[m["commune"].pk]), _close_form(m)
    )
    assert response.status_code == 200
    assert (
        "1 đề nghị lên cấp trên, 1 hội đồng, 6 hồ sơ, 5 người, 2 đơn vị sẽ chuyển sang "
        "Ủy ban MTTQ Việt Nam phường Tân Ninh." in response.content.decode()
    )
    m["commune"].refresh_from_db()
    assert m["commune"].valid_to is None
    assert not UnitSuccession.objects.exists()
    assert Council.objects.get(pk=m["council"].pk).unit_id == m["commune"].pk


def test_close_page_confirmed_closes_and_hands_over_everything(
    before_merger, province_admin, client_for
):
    m = before_merger
    response = client_for(province_admin).post(
        reverse("orgs:close", args=[m["commune"].pk]), _confirm(m)
    )
    assert response.status_code == 302
    commune, ward = OrgUnit.objects.get(pk=m["commune"].pk), m["ward"]
    assert commune.valid_to == datetime.date(2025, 6, 30)
    assert Council.objects.get(pk=m["council"].pk).unit_id == ward.pk
    assert Council.objects.get(pk=m["sealed"].pk).unit_id == commune.pk
    assert _unit_of(m["waiting"]) == (m["school"].pk, ward.pk)
    assert _unit_of(m["recognised"]) == (m["school"].pk, commune.pk)
    assert OrgUnit.objects.get(pk=m["school"].pk).parent_id == ward.pk
    assert not RoleMembership.objects.filter(unit=commune).exists()
    assert list(
        AuditEvent.objects.filter(action__in=["unit.close", "unit.hand_over"])
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["unit.close", "unit.hand_over"]


def test_close_page_shows_the_preview_again_when_the_values_changed(
    before_merger, province_admin, client_for, tree
):
    m = before_merger
    forged = _confirm(m) | {"successor": tree["other_district"].name}
    response = client_for(province_admin).post(
        reverse("orgs:close", args=[m["commune"].pk]), forged
    )
    assert response.status_code == 200
    assert "sẽ chuyển sang Ủy ban MTTQ Việt Nam huyện Gò Dầu." in response.content.decode()
    assert OrgUnit.objects.get(pk=m["commune"].pk).valid_to is None
    assert not AuditEvent.objects.filter(action="unit.close").exists()


def test_close_page_refuses_a_successor_outside_the_admins_units(before_merger, tree, client_for):
    m = before_merger
    district_admin = make_user(
        "quantri.huyen", unit=tree["district"], roles=((Role.ADMIN, tree["district"]),)
    )
    response = client_for(district_admin).post(
        reverse("orgs:close", args=[m["commune"].pk]), _confirm(m)
    )
    assert response.status_code == 200
    assert "trong phạm vi bạn quản trị" in response.content.decode()
    assert OrgUnit.objects.get(pk=m["commune"].pk).valid_to is None
    assert Council.objects.get(pk=m["council"].pk).unit_id == m["commune"].pk


def test_close_page_hands_over_a_large_unit_in_the_background(
    before_merger, province_admin, client_for, run_jobs, monkeypatch
):
    from sangtao.jobs.models import Job
    from sangtao.orgs import jobs

    monkeypatch.setattr(jobs, "HAND_OVER_IN_BACKGROUND_FROM", 10)
    m = before_merger
    client = client_for(province_admin)
    with run_jobs():
        response = client.post(reverse("orgs:close", args=[m["commune"].pk]), _confirm(m))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.public_id])
    assert (job.kind, job.state, job.requested_by) == ("orgs.unit_retire", "done", province_admin)
    assert OrgUnit.objects.get(pk=m["commune"].pk).valid_to == datetime.date(2025, 6, 30)
    assert Council.objects.get(pk=m["council"].pk).unit_id == m["ward"].pk
    page = client.get(job.get_absolute_url()).content.decode()
    assert "100%" in page
    receipt = b"".join(client.get(reverse("jobs:download", args=[job.public_id]))).decode()
    assert receipt.splitlines() == [
        "Bàn giao của Ủy ban MTTQ Việt Nam xã Tân Hòa",
        "Sáp nhập từ ngày 01/07/2025, theo quyết định 1682/NQ-UBTVQH15 ngày 16/06/2025.",
        "1 đề nghị lên cấp trên, 1 hội đồng, 6 hồ sơ, 5 người, 2 đơn vị đã chuyển sang "
        "Ủy ban MTTQ Việt Nam phường Tân Ninh.",
    ]


def test_close_page_job_changes_nothing_when_the_unit_closed_meanwhile(
    before_merger,
    province_admin,
    client_for,
    run_jobs,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from sangtao.jobs.models import Job
    from sangtao.orgs import jobs

    monkeypatch.setattr(jobs, "HAND_OVER_IN_BACKGROUND_FROM", 10)
    m = before_merger
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_for(province_admin).post(reverse("orgs:close", args=[m["commune"].pk]), _confirm(m))
    # Someone closes it without successor before the worker runs.
    OrgUnit.objects.filter(pk=m["commune"].pk).update(valid_to=datetime.date(2025, 1, 1))
    for callback in callbacks:
        callback()
    assert Job.objects.get().state == "failed"
    assert Council.objects.get(pk=m["council"].pk).unit_id == m["commune"].pk
    assert not UnitSuccession.objects.exists()


def test_forward_page_offers_both_open_councils_after_a_hand_over(
    before_merger, movement, people, tree, province_admin, client_for
):
    """The commune's council had sheets in, so it moved as it was: the ward then holds two
    open councils of the round, and the clerk picks the one that appraises a new dossier."""
    m = before_merger
    ward = m["ward"]
    own = appraisal.council_create(
        round=movement.rounds.first(),
        unit=ward,
        by=people["officer"],
        data={"name": "Hội đồng thẩm định phường Tân Ninh", "appraisers_per_initiative": 2},
    )
    client_for(province_admin).post(reverse("orgs:close", args=[m["commune"].pk]), _confirm(m))
    assert set(
        Council.objects.filter(unit=ward, sealed_at__isnull=True).values_list("pk", flat=True)
    ) == {own.pk, m["council"].pk}
    ward_clerk = make_user("vanthu.phuong", unit=ward, roles=((Role.CLERK, ward),))
    dossier = _dossier(movement, m["school"], people["author"], "Mới", to=State.SUBMITTED)
    client = client_for(ward_clerk)
    page = client.get(reverse("initiatives:forward", args=[dossier.public_id])).content.decode()
    assert "Có nhiều hội đồng có thể thẩm định hồ sơ này: hãy chọn một." in page
    assert f'value="{own.pk}"' in page and f'value="{m["council"].pk}"' in page
    response = client.post(
        reverse("initiatives:forward", args=[dossier.public_id]), {"council": str(own.pk)}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.state, dossier.appraisal_unit_id) == (State.IN_APPRAISAL, ward.pk)
    event = AuditEvent.objects.filter(action="initiative.forward").latest("pk")
    assert event.data["council"] == own.pk
