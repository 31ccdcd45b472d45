"""`generate_data` / `sangtao.demo.synthetic.generate`: a synthetic movement of a chosen size."""

import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext

from sangtao.accounts.models import RoleMembership, User
from sangtao.appraisal.models import (
    Assignment,
    Council,
    CouncilMember,
    Decision,
    Nomination,
    Recognition,
    Score,
    Standing,
)
from sangtao.core.models import AuditEvent
from sangtao.demo import synthetic_vocab
from sangtao.demo.synthetic import GenerationRefused, generate
from sangtao.initiatives.models import Initiative, InitiativeAuthor
from sangtao.movements.models import Grade, Movement, Round
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import subtree_q
from sangtao.orgs.text import unit_search_key

pytestmark = pytest.mark.django_db

SMALL = {"initiatives": 300, "units": 200, "years": 3, "seed": 7, "last_year": 2024}


@pytest.fixture
def small():
    return generate(**SMALL)


def _snapshot() -> dict:
    """What a run produced, in a form two runs can be compared by."""
    return {
        "units": list(OrgUnit.objects.order_by("pk").values_list("pk", "name", "path", "depth")),
        "initiatives": list(
            Initiative.objects.order_by("pk").values_list(
                "pk",
                "public_id",
                "title",
                "summary",
                "essence",
                "benefits",
                "state",
                "kind",
                "unit_id",
                "round__year",
                "field__code",
                "created_at",
                "yearly_saving_vnd",
                "appraisal_unit_id",
            )
        ),
        "authors": list(
            InitiativeAuthor.objects.order_by("initiative_id", "order").values_list(
                "initiative_id", "full_name", "share", "user__username"
            )
        ),
        "recognitions": list(
            Recognition.objects.order_by("initiative_id", "council__unit_id").values_list(
                "initiative_id", "council__unit_id", "grade__name", "total"
            )
        ),
    }


def _generate_and_roll_back(**options) -> tuple[dict, dict]:
    with transaction.atomic():
        result = generate(**options)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return result, snapshot


def test_generate_small_counts_are_exact(small):
    assert OrgUnit.objects.count() == 200
    assert Initiative.objects.count() == 300
    assert Movement.objects.count() == 1
    assert list(Round.objects.order_by("year").values_list("year", "status")) == [
        (2022, "closed"),
        (2023, "appraisal"),
        (2024, "open"),
    ]
    assert small["units"] == 200
    assert small["initiatives"] == 300
    assert small["rounds"] == 3
    assert sum(small["states"].values()) == 300
    assert Counter(Initiative.objects.values_list("state", flat=True)) == small["states"]
    assert InitiativeAuthor.objects.count() == small["authors"]
    assert User.objects.count() == small["users"]
    assert RoleMembership.objects.count() == small["role_memberships"]
    assert Initiative.campaigns.through.objects.count() == small["campaign_links"]
    assert Council.objects.count() == small["councils"]
    assert CouncilMember.objects.count() == small["council_members"]
    assert Decision.objects.count() == small["decisions"]
    assert Recognition.objects.count() == small["recognitions"]
    assert Nomination.objects.count() == small["nominations"]
    assert Assignment.objects.count() == small["sheets"] == 0
    assert AuditEvent.objects.filter(action="synthetic.generate").count() == 1


def test_generate_ten_years_makes_two_movements_of_five_rounds():
    generate(initiatives=50, units=60, years=10, seed=1, last_year=2025)

    assert list(Movement.objects.order_by("start_year").values_list("name", flat=True)) == [
        "Đoàn kết sáng tạo 2016-2020",
        "Đoàn kết sáng tạo 2021-2025",
    ]
    assert [m.rounds.count() for m in Movement.objects.order_by("start_year")] == [5, 5]
    assert Round.objects.filter(status="open").get().year == 2025
    assert Round.objects.filter(status="appraisal").get().year == 2024


def test_generate_every_path_and_depth_follows_the_parent(small):
    units = {unit.pk: unit for unit in OrgUnit.objects.all()}

    for unit in units.values():
        parent = units.get(unit.parent_id)
        assert unit.path == (parent.path if parent else "/") + f"{unit.pk}/"
        assert unit.depth == (parent.depth + 1 if parent else 0)
        assert unit.search_key == unit_search_key(name=unit.name, short_name=unit.short_name)
    roots = [unit for unit in units.values() if unit.parent_id is None]
    assert [root.name for root in roots] == ["Ủy ban Trung ương MTTQ Việt Nam"]


