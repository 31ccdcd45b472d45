"""The search and novelty index stays in step with the dossier: create, edit, recognise (the
council's seal), reopen (recognition withdrawn), withdraw; the rebuild command; both databases'
full-text code (the suite runs on SQLite and on PostgreSQL)."""

import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from sangtao.appraisal import services as appraisal
from sangtao.initiatives import novelty, search, services
from sangtao.initiatives.models import SearchEntry, SearchPosting, SearchTerm
from sangtao.initiatives.search import (
    TOTAL,
    search_catch_up,
    search_ranked_ids,
    similar_ids,
)
from tests.appraisal.conftest import council, decide_first_recognised, forwarded  # noqa: F401

from ..factories import ONE_AUTHOR, complete_dossier


def _found(query: str) -> list[int]:
    return search_ranked_ids(query=query)


def _public(query: str) -> list[int]:
    return search_ranked_ids(query=query, facets={"is_public": True})


@pytest.mark.django_db
def test_create_and_edit_keep_the_index_in_step(movement, tree, people):
    data = complete_dossier(movement, tree["school"]) | {"title": "Máy gieo hạt cải tiến"}
    initiative = services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)
    search_catch_up()  # what runs once the save commits (tests/initiatives/test_save_commits.py)
    entry = SearchEntry.objects.get(initiative=initiative)
    assert entry.title_key == "may gieo hat cai tien"
    assert entry.is_public is False
    assert _found("may gieo hat") == [initiative.pk]

    services.initiative_update(
        initiative=initiative, by=people["author"], data={"title": "Lò sấy nông sản bằng trấu"}
    )
    assert _found("lo say nong san") == []  # until the commit
    search_catch_up()
    assert _found("may gieo hat") == []
    assert _found("lo say nong san") == [initiative.pk]
    assert SearchEntry.objects.count() == 1


@pytest.mark.django_db
def test_withdraw_keeps_the_entry_but_it_stays_private(movement, tree, people):
    data = complete_dossier(movement, tree["school"]) | {"title": "Bếp đun tiết kiệm củi"}
    initiative = services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)
    services.initiative_withdraw(initiative=initiative, by=people["author"], reason="Trùng")
    search_catch_up()
    assert SearchEntry.objects.filter(initiative=initiative, is_public=False).exists()
    assert _public("bep dun") == []


@pytest.mark.django_db
def test_the_seal_makes_a_recognition_public_and_a_reopening_withdraws_it(
    council,  # noqa: F811
    forwarded,  # noqa: F811
    people,
    tree,
):
    grade = decide_first_recognised(council, forwarded)
    # Decided but not sealed: nothing is public yet.
    assert _public("sang kien") == []
    chair = council.people["chair"]
    appraisal.council_seal(council=council, by=chair)
    entry = SearchEntry.objects.get(initiative=forwarded[0])
    assert (entry.is_public, entry.level_id, entry.grade_id) == (
        True,
        tree["commune"].level_id,
        grade.pk,
    )
    assert entry.recognised_at is not None
    assert _public("sang kien 1") == [forwarded[0].pk]
    assert not SearchEntry.objects.get(initiative=forwarded[1]).is_public

    appraisal.council_reopen(council=council, by=chair, reason="Sai sót trong biên bản")
    entry.refresh_from_db()
    assert (entry.is_public, entry.level_id, entry.grade_id, entry.recognised_at) == (
        False,
        None,
        None,
        None,
    )
    assert _public("sang kien 1") == []


@pytest.mark.django_db
def test_rebuild_writes_every_entry_and_the_term_counts(movement, tree, people):
    for title in ["Máy gieo hạt cải tiến", "Máy gặt lúa mini", "Lò sấy nông sản"]:
        data = complete_dossier(movement, tree["school"]) | {"title": title}
        services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)
    SearchEntry.objects.all().delete()
    call_command("search_rebuild", "--batch", "2", verbosity=0)
    assert SearchEntry.objects.count() == 3
    assert SearchTerm.objects.get(term="#").documents == 3
    assert SearchTerm.objects.get(term="may").documents == 2
    assert SearchTerm.objects.get(term="maygieo").documents == 1
    assert len(_found("may")) == 2
    if connection.vendor == "postgresql":  # the rare terms' postings, written with the counts
        assert SearchPosting.objects.filter(term="may").count() == 2
        assert SearchPosting.objects.filter(term="maygieo").count() == 1


