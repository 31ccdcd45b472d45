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