def test_generate_subtree_of_a_province_is_exactly_its_descendants(small):
    units = list(OrgUnit.objects.all())
    children: dict[int, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.pk)
    provinces = OrgUnit.objects.filter(level__code="province", kind__code="front_committee")
    assert provinces.count() == 10  # one province per 20 units, at most 34

    for province in provinces:
        below, stack = {province.pk}, [province.pk]
        while stack:
            for child in children.get(stack.pop(), []):
                below.add(child)
                stack.append(child)
        in_range = set(
            OrgUnit.objects.filter(subtree_q(province.path)).values_list("pk", flat=True)
        )
        assert in_range == below
        assert len(below) > 1


def test_generate_tree_has_real_provinces_and_plausible_communes(small):
    real = {name.removeprefix("Thành phố ") for _code, name, _count in synthetic_vocab.PROVINCES}
    codes = {code for code, _name, _count in synthetic_vocab.PROVINCES}
    provinces = OrgUnit.objects.filter(level__code="province", kind__code="front_committee")
    for province in provinces:
        bare = province.name.removeprefix("Ủy ban MTTQ Việt Nam ").split(" ", 1)[1]
        assert bare.removeprefix("phố ") in real
        assert province.official_code in codes
    communes = OrgUnit.objects.filter(level__code="commune", kind__code="front_committee")
    assert communes.count() == 33  # 16.6 % of the units
    assert all(
        name.startswith(("Ủy ban MTTQ Việt Nam xã ", "Ủy ban MTTQ Việt Nam phường "))
        for name in communes.values_list("name", flat=True)
    )
    assert not communes.exclude(parent__in=provinces).exists()
    kinds = set(
        OrgUnit.objects.filter(level__code="grassroots").values_list("kind__code", flat=True)
    )
    assert kinds == {
        "school",
        "enterprise",
        "hospital",
        "armed_forces",
        "community",
        "state_agency",
    }


def test_generate_shares_of_every_individual_initiative_add_up_to_100(small):
    totals = (
        Initiative.objects.filter(is_collective=False)
        .annotate(authors_count=Count("authors"), total=Sum("authors__share"))
        .values_list("authors_count", "total")
    )
    assert len(totals) > 0
    assert all(1 <= count <= 4 and total == Decimal("100") for count, total in totals)
    collectives = Initiative.objects.filter(is_collective=True)
    assert not collectives.filter(collective_name="").exists()
    assert not InitiativeAuthor.objects.filter(initiative__in=collectives).exists()


def test_generate_first_author_is_the_person_who_filed_it(small):
    firsts = InitiativeAuthor.objects.filter(order=0).select_related("initiative", "user")
    assert firsts.count() == Initiative.objects.filter(is_collective=False).count()
    for author in firsts:
        assert author.user_id == author.initiative.created_by_id
        assert author.full_name == author.user.full_name
        assert author.user.unit_id == author.initiative.unit_id
        assert not author.user.has_usable_password()


def test_generate_every_recognised_initiative_has_a_recognition_of_a_sealed_council(small):
    recognised = Initiative.objects.filter(state="recognised")
    assert recognised.count() > 0
    assert not recognised.filter(recognitions__isnull=True).exists()
    for recognition in Recognition.objects.select_related("grade", "council"):
        grade = recognition.grade
        assert grade.recognised
        assert recognition.total >= grade.min_total
        assert not Grade.objects.filter(
            movement=grade.movement, min_total__gt=grade.min_total, min_total__lte=recognition.total
        ).exists()
        assert recognition.council.sealed_at is not None
        assert recognition.unit_id == recognition.council.unit_id


def test_generate_sealed_councils_have_decided_their_whole_queue(small):
    for council in Council.objects.filter(sealed_at__isnull=False):
        waiting = Initiative.objects.filter(
            appraisal_unit=council.unit_id, round=council.round_id, state="in_appraisal"
        )
        assert not waiting.exists()
        assert council.decisions.exists()
    decided = Initiative.objects.filter(state__in=["recognised", "not_recognised"])
    assert not decided.filter(decisions__isnull=True).exists()
    assert not decided.filter(appraisal_unit__isnull=True).exists()


def test_generate_nominations_go_to_the_next_council_up(small):
    assert Nomination.objects.count() == small["nominations"]
    for nomination in Nomination.objects.select_related("from_council__unit", "initiative"):
        from_unit = nomination.from_council.unit
        assert nomination.to_unit.path != from_unit.path
        assert from_unit.path.startswith(nomination.to_unit.path)
        assert nomination.initiative.appraisal_unit_id == nomination.to_unit_id
        assert nomination.from_council.recognitions.filter(
            initiative=nomination.initiative
        ).exists()