@pytest.mark.django_db
def test_rebuild_keeps_the_recognition_facets_and_the_index_follows_edits_after_it(
    council,  # noqa: F811
    forwarded,  # noqa: F811
    movement,
    people,
    tree,
):
    grade = decide_first_recognised(council, forwarded)
    appraisal.council_seal(council=council, by=council.people["chair"])
    call_command("search_rebuild", verbosity=0)
    entry = SearchEntry.objects.get(initiative=forwarded[0])
    assert (entry.is_public, entry.level_id, entry.grade_id) == (
        True,
        tree["commune"].level_id,
        grade.pk,
    )
    assert _public("sang kien 1") == [forwarded[0].pk]
    assert sorted(_found("sang kien")) == sorted(i.pk for i in forwarded)
    # On SQLite the rebuild sets the full-text table's triggers aside and puts them back.
    data = complete_dossier(movement, tree["school"]) | {"title": "Lò sấy nông sản bằng trấu"}
    made = services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)
    search_catch_up()
    assert _found("lo say nong san") == [made.pk]
    services.initiative_update(initiative=made, by=people["author"], data={"title": "Bếp củi"})
    search_catch_up()
    assert _found("lo say nong san") == []
    assert _found("bep cui") == [made.pk]


@pytest.mark.django_db
def test_search_ranks_the_exact_title_first(movement, tree, people):
    titles = [
        "Nâng cao năng suất lao động trong sản xuất gạch",
        "Năng suất lao động",
        "Năng suất lao động và chất lượng sản phẩm của hợp tác xã năng suất cao",
    ]
    made = {}
    for title in titles:
        data = complete_dossier(movement, tree["school"]) | {"title": title}
        made[title] = services.initiative_create(by=people["author"], data=data).pk
    search_catch_up()
    ranked = _found("nang suat lao dong")
    assert ranked[0] == made["Năng suất lao động"]
    assert sorted(ranked) == sorted(made.values())


@pytest.mark.django_db
def test_similar_finds_a_rewording_and_shows_the_shared_words(movement, tree, people):
    texts = {
        "target": (
            "Ứng dụng phần mềm quản lý hồ sơ hội viên Hội Nông dân",
            "Số hóa hồ sơ hội viên, cập nhật trên điện thoại.",
        ),
        "other": ("Mô hình nuôi cá lồng trên sông", "Nuôi cá lồng bằng thức ăn tự chế."),
    }
    made = {}
    for name, (title, summary) in texts.items():
        data = complete_dossier(movement, tree["school"]) | {"title": title, "summary": summary}
        made[name] = services.initiative_create(by=people["author"], data=data).pk
    call_command("search_rebuild", verbosity=0)
    found = similar_ids(text="quan ly ho so hoi vien ND bang phan mem tren dien thoai")
    assert found[0][0] == made["target"]
    assert 0.3 < found[0][1] <= 1
    assert found[0][2] == ["phần mềm quản lý hồ sơ hội viên", "nông dân"]  # with tones
    assert made["other"] not in [pk for pk, *_rest in found[:1]]


