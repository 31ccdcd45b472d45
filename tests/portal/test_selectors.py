import pytest

from sangtao.portal.selectors import public_initiatives


@pytest.mark.django_db
def test_search_finds_without_tones_and_with_telex_slips(publish):
    target = publish(title="Sáng kiến nâng cao năng suất lao động")
    publish(title="Mô hình nuôi cá lồng trên sông")
    for query in ["sang kien nang suat", "sáng kiến năng suất", "sangs kieens nawng suaats"]:
        assert list(public_initiatives(query=query)) == [target], query
