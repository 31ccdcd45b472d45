"""Thousands of generated inputs into the dossier form and service, the criteria form and
service, and the score sheet service: nothing but a ValidationError (or PermissionDenied)
with a Vietnamese message ever comes out, and a refused input changes no row.

FUZZ_EXAMPLES_FORMS (default 200) sets the examples per test.
"""

import os
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import Assignment, Score
from sangtao.initiatives import services as initiatives
from sangtao.initiatives.forms import InitiativeForm
from sangtao.initiatives.models import Initiative
from sangtao.movements import services as movements
from sangtao.movements.forms import CriterionForm
from sangtao.movements.models import Criterion

from ..appraisal.conftest import council, forwarded  # noqa: F401 - fixtures
from ..factories import ONE_AUTHOR, complete_dossier

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES_FORMS", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")

# Text people type and text attackers send: Vietnamese, control characters, huge, numbers.
text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "inf", "12,5", "1.000.000", "∞"]),
    st.sampled_from(["<script>alert(1)</script>", "'; DROP TABLE x; --", "\x00", "a" * 5000]),
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
)


def _messages_are_vietnamese(error: ValidationError) -> None:
    for message in error.messages:
        assert VIETNAMESE & set(str(message).lower()), f"not Vietnamese: {message!r}"


def _state(*querysets) -> list:
    return [sorted(map(repr, queryset.values_list())) for queryset in querysets]


@pytest.fixture
def draft(movement, tree, people):
    return initiatives.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )


@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            key: text
            for key in [
                "kind",
                "title",
                "round",
                "field",
                "unit",
                "summary",
                "essence",
                "first_applied_on",
                "application_scope",
                "benefits",
                "yearly_saving_vnd",
                "conditions",
                "campaigns",
                "confidential_sections",
                "confidential_note",
                "collective_name",
                "is_collective",
            ]
        },
    )
)
@FUZZ
def test_the_dossier_form_and_service_take_any_input(draft, people, data):
    author = people["author"]
    before = _state(Initiative.objects.filter(pk=draft.pk))
    with translation.override("vi"):
        form = InitiativeForm(data, instance=Initiative.objects.get(pk=draft.pk), user=author)
        if not form.is_valid():
            for messages in form.errors.values():
                assert all(VIETNAMESE & set(str(m).lower()) for m in messages), messages
            assert _state(Initiative.objects.filter(pk=draft.pk)) == before
            return
        cleaned = {k: v for k, v in form.cleaned_data.items() if k != "campaigns"}
        try:
            with transaction.atomic():
                initiatives.initiative_update(
                    initiative=Initiative.objects.get(pk=draft.pk),
                    by=author,
                    data=cleaned,
                    campaigns=form.cleaned_data["campaigns"],
                )
        except ValidationError as error:
            _messages_are_vietnamese(error)
            assert _state(Initiative.objects.filter(pk=draft.pk)) == before


criterion_fields = st.fixed_dictionaries(
    {},
    optional={
        key: text for key in ["name", "code", "description", "weight", "min_score", "max_score"]
    },
)


@given(data=criterion_fields)
@FUZZ
def test_the_criterion_form_and_service_take_any_input(movement, people, data):
    officer = people["officer"]
    before = _state(Criterion.objects.filter(movement=movement))
    with translation.override("vi"):
        form = CriterionForm(data)
        if not form.is_valid():
            for messages in form.errors.values():
                assert all(VIETNAMESE & set(str(m).lower()) for m in messages), messages
            return
        try:
            with transaction.atomic():
                made = movements.criterion_add(movement=movement, by=officer, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, ValidationError):
                _messages_are_vietnamese(error)
            assert _state(Criterion.objects.filter(movement=movement)) == before
        else:
            assert 0 <= made.min_score < made.max_score
            made.delete()


@pytest.fixture
def sheet(council, forwarded, people):  # noqa: F811 - fixtures
    appraisal.assignments_auto(council=council, by=people["secretary"])
    return Assignment.objects.filter(council=council, member__user__username="uyvien1").first()


@given(
    raw=st.lists(st.tuples(text, text), min_size=0, max_size=3),
    comment=text,
    version=st.one_of(st.none(), st.integers(-5, 5)),
    submit=st.booleans(),
)
@FUZZ
def test_the_score_sheet_takes_any_input(sheet, movement, raw, comment, version, submit):
    criteria = list(movement.criteria.order_by("order").values_list("pk", flat=True))
    scores = {pk: value for pk, value in zip(criteria, raw, strict=False)}
    member = sheet.member.user
    before = _state(Assignment.objects.filter(pk=sheet.pk), Score.objects.filter(assignment=sheet))
    with translation.override("vi"):
        try:
            with transaction.atomic():
                saved = appraisal.sheet_save(
                    assignment=Assignment.objects.get(pk=sheet.pk),
                    by=member,
                    scores=scores,
                    overall_comment=comment,
                    version=version,
                    submit=submit,
                )
        except ValidationError as error:
            _messages_are_vietnamese(error)
            after = _state(
                Assignment.objects.filter(pk=sheet.pk), Score.objects.filter(assignment=sheet)
            )
            assert after == before
            return
    for score in Score.objects.filter(assignment=saved).select_related("criterion"):
        if score.value is not None:
            assert score.criterion.min_score <= score.value <= score.criterion.max_score
    assert saved.total is None or Decimal(saved.total) >= 0
    if saved.state == Assignment.State.SUBMITTED:
        # A submitted sheet is locked: open it again for the next example.
        Assignment.objects.filter(pk=sheet.pk).update(
            state=Assignment.State.DRAFT, submitted_at=None
        )