@pytest.mark.django_db
def test_the_flag_marks_a_rewording_and_not_a_near_topic_dossier(movement, tree, people):
    texts = {
        "target": (
            "Sàn giao dịch nông sản trực tuyến",
            "Xây dựng sàn giao dịch nông sản trực tuyến tại Hợp tác xã Tân Hòa để kết nối "
            "giao thương với doanh nghiệp.",
        ),
        "near topic": (
            "Kết nối giao thương nông sản qua mạng cho hội viên",
            "Xây dựng sàn giao dịch nông sản trực tuyến tại Hợp tác xã Tân Hòa để kết nối "
            "giao thương với doanh nghiệp. Hội viên được tập huấn bán hàng qua điện thoại.",
        ),
    }
    others = ["Nuôi cá lồng trên sông", "Thư viện sách cho thiếu nhi", "Bếp ăn bán trú vùng cao"]
    for index, title in enumerate(others * 3):
        texts[f"other {index}"] = (f"{title} {index}", f"{title}, cách làm số {index}.")
    made = {}
    for name, (title, summary) in texts.items():
        data = complete_dossier(movement, tree["school"]) | {"title": title, "summary": summary}
        made[services.initiative_create(by=people["author"], data=data).pk] = name
    call_command("search_rebuild", verbosity=0)
    # tones removed, abbreviations, a sentence added: the same dossier reworded
    found = similar_ids(
        text="San giao dich nong san truc tuyen\nXay dung san giao dich nong san truc tuyen "
        "tai HTX Tan Hoa de ket noi giao thuong voi doanh nghiep. Mo hinh duoc danh gia cao."
    )
    bar = novelty.model().threshold
    assert sorted(made[match[0]] for match in found) == ["near topic", "target"]
    assert [made[match[0]] for match in found if match[3] >= bar] == ["target"]


@pytest.mark.django_db
def test_the_nightly_term_count_sees_the_dossiers_filed_since(movement, tree, people):
    """`search_rebuild --terms` counts again what the novelty check weighs terms by, without
    writing the entries again."""
    data = complete_dossier(movement, tree["school"])
    services.initiative_create(by=people["author"], data=data | {"title": "Nuôi cá lồng"})
    call_command("search_rebuild", verbosity=0)
    services.initiative_create(by=people["author"], data=data | {"title": "Nuôi cá lồng bè"})
    services.initiative_create(by=people["author"], data=data | {"title": "Thư viện xanh"})
    search_catch_up()
    written = dict(SearchEntry.objects.values_list("initiative_id", "title_terms"))
    assert SearchTerm.objects.get(term="calong").documents == 1

    call_command("search_rebuild", "--terms", verbosity=0)

    assert SearchTerm.objects.get(term="calong").documents == 2
    assert SearchTerm.objects.get(term="thuvien").documents == 1
    assert SearchTerm.objects.get(term=TOTAL).documents == 3
    assert dict(SearchEntry.objects.values_list("initiative_id", "title_terms")) == written


def _bulk(template, titles: list[str]) -> None:
    """Initiatives with these titles, copied from `template` without the services (fast)."""
    from sangtao.initiatives.models import Initiative

    fields = [f.attname for f in Initiative._meta.concrete_fields if f.attname != "id"]
    rows = []
    for title in titles:
        values = {name: getattr(template, name) for name in fields}
        rows.append(Initiative(**values | {"public_id": uuid.uuid4(), "title": title}))
    Initiative.objects.bulk_create(rows, batch_size=2000)


@pytest.mark.django_db
def test_a_new_initiative_past_8000_older_rows_on_a_common_term_is_found(movement, tree, people):
    """Candidates are never cut by storage order or id: every term of the draft is held by
    more than CANDIDATE_ROWS older entries (the old lookup, LIMIT 8,000 per term without an
    order, returned SQLite's lowest ids and never the newest); terms that common are looked
    up together, each lookup read whole, and the newest one like the draft is found. So is
    the oldest."""
    data = complete_dossier(movement, tree["school"])
    oldest = services.initiative_create(
        by=people["author"], data=data | {"title": "Trên sông Hậu nuôi cá lồng"}
    )
    many = search.CANDIDATE_ROWS + 100
    _bulk(oldest, [f"Nuôi cá lồng mẫu {n}" for n in range(many)])
    _bulk(oldest, [f"Đi trên sông Hậu lần {n}" for n in range(many)])
    newest = services.initiative_create(
        by=people["author"], data=data | {"title": "Nuôi cá lồng trên sông Hậu"}
    )
    call_command("search_rebuild", verbosity=0)
    found = [match[0] for match in similar_ids(text="nuoi ca long tren song Hau")]
    assert found[:2] == [newest.pk, oldest.pk]


def _posted(initiative) -> set[str]:
    return set(SearchPosting.objects.filter(initiative=initiative).values_list("term", flat=True))


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's FTS5 index holds the ids itself"
)


