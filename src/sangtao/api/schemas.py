"""The shapes the JSON API reads and writes (pydantic, through django-ninja)."""

import datetime
import uuid
from decimal import Decimal
from enum import Enum
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from sangtao.core.selectors import COUNT_CAP
from sangtao.core.validators import control_characters
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

Kind = Enum("Kind", {value: value for value in Initiative.Kind.values}, type=str)
Section = Enum("Section", {value: value for value in Initiative.Section.values}, type=str)
StateName = Enum("StateName", {value: value for value in State.values}, type=str)

Id = Field(None, ge=1, le=2**62)


def _no_controls(multi_line: bool):
    def check(value: str) -> str:
        if control_characters(value, multi_line=multi_line):
            # api.PYDANTIC_MESSAGES turns the type into the forms' Vietnamese message.
            raise PydanticCustomError(
                "single_line_controls" if not multi_line else "multi_line_controls",
                "control characters",
            )
        return value

    return AfterValidator(check)


# Text the forms check with core.validators: one line (titles, names) or several (reasons).
OneLine = Annotated[str, _no_controls(False)]
Lines = Annotated[str, _no_controls(True)]


class ErrorOut(Schema):
    """An error: a sentence in Vietnamese, and the messages of each field that was wrong."""

    detail: str
    errors: dict[str, list[str]] = {}


class PublicInitiativeOut(Schema):
    public_id: uuid.UUID
    title: str
    kind: Kind
    field_id: int | None
    field: str | None
    movement_id: int | None
    movement: str | None
    year: int | None
    unit_id: int | None = Field(
        description="Empty for who appraises the dossier in a blind council, as `unit`, "
        "`collective_name` and `authors`."
    )
    unit: str
    appraisal_unit_id: int | None
    appraisal_unit: str | None
    authors: list[str]
    summary: str
    essence: str = Field(description="Empty when the authors keep it confidential.")
    first_applied_on: datetime.date | None
    application_scope: str
    benefits: str = Field(description="Empty when the authors keep it confidential.")
    yearly_saving_vnd: int | None
    conditions: str = Field(description="Empty when the authors keep it confidential.")


class Page(Schema):
    count: int = Field(description=f"The matching records, counted up to {COUNT_CAP:,}.")
    count_capped: bool = Field(
        description="True when more than `count` records match: page on, or narrow the filters."
    )
    limit: int
    offset: int


class PublicInitiativePage(Page):
    items: list[PublicInitiativeOut]


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    parent_id: int | None
    level: str
    kind: str
    depth: int
    official_code: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class UnitPage(Page):
    items: list[UnitOut]


class FieldOut(Schema):
    id: int
    name: str
    description: str
    movement_id: int


class FieldPage(Page):
    items: list[FieldOut]


class MovementOut(Schema):
    id: int
    name: str
    theme: str
    unit_id: int
    start_year: int
    end_year: int


class MovementPage(Page):
    items: list[MovementOut]


class RoleOut(Schema):
    role: str
    unit_id: int
    unit: str


class MeOut(Schema):
    username: str
    full_name: str
    unit_id: int | None
    roles: list[RoleOut]


class AuthorIn(Schema):
    full_name: OneLine = Field(..., min_length=1, max_length=150)
    unit_name: OneLine = Field("", max_length=255)
    position: OneLine = Field("", max_length=150)
    share: Decimal = Field(..., gt=0, le=100, max_digits=5, decimal_places=2)
    is_me: bool = Field(False, description="This author is the token's holder (links the row).")


class AuthorOut(Schema):
    full_name: str
    unit_name: str
    position: str
    share: Decimal
    is_me: bool


class DossierIn(Schema):
    """A draft's fields; on an update only those given change."""

    kind: Kind | None = None
    title: OneLine | None = Field(None, max_length=500)
    round_id: int | None = Id
    field_id: int | None = Id
    unit_id: int | None = Id
    summary: Lines | None = Field(None, max_length=20000)
    essence: Lines | None = Field(None, max_length=100000)
    first_applied_on: datetime.date | None = None
    application_scope: Lines | None = Field(None, max_length=20000)
    benefits: Lines | None = Field(None, max_length=100000)
    yearly_saving_vnd: int | None = Field(None, ge=0, le=10**15)
    conditions: Lines | None = Field(None, max_length=20000)
    campaign_ids: list[Annotated[int, Field(ge=1, le=2**62)]] | None = Field(None, max_length=50)
    confidential_sections: list[Section] | None = Field(None, max_length=4)
    confidential_note: Lines | None = Field(None, max_length=5000)
    is_collective: bool | None = None
    collective_name: OneLine | None = Field(None, max_length=255)
    authors: list[AuthorIn] | None = Field(None, max_length=30)


class DossierOut(Schema):
    public_id: uuid.UUID
    state: StateName
    kind: Kind
    title: str
    round_id: int | None
    field_id: int | None
    unit_id: int | None = Field(
        description="Empty for who appraises the dossier in a blind council, as `unit`, "
        "`collective_name` and `authors`."
    )
    unit: str
    appraisal_unit_id: int | None
    summary: str
    essence: str
    first_applied_on: datetime.date | None
    application_scope: str
    benefits: str
    yearly_saving_vnd: int | None
    conditions: str
    campaign_ids: list[int]
    confidential_sections: list[str]
    confidential_note: str
    is_collective: bool
    collective_name: str
    authors: list[AuthorOut]
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    problems: dict[str, str] = Field(
        description="What is missing before the dossier can be submitted (drafts only)."
    )


class DossierPage(Page):
    items: list[DossierOut]


class ReasonIn(Schema):
    reason: Lines = Field(..., min_length=1, max_length=2000)


class NoteIn(Schema):
    note: Lines = Field("", max_length=2000)


class WithdrawIn(Schema):
    reason: Lines = Field("", max_length=2000)
