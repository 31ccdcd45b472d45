"""How far a council agrees: Krippendorff's alpha checked against the published worked example,
the levels in words, each member's leniency, and who sees them (the chair and the secretary;
the minutes print the alpha, never the leniency)."""

import random

import pytest
from django.urls import reverse

from sangtao.appraisal import agreement, documents, selectors, services
from sangtao.appraisal.models import Assignment, CouncilMember
from sangtao.initiatives import services as initiative_services

from ..factories import ONE_AUTHOR, complete_dossier
from .test_documents import _secretary, docx_text, pdf_text

N = None
# Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section E: 4 observers,
# 12 units, values 1-5 with missing values (one unit valued by a single observer only).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


# --- the coefficient -------------------------------------------------------------------------


def test_interval_alpha_of_krippendorffs_worked_example_is_0_849():
    assert round(agreement.interval_alpha_of(KRIPPENDORFF_2011), 3) == 0.849


def test_nominal_alpha_of_krippendorffs_worked_example_is_0_743():
    assert round(agreement.nominal_alpha_of(KRIPPENDORFF_2011), 3) == 0.743


def test_interval_alpha_perfect_agreement_is_1():
    same = [3, 7, 12, 18, 20, 5]
    assert agreement.interval_alpha_of([same, same, same]) == pytest.approx(1.0)


def test_interval_alpha_random_scores_is_near_0():
    rng = random.Random(20181115)
    data = [[rng.randint(0, 20) for _unit in range(400)] for _coder in range(4)]
    assert abs(agreement.interval_alpha_of(data)) < 0.05


def test_interval_alpha_ignores_units_only_one_coder_valued():
    with_single = [[1, 2, 3, 9], [1, 2, 3, N]]
    without = [[1, 2, 3], [1, 2, 3]]
    assert agreement.interval_alpha_of(with_single) == agreement.interval_alpha_of(without) == 1
    assert agreement.pairable_count(agreement.unit_sums([v]) for v in [9, 8]) == 0


def test_interval_alpha_without_variation_is_undefined():
    assert agreement.interval_alpha_of([[5, 5, 5], [5, 5, 5]]) is None
    assert agreement.interval_alpha_of([[5], [N]]) is None


def test_level_cut_offs_follow_krippendorff():
    assert [agreement.level(a) for a in (0.800, 0.7999, 0.667, 0.6669, -0.2, None)] == [
        "high",
        "medium",
        "medium",
        "low",
        "low",
        None,
    ]


def test_leniency_is_the_mean_deviation_from_the_others_on_shared_initiatives():
    sheets = [
        ("an", "u1", 14),
        ("binh", "u1", 10),
        ("chi", "u1", 6),
        ("an", "u2", 20),
        ("binh", "u2", 18),
        ("lone", "u3", 30),  # scored alone: says nothing about leniency
    ]
    found = {row.member: (row.deviation, row.shared) for row in agreement.leniency(sheets)}
    # an: u1 14 - (10+6)/2 = 6, u2 20 - 18 = 2 -> 4 over 2 initiatives
    assert found == {"an": (4.0, 2), "binh": (-1.0, 2), "chi": (-6.0, 1)}


# --- a council's agreement -------------------------------------------------------------------


def _more_initiatives(movement, tree, people, count):
    made = []
    for index in range(count):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Thêm {index + 1}"}
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=ONE_AUTHOR
        )
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
        made.append(initiative)
    return made


# Each initiative's base score; the chair gives 2 more per criterion, Võ Văn Hai 2 fewer.
BASES = [8, 11, 14, 17]
OFFSET = {"chutich": 2, "uyvien1": 0, "uyvien2": -2}


@pytest.fixture
def scored(council, forwarded, movement, tree, people):
    """Four initiatives, each scored by the chair, Lê Thị Một and Võ Văn Hai: 12 sheets."""
    initiatives = [*forwarded, *_more_initiatives(movement, tree, people, 1)]
    members = [council.members.get(user=council.people[key]) for key in ("chair", "m1", "m2")]
    services.assignments_create(
        council=council, initiatives=initiatives, members=members, by=people["secretary"]
    )
    criteria = list(movement.criteria.order_by("order"))
    base = {initiative.pk: value for initiative, value in zip(initiatives, BASES, strict=True)}
    for sheet in Assignment.objects.select_related("member__user"):
        value = base[sheet.initiative_id] + OFFSET[sheet.member.user.username]
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (value, "") for c in criteria},
            submit=True,
        )
    council.initiatives = initiatives
    return council


def _expected_alpha(per_criterion: int) -> float:
    data = [[(b + OFFSET[user]) * per_criterion for b in BASES] for user in OFFSET]
    return agreement.interval_alpha_of(data)


def test_council_agreement_per_criterion_overall_and_leniency(scored):
    found = selectors.council_agreement(council=scored)
    assert (found.pairable, found.enough) == (12, True)
    alpha = _expected_alpha(1)
    assert round(alpha, 3) == 0.737
    assert [(row.criterion.name, round(row.alpha, 3), row.level) for row in found.criteria] == [
        ("Tính mới", 0.737, "medium"),
        ("Tính kinh tế", 0.737, "medium"),
    ]
    assert (round(found.overall.alpha, 3), found.overall.level) == (0.737, "medium")
    # Totals of two criteria: the chair gives 4 more than Lê Thị Một, Võ Văn Hai 4 fewer.
    assert [
        (row.member.user.full_name, str(row.deviation), row.shared) for row in found.leniency
    ] == [
        ("Phạm Văn Chủ", "6.00", 4),
        ("Lê Thị Một", "0.00", 4),
        ("Võ Văn Hai", "-6.00", 4),
    ]


