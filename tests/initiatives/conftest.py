import pytest

from sangtao.appraisal.models import Council


@pytest.fixture
def commune_council(movement, tree):
    """The commune committee's open council for the movement's round: forwards land there."""
    return Council.objects.create(
        round=movement.rounds.first(), unit=tree["commune"], name="Hội đồng thẩm định xã Tân Hòa"
    )
