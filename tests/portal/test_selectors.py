import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangtao.initiatives import search
from sangtao.portal.selectors import public_initiatives, public_ranked_ids


@pytest.mark.django_db
def test_search_finds_without_tones_and_with_telex_slips(publish):
    target = publish(title="Sáng kiến nâng cao năng suất lao động")
    publish(title="Mô hình nuôi cá lồng trên sông")
    for query in ["sang kien nang suat", "sáng kiến năng suất", "sangs kieens nawng suaats"]:
        assert list(public_initiatives(query=query)) == [target], query


@pytest.mark.django_db
def test_a_common_query_ranks_its_most_recent_matches_however_it_is_read(publish, monkeypatch):
    """On PostgreSQL a query whose words are in most rows walks the newest recognitions in two
    steps (the second taking up after the first); on SQLite FTS5 reads it whole: both rank the
    same window of the RECENT_WINDOW most recent matches."""
    monkeypatch.setattr(search, "RECENT_WINDOW", 5)
    monkeypatch.setattr(search, "SAMPLE", 3)
    made = [publish(title=f"Máy gieo hạt cải tiến số {i}") for i in range(30)]
    # The fifth newest does not match; the window is the four newest and the sixth.
    other = made[-5]
    other.title = "Bếp đun tiết kiệm củi"
    other.save()
    search.search_index_refresh(initiatives=[other])
    search.search_terms_refresh()
    window = {made[i].pk for i in (-1, -2, -3, -4, -6)}
    with CaptureQueriesContext(connection) as run:
        assert set(public_ranked_ids(query="may gieo hat")) == window
    walks = [q for q in run.captured_queries if "ts_rank" in q["sql"]]
    assert len(walks) == (2 if connection.vendor == "postgresql" else 0)
    year = made[0].round.year
    assert set(public_ranked_ids(query="may gieo hat", year=year, kind="initiative")) == window
    assert public_ranked_ids(query="bep dun") == [other.pk]


# The window as one statement read it before the narrow copy of the recognised rows
# (initiatives migration 0004): every public match through the entries' GIN index.
_ONE_STATEMENT = (
    "SELECT id FROM (SELECT e.initiative_id AS id, e.tsv FROM initiatives_searchentry e "
    "WHERE e.tsv @@ to_tsquery('simple', %s) AND e.is_public {facets}"
    "ORDER BY recognised_at DESC, initiative_id DESC LIMIT {window}) w, "
    "to_tsquery('simple', %s) q ORDER BY ts_rank(w.tsv, q) DESC, id DESC LIMIT 200"
)


@pytest.mark.django_db
def test_the_recognised_rows_month_by_month_give_what_one_statement_over_all_gives(
    publish, monkeypatch
):
    """PostgreSQL reads a public search's window from the narrow copy of the recognised rows,
    month by month back from the newest recognition: the same ids in the same order as one
    statement over every recognised entry, wherever the months of the matches fall, with a
    facet or not; an edit, a new recognition and a withdrawal reach it at once."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 reads the window in one statement")
    from datetime import UTC, datetime, timedelta

    from sangtao.appraisal.models import Recognition
    from sangtao.initiatives.models import SearchTerm

    newest = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)  # a month's last half hour
    # months back; few recent ones: a window of 6 to 8 (a step past the 48th month) is not
    # found in one statement either, kept for queries matching at most twice the window
    back = [0, 0, 1, 12, 47, 48, 49, 50, 60, 61, 70, 80, 90, 100, 100, 110, 120, 130]
    made = []
    for i, months in enumerate(back):
        if i % 3:  # ranks apart: the words in the title, or in the summary only
            made.append(publish(title=f"Máy gieo hạt cải tiến số {i}"))
        else:
            made.append(publish(title=f"Cải tiến số {i}", summary="Máy gieo hạt mới."))
        at = newest - timedelta(days=30.5 * months) if months else newest
        Recognition.objects.filter(initiative=made[-1]).update(recognised_at=at)
    Recognition.objects.filter(initiative=made[1]).update(recognised_at=newest)  # a tie
    stove = publish(title="Bếp đun tiết kiệm củi")
    Recognition.objects.filter(initiative=stove).update(recognised_at=newest)
    search.search_terms_refresh()
    # counted as on a national table: these words are rare, no walk of the newest rows
    SearchTerm.objects.filter(term=search.TOTAL).update(documents=1_000_000)

    def both(query: str, facets: dict, window: int) -> tuple[list[int], list[int], int]:
        monkeypatch.setattr(search, "RECENT_WINDOW", window)
        words = search.vtext.syllables(query)
        bigrams = [a + b for a, b in zip(words, words[1:], strict=False)]
        match = search._fts_match(words, bigrams)
        extra = "".join(f"AND e.{name} = %s " for name in facets if name != "is_public")
        sql = _ONE_STATEMENT.format(facets=extra, window=window)
        values = [" & ".join(words), *(v for k, v in facets.items() if k != "is_public"), match]
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            expected = [row[0] for row in cursor.fetchall()]
        with CaptureQueriesContext(connection) as run:
            found = search._pg_ranked(match, words, facets, "", [])
        steps = [q for q in run.captured_queries if "initiatives_searchrecognised" in q["sql"]]
        return found, expected, len(steps)

    public = {"is_public": True}
    entry = made[0].search_entry
    other = {"is_public": True, "year": entry.year + 1}  # none
    steps = set()
    for window in (1, 2, 3, 5, 6, 7, 8, 12, 40):
        for facets in (
            public,
            public | {"year": entry.year, "field_id": entry.field_id},
            public | {"kind": entry.kind},
            other,
        ):
            found, expected, asked = both("may gieo hat", facets, window)
            assert found == expected, (window, facets)
            steps.add(asked)
    assert {1, 4} <= steps  # the newest months alone, and every step to the oldest rows

    edited = made[5]
    edited.title = "Bếp đun tiết kiệm củi cải tiến"
    edited.save()
    search.search_index_refresh(initiatives=[edited])
    found, expected, _asked = both("bep dun cai tien", public, 3)
    assert found == expected == [edited.pk]
    assert public_ranked_ids(query="bep dun cai tien") == [edited.pk]
    Recognition.objects.filter(initiative=made[0]).update(withdrawn_at=newest)
    found, expected, _asked = both("may gieo hat", public, 40)
    assert made[0].pk not in found
    assert found == expected
    assert made[0].pk not in public_ranked_ids(query="may gieo hat")