def test_agreement_page_waits_until_the_reader_sees_every_sheet(
    council, forwarded, people, movement, client_for
):
    members = [council.members.get(user=council.people[key]) for key in ("chair", "m1")]
    services.assignments_create(
        council=council, initiatives=forwarded, members=members, by=people["secretary"]
    )
    page = client_for(people["secretary"]).get(reverse("appraisal:agreement", args=[council.pk]))
    assert page.context["agreement"] is None
    assert "Được hiển thị khi bạn được xem phiếu chấm của mọi sáng kiến" in page.content.decode()


def test_council_agreement_below_the_minimum_of_sheets_is_not_shown(
    council, forwarded, people, movement, client_for
):
    members = [council.members.get(user=council.people[key]) for key in ("chair", "m1")]
    services.assignments_create(
        council=council, initiatives=forwarded, members=members, by=people["secretary"]
    )
    criteria = list(movement.criteria.order_by("order"))
    for sheet in Assignment.objects.select_related("member__user"):
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (10, "") for c in criteria},
            submit=True,
        )
    found = selectors.council_agreement(council=council)
    assert (found.pairable, found.minimum, found.enough) == (6, 10, False)
    page = client_for(council.people["chair"]).get(
        reverse("appraisal:agreement", args=[council.pk])
    )
    text = page.content.decode()
    assert "Chưa hiển thị: mới có 6 phiếu chấm" in text
    assert "ít nhất 10 phiếu" in text
    assert "Mức dễ dãi của từng thành viên" not in text


def _agreement_section(html: str) -> str:
    start = html.index('id="agreement"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("seat", ["chair", "secretary"])
def test_agreement_page_shown_to_the_chair_and_secretary(scored, people, client_for, seat):
    user = scored.people["chair"] if seat == "chair" else people["secretary"]
    page = client_for(user).get(reverse("appraisal:agreement", args=[scored.pk])).content.decode()
    section = _agreement_section(page)
    assert "Mức đồng thuận của Hội đồng" in section
    assert section.count("mức đồng thuận: trung bình") == 3  # two criteria and the total
    assert "0,737" in section
    assert "Mức dễ dãi của từng thành viên" in section
    assert "+6,00" in section and "-6,00" in section
    assert "Phạm Văn Chủ" in section


def test_agreement_and_leniency_hidden_from_members_authors_and_followers(
    scored, people, client_for
):
    initiative = scored.initiatives[0]
    sheet = Assignment.objects.filter(member__user=scored.people["m1"]).first()
    pages = {
        scored.people["m1"]: [
            reverse("appraisal:agreement", args=[scored.pk]),
            reverse("appraisal:council", args=[scored.pk]),
            reverse("appraisal:ranking", args=[scored.pk]),
            reverse("appraisal:result", args=[scored.pk, initiative.public_id]),
            reverse("appraisal:tasks"),
            reverse("appraisal:sheet", args=[sheet.public_id]),
        ],
        people["author"]: [
            reverse("appraisal:agreement", args=[scored.pk]),
            reverse("initiatives:detail", args=[initiative.public_id]),
            reverse("appraisal:ranking", args=[scored.pk]),
            reverse("appraisal:result", args=[scored.pk, initiative.public_id]),
        ],
        people["officer"]: [
            reverse("appraisal:agreement", args=[scored.pk]),
            reverse("appraisal:council", args=[scored.pk]),
            reverse("appraisal:ranking", args=[scored.pk]),
            reverse("appraisal:result", args=[scored.pk, initiative.public_id]),
        ],
    }
    for user, urls in pages.items():
        client = client_for(user)
        refused = client.get(urls[0])
        assert refused.status_code == (404 if user == people["author"] else 403)
        for url in urls:
            text = client.get(url).content.decode()
            for phrase in ("Mức đồng thuận", "Mức dễ dãi", "+6,00", "alpha"):
                assert phrase not in text, (user.username, url, phrase)


def test_minutes_print_the_agreement_and_never_the_leniency(scored, people, client_for):
    scored.refresh_from_db()
    record = documents.council_record(council=scored, user=_secretary(scored))
    docx = documents.council_paper(
        council=scored, user=_secretary(scored), name="minutes", extension="docx"
    )[0]
    pdf = documents.council_paper(
        council=scored, user=_secretary(scored), name="minutes", extension="pdf"
    )[0]
    assert record.agreement.enough
    for text in (docx_text(docx)[1], pdf_text(pdf)):
        assert "hệ số alpha Krippendorff cho dữ liệu khoảng, tính trên 12 phiếu chấm" in text
        assert "Tính mới: 0,737 (mức đồng thuận: trung bình);" in text
        assert "Tổng điểm có trọng số: 0,737 (mức đồng thuận: trung bình);" in text
        for phrase in ("dễ dãi", "Độ lệch", "-6,00", "+6,00"):
            assert phrase not in text
    # Members cannot ask for the minutes at all, sealed or not.
    response = client_for(scored.people["m1"]).post(
        reverse("appraisal:minutes_docx", args=[scored.pk])
    )
    assert response.status_code == 403


def test_blind_council_agreement_names_no_author_nor_unit(scored, people, client_for):
    services.council_update(council=scored, by=people["secretary"], data={"blind": True})
    scored.refresh_from_db()
    chair = scored.people["chair"]
    html = client_for(chair).get(reverse("appraisal:agreement", args=[scored.pk])).content.decode()
    section = _agreement_section(html)
    assert "Mức dễ dãi của từng thành viên" in section
    author = scored.initiatives[0].authors.first().full_name
    for name in (author, "Trường THCS Tân Hòa", people["author"].display_name):
        assert name not in section
    assert CouncilMember.objects.get(council=scored, user=chair).role == "chair"