@postgresql_only
@pytest.mark.django_db
def test_the_rare_terms_postings_follow_every_save(movement, tree, people):
    """PostgreSQL: the novelty check reads the initiatives of a draft's rare terms from
    SearchPosting (their ids in an index, no row of the entries read). The postings follow
    each save through the index's outbox, leave out the terms that the last count found in
    more than POSTED_ROWS entries, and go with a deleted initiative."""
    SearchTerm.objects.create(term="may", documents=search.POSTED_ROWS + 1)
    data = complete_dossier(movement, tree["school"]) | {"title": "Máy gieo hạt cải tiến"}
    initiative = services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)
    search_catch_up()
    assert {"gieo", "maygieo", "gieohat", "caitien"} <= _posted(initiative)
    assert "may" not in _posted(initiative)  # common: looked up with another term, in `tsv`

    services.initiative_update(
        initiative=initiative, by=people["author"], data={"title": "Lò sấy nông sản bằng trấu"}
    )
    search_catch_up()
    assert "gieo" not in _posted(initiative)
    assert {"trau", "losay"} <= _posted(initiative)
    assert similar_ids(text="Lò sấy bằng trấu")[0][0] == initiative.pk

    initiative.delete()
    assert not SearchPosting.objects.exists()


@postgresql_only
@pytest.mark.django_db
def test_the_nightly_count_moves_the_postings_of_the_terms_it_finds_rare_or_common(
    movement, tree, people, monkeypatch
):
    """A term the count now finds in at most POSTED_ROWS entries gains its postings; one it
    finds in more loses them (it is looked up with another term from then on); the others'
    postings stay as the saves wrote them."""
    data = complete_dossier(movement, tree["school"])
    fish = services.initiative_create(by=people["author"], data=data | {"title": "Nuôi cá lồng"})
    search_catch_up()
    SearchTerm.objects.create(term="calong", documents=search.POSTED_ROWS + 1)
    services.initiative_update(initiative=fish, by=people["author"], data={"summary": "Bè"})
    search_catch_up()
    assert "calong" not in _posted(fish)

    call_command("search_rebuild", "--terms", verbosity=0)

    assert "calong" in _posted(fish)
    assert SearchPosting.objects.count() == sum(
        SearchTerm.objects.exclude(term=TOTAL).values_list("documents", flat=True)
    )

    raft = services.initiative_create(by=people["author"], data=data | {"title": "Cá lồng bè"})
    search_catch_up()
    monkeypatch.setattr(search, "POSTED_ROWS", 1)  # a count of 2 is common from here
    call_command("search_rebuild", "--terms", verbosity=0)
    assert not SearchPosting.objects.filter(term="calong").exists()
    assert "nuoi" in _posted(fish) and "longbe" in _posted(raft)


def test_two_bigrams_of_one_phrase_are_not_read_as_independent_terms():
    """The tail of the check on PostgreSQL: its common terms are looked up two or three
    together, each lookup reading every matching row of the entries' heap. "lythu" and
    "thuvien" (in "quản lý thư viện") go together in every dossier that says the phrase:
    estimated as independent (762 rows) they read all 9,718. There they count as one term,
    and are not looked up together; terms far apart still are. SQLite reads a set from its
    FTS5 index without the rows: its sets stay as they were."""
    text = "Ứng dụng phần mềm quản lý thư viện"
    documents = {"ungdung": 40_000, "dungphan": 9_000, "phanmem": 30_000, "memquan": 8_000}
    documents |= {"quanly": 60_000, "lythu": 9_718, "thuvien": 12_000}
    documents |= {word: 100_000 for word in ("ung", "dung", "phan", "mem", "quan", "ly")}
    documents |= {"thu": 100_000, "vien": 100_000}
    terms = sorted(documents, key=documents.get)
    sets = search._term_sets(terms, documents, 1_000_000, search._places(text))
    paired = {frozenset(terms) for terms in sets}
    if connection.vendor == "postgresql":
        assert frozenset({"lythu", "thuvien"}) not in paired
        assert frozenset({"dungphan", "memquan"}) not in paired  # "dung phan | mem quan"
        assert frozenset({"dungphan", "lythu"}) in paired
    else:
        assert frozenset({"lythu", "thuvien"}) in paired