def test_generate_drafts_only_in_the_latest_year(small):
    assert Initiative.objects.filter(state="draft").count() > 0
    assert not Initiative.objects.filter(state="draft").exclude(round__year=2024).exists()
    assert not Initiative.objects.filter(state="draft", submitted_at__isnull=False).exists()
    assert not Initiative.objects.exclude(state="draft").filter(submitted_at__isnull=True).exists()


def test_generate_text_is_vietnamese_and_varied(small):
    titles = list(Initiative.objects.values_list("title", flat=True))
    assert len(set(titles)) >= 290
    essences = Initiative.objects.values_list("essence", flat=True)
    assert all(essence.count(".") >= 2 for essence in essences)
    assert Initiative.objects.filter(Q(title__contains="ứng dụng") | Q(title__contains="Ứng dụng"))
    savings = Initiative.objects.filter(yearly_saving_vnd__isnull=False).count()
    assert 60 <= savings <= 180  # about 40 % of those that are not ideas


def test_generate_same_seed_gives_the_same_data_whatever_the_batch():
    _result, first = _generate_and_roll_back(**SMALL)
    _result, again = _generate_and_roll_back(**SMALL, batch=7)
    _result, other = _generate_and_roll_back(**{**SMALL, "seed": 8})

    assert first == again
    assert first["initiatives"] != other["initiatives"]


def test_generate_refuses_a_database_with_initiatives(small):
    with pytest.raises(GenerationRefused) as refused:
        generate(**SMALL)

    assert str(refused.value) == gettext(
        "The database already holds %(count)s initiatives: add --append to add more."
    ) % {"count": 300}
    assert Initiative.objects.count() == 300


def test_generate_append_adds_a_second_tree_and_as_many_initiatives(small):
    result = generate(**SMALL, append=True)

    assert result["initiatives"] == 300
    assert Initiative.objects.count() == 600
    assert OrgUnit.objects.count() == 400
    assert Initiative.objects.values("public_id").distinct().count() == 600


def test_generate_refuses_too_few_units():
    with pytest.raises(GenerationRefused):
        generate(initiatives=10, units=2, years=1, seed=1)
    assert OrgUnit.objects.count() == 0


def test_generate_with_sheets_scores_every_recognition_three_times():
    result = generate(**SMALL, sheets=True)

    recognised_decisions = Decision.objects.filter(outcome="recognised")
    assert result["sheets"] == 3 * recognised_decisions.count()
    assert result["scores"] == 5 * result["sheets"]
    for decision in recognised_decisions.select_related("grade"):
        sheets = Assignment.objects.filter(
            council=decision.council_id, initiative=decision.initiative_id
        )
        assert sheets.count() == 3
        assert set(sheets.values_list("state", flat=True)) == {"submitted"}
        totals = []
        for sheet in sheets:
            values = list(Score.objects.filter(assignment=sheet).values_list("value", flat=True))
            assert len(values) == 5
            assert all(0 <= value <= 20 for value in values)
            assert sheet.total == sum(values)
            totals.append(sheet.total)
        assert decision.total == (sum(totals) / 3).quantize(Decimal("0.01"))
        assert decision.total >= decision.grade.min_total
    # The ranking reads stored figures: each scored dossier has its row, with its three sheets.
    stored = {
        (row[0], row[1]): row[2]
        for row in Standing.objects.values_list("council_id", "initiative_id", "sheets")
    }
    assert len(stored) == recognised_decisions.count() > 0
    assert stored == {
        (decision.council_id, decision.initiative_id): 3 for decision in recognised_decisions
    }


def test_generate_data_command_prints_progress_and_totals():
    out = io.StringIO()

    call_command(
        "generate_data",
        "--initiatives=40",
        "--units=60",
        "--years=2",
        "--seed=3",
        "--last-year=2023",
        "--batch=25",
        stdout=out,
    )

    assert Initiative.objects.count() == 40
    assert OrgUnit.objects.count() == 60
    output = out.getvalue()
    initiatives = Initiative._meta.verbose_name_plural
    assert f"{initiatives}: 25 / 40 " in output
    assert f"{initiatives}: 40 / 40 " in output
    assert f"\n{OrgUnit._meta.verbose_name_plural}: 60, " in output
    assert f", {initiatives}: 40, " in output


def test_generate_data_command_refuses_a_database_with_initiatives(small):
    with pytest.raises(CommandError):
        call_command("generate_data", "--initiatives=5", "--units=60", stdout=io.StringIO())
