"""Writes of consultations: the draft and its sections (the publishing unit's keepers), the
comments (the audience, until the deadline) and the responses to them. Each service is
keyword-only, runs in one transaction, checks the permission and records an audit event on the
consultation (its page shows the history)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.core.services import audit_record, notify, require
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.text import fold
from sangtao.registers.keepers import require_keeps
from sangtao.registers.writes import apply_changes, delete_row, save_kept_changes, save_row

from . import selectors
from .models import Comment, Consultation, Section

CONSULTATION_FIELDS = ("unit", "title", "kind", "summary", "opens_on", "closes_on", "audience")
SECTION_FIELDS = ("heading", "text")


def _page(consultation: Consultation) -> str:
    return reverse("consultations:consultation_detail", args=[consultation.pk])


# --- the draft -------------------------------------------------------------------------------


def _check_consultation(consultation: Consultation) -> None:
    if consultation.unit.kind.code not in selectors.PUBLISHING_KINDS:
        raise ValidationError({"unit": _("A consultation is published by a Front committee.")})
    if consultation.closes_on < consultation.opens_on:
        raise ValidationError(
            {"closes_on": _("Comments close on or after the day they open, not before it.")}
        )
    consultation.search_key = fold(f"{consultation.title} {consultation.unit.name}")


@transaction.atomic
def consultation_create(
    *,
    by: User,
    unit: OrgUnit,
    title: str,
    kind: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    audience: str = Consultation.Audience.MEMBERS,
    summary: str = "",
) -> Consultation:
    """Publish a draft of `unit` for comments between `opens_on` and `closes_on`."""
    require_keeps(by, unit)
    consultation = Consultation(
        unit=unit,
        title=title,
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        audience=audience,
        summary=summary,
    )
    return save_row(consultation, by=by, action="consultation.create", check=_check_consultation)


@transaction.atomic
def consultation_update(*, consultation: Consultation, data: dict, by: User) -> Consultation:
    """Change a consultation (its unit only to another committee the person keeps)."""
    require(by, "consultations.change_consultation", consultation)
    return save_kept_changes(
        consultation,
        data,
        CONSULTATION_FIELDS,
        by=by,
        action="consultation.update",
        check=_check_consultation,
    )


@transaction.atomic
def consultation_delete(*, consultation: Consultation, by: User) -> None:
    """Delete a consultation nobody has commented on yet."""
    require(by, "consultations.delete_consultation", consultation)
    if consultation.comments.exists():
        raise ValidationError(_("The draft has received comments: it can no longer be deleted."))
    delete_row(consultation, by=by, action="consultation.delete")


@transaction.atomic
def responses_publish(*, consultation: Consultation, published: bool, by: User) -> Consultation:
    """Show (or hide again) every comment and its response to the whole audience."""
    require(by, "consultations.respond_consultation", consultation)
    consultation.responses_published = published
    consultation.save(update_fields=["responses_published"])
    audit_record(
        actor=by,
        action="consultation.publish" if published else "consultation.unpublish",
        target=consultation,
    )
    return consultation


# --- sections --------------------------------------------------------------------------------


def _check_section(section: Section) -> None:
    if not section.heading.strip():
        raise ValidationError({"heading": _("Give the section a heading.")})
    if not section.text.strip():
        raise ValidationError({"text": _("Write the section's text.")})


def _refuse_commented(section: Section, message: str) -> None:
    if section.pk and section.comments.exists():
        raise ValidationError(message)


@transaction.atomic
def section_add(*, consultation: Consultation, heading: str, text: str, by: User) -> Section:
    """Add a section at the end of the draft."""
    require(by, "consultations.change_consultation", consultation)
    highest = consultation.sections.aggregate(m=models.Max("order"))["m"] or 0
    section = Section(consultation=consultation, heading=heading, text=text, order=highest + 1)
    _check_section(section)
    section.save()
    audit_record(
        actor=by,
        action="consultation.section_add",
        target=consultation,
        data={"section": section.pk, "heading": heading},
    )
    return section


@transaction.atomic
def section_update(*, section: Section, data: dict, by: User) -> Section:
    """Change a section's heading or text, while nobody has commented on it."""
    require(by, "consultations.change_consultation", section.consultation)
    _refuse_commented(
        section, _("The section has received comments: its text can no longer be changed.")
    )
    changed = apply_changes(section, data, SECTION_FIELDS)
    _check_section(section)
    section.save()
    audit_record(
        actor=by,
        action="consultation.section_update",
        target=section.consultation,
        data={"section": section.pk, **changed},
    )
    return section


