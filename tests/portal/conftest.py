"""Recognised initiatives for the public portal: filed through the services, recognised by a
sealed council's Recognition row (what `appraisal.services.council_seal` writes)."""

import pytest

from sangtao.appraisal.models import Council, Recognition
from sangtao.initiatives import services as initiative_services

from ..factories import ONE_AUTHOR, complete_dossier


@pytest.fixture
def publish(movement, tree, people, django_capture_on_commit_callbacks):
    """publish(title=..., unit=..., **dossier) -> an initiative recognised by the province
    (and in the search index, written once the filing commits)."""
    council = Council.objects.create(
        round=movement.rounds.first(), unit=tree["province"], name="Hội đồng tỉnh"
    )
    grade = movement.grades.first()

    def make(*, title: str, unit=None, recognised: bool = True, by=None, **extra):
        data = complete_dossier(movement, unit or tree["school"]) | {"title": title} | extra
        with django_capture_on_commit_callbacks(execute=True):
            initiative = initiative_services.initiative_create(
                by=by or people["author"], data=data, authors=ONE_AUTHOR
            )
        if recognised:
            Recognition.objects.create(
                initiative=initiative, council=council, unit=tree["province"], grade=grade
            )
        return initiative

    make.council = council
    make.grade = grade
    return make