@transaction.atomic
def section_delete(*, section: Section, by: User) -> None:
    """Delete a section nobody has commented on."""
    consultation = section.consultation
    require(by, "consultations.change_consultation", consultation)
    _refuse_commented(section, _("The section has received comments: it can no longer be deleted."))
    audit_record(
        actor=by,
        action="consultation.section_delete",
        target=consultation,
        data={"section": section.pk, "heading": section.heading},
    )
    section.delete()


@transaction.atomic
def section_move(*, section: Section, offset: int, by: User) -> Section:
    """Move a section up (offset -1) or down (+1) the draft; renumber them 1..n."""
    consultation = section.consultation
    require(by, "consultations.change_consultation", consultation)
    siblings = list(consultation.sections.order_by("order", "pk"))
    index = next(i for i, row in enumerate(siblings) if row.pk == section.pk)
    target = index + offset
    if offset == 0 or not 0 <= target < len(siblings):
        return section
    siblings.insert(target, siblings.pop(index))
    for position, row in enumerate(siblings, start=1):
        row.order = position
    Section.objects.bulk_update(siblings, ["order"])
    audit_record(
        actor=by,
        action="consultation.section_move",
        target=consultation,
        data={"section": section.pk, "position": target + 1},
    )
    section.order = target + 1
    return section


# --- comments and responses ------------------------------------------------------------------


def _check_open(consultation: Consultation) -> None:
    today = timezone.localdate()
    if today < consultation.opens_on:
        raise ValidationError(
            _("Comments open on %(date)s.") % {"date": consultation.opens_on.strftime("%d/%m/%Y")}
        )
    if today > consultation.closes_on:
        raise ValidationError(
            _("The time for comments ended on %(date)s: no more comments are taken.")
            % {"date": consultation.closes_on.strftime("%d/%m/%Y")}
        )


@transaction.atomic
def comment_add(*, section: Section, text: str, by: User, unit: OrgUnit | None = None) -> Comment:
    """`by` comments on `section`, for `unit` (a unit below the publishing unit where they are
    staff) or, on a public consultation, for themselves."""
    consultation = section.consultation
    require(by, "consultations.view_consultation", consultation)
    require(
        by,
        "consultations.comment_consultation",
        consultation,
        message=_("You are not among those this draft is put to."),
    )
    _check_open(consultation)
    if unit is not None:
        if (
            not selectors.units_speaking_for(user=by, consultation=consultation)
            .filter(pk=unit.pk)
            .exists()
        ):
            raise PermissionDenied(_("You do not comment for this unit."))
    elif not consultation.is_public:
        raise ValidationError({"unit": _("Choose the unit you comment for.")})
    if not text.strip():
        raise ValidationError({"text": _("Write your comment.")})
    comment = Comment.objects.create(
        consultation=consultation, section=section, author=by, unit=unit, text=text.strip()
    )
    audit_record(
        actor=by,
        action="consultation.comment",
        target=consultation,
        data={"comment": comment.pk, "section": section.pk},
    )
    return comment


@transaction.atomic
def comment_respond(*, comment: Comment, response: str, response_text: str, by: User) -> Comment:
    """Record the response to a comment (accepted, explained, not accepted) and tell the
    commenter."""
    consultation = comment.consultation
    require(by, "consultations.respond_consultation", consultation)
    if response not in Comment.Response.values:
        raise ValidationError({"response": _("Choose how the comment is taken.")})
    if not response_text.strip():
        raise ValidationError({"response_text": _("Write the response to the comment.")})
    first = not comment.response
    comment.response = response
    comment.response_text = response_text.strip()
    comment.responded_at = timezone.now()
    comment.responded_by = by
    comment.save(update_fields=["response", "response_text", "responded_at", "responded_by"])
    audit_record(
        actor=by,
        action="consultation.respond",
        target=consultation,
        data={"comment": comment.pk, "response": response},
    )
    message = (
        _("Your comment on the draft “%(title)s” has received a response.")
        if first
        else _("The response to your comment on the draft “%(title)s” was changed.")
    )
    notify(
        recipients=[comment.author],
        message=message % {"title": consultation.title},
        url=_page(consultation),
    )
    return comment
