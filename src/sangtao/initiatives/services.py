"""Writes to initiatives: the dossier and every state transition.

Each transition is one function: it checks the rule, changes the state, appends an audit
event and notifies whoever must act next, in one transaction.
"""

import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import Role, User
from sangtao.accounts.selectors import people_with_role_over
from sangtao.core import files
from sangtao.core.services import audit_record, notify, require
from sangtao.orgs.selectors import council_unit_for

from .models import Attachment, Initiative, InitiativeAuthor, InitiativeLink
from .search import search_index_refresh
from .states import COUNCIL_TRANSITIONS, State, can_transition, target_of

ATTACHMENT_TYPES = {files.PDF, files.DOCX, files.XLSX, files.JPEG, files.PNG}


def _move(*, initiative: Initiative, transition: str, by: User, reason: str = "") -> str:
    """Change the state along `transition`, locking the row; returns the previous state."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not can_transition(locked.state, transition):
        raise ValidationError(
            _("This initiative is “%(state)s”; that step is not possible now.")
            % {"state": locked.get_state_display()}
        )
    previous = locked.state
    initiative.state = target_of(transition)
    return previous


def _lock_editable(initiative: Initiative) -> Initiative:
    """Lock the initiative's row and refuse unless its dossier may still be edited."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not locked.is_editable:
        raise ValidationError(
            _(
                "This initiative is now “%(state)s”; its dossier can no longer be edited. "
                "Reload the page to see it as it is."
            )
            % {"state": locked.get_state_display()}
        )
    return locked


def _stored(initiative: Initiative, name: str):
    """The value of a dossier field as stored (a related row's id, not the row)."""
    field = Initiative._meta.get_field(name)
    return getattr(initiative, field.attname)


def _stored_value(value):
    return value.pk if hasattr(value, "_meta") else value


def _authors_of(initiative: Initiative) -> list[User]:
    people = {initiative.created_by_id: initiative.created_by}
    for author in initiative.authors.select_related("user"):
        if author.user_id:
            people[author.user_id] = author.user
    return list(people.values())


def _detail_url(initiative: Initiative) -> str:
    return reverse("initiatives:detail", kwargs={"public_id": initiative.public_id})


# --- the dossier --------------------------------------------------------------------------


DOSSIER_FIELDS = [
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
    "confidential_sections",
    "confidential_note",
    "is_collective",
    "collective_name",
]


@transaction.atomic
def initiative_create(*, by: User, data: dict, campaigns=(), authors: list[dict] | None = None):
    """Start a draft dossier for `by`; it may be incomplete."""
    require(by, "initiatives.add_initiative")
    initiative = Initiative(created_by=by, **{k: v for k, v in data.items() if k in DOSSIER_FIELDS})
    initiative.save()
    initiative.campaigns.set(campaigns)
    if authors is not None:
        _replace_authors(initiative, authors, by=by)
    search_index_refresh(initiatives=[initiative])
    audit_record(actor=by, action="initiative.create", target=initiative, to_state=State.DRAFT)
    return initiative


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    by: User,
    data: dict,
    campaigns=None,
    authors: list[dict] | None = None,
) -> Initiative:
    """Save the dossier of a draft (or a returned initiative).

    The row is locked and its state read again first: an edit that arrives after the dossier
    was submitted, withdrawn or taken up (in another window, or by the clerk) is refused, and
    only the fields that change are written, so no concurrent transition is ever undone.
    """
    require(by, "initiatives.change_initiative", initiative)
    locked = _lock_editable(initiative)
    changed = sorted(
        k for k, v in data.items() if k in DOSSIER_FIELDS and _stored(locked, k) != _stored_value(v)
    )
    for key in changed:
        setattr(locked, key, data[key])
    locked.save(update_fields=[*changed, "updated_at"])
    for key in [*changed, "state", "updated_at", "submitted_at", "appraisal_unit"]:
        setattr(initiative, key, getattr(locked, key))
    if campaigns is not None:
        initiative.campaigns.set(campaigns)
    if authors is not None:
        _replace_authors(initiative, authors, by=by)
    search_index_refresh(initiatives=[initiative])
    audit_record(actor=by, action="initiative.update", target=initiative, data={"fields": changed})
    return initiative


def _replace_authors(initiative: Initiative, authors: list[dict], *, by: User) -> None:
    """Replace the dossier's authors. A row may be linked (`user`) to the account of whoever
    saves it, or keep the link to an account its saved rows already had; never another."""
    allowed = {by.pk, *initiative.authors.exclude(user=None).values_list("user_id", flat=True)}
    if any(row.get("user") is not None and row["user"].pk not in allowed for row in authors):
        raise ValidationError(
            {
                "authors": _(
                    "You can link an author only to your own account, never to somebody else's."
                )
            }
        )
    initiative.authors.all().delete()
    InitiativeAuthor.objects.bulk_create(
        [
            InitiativeAuthor(
                initiative=initiative,
                order=index,
                user=row.get("user"),
                full_name=row["full_name"],
                unit_name=row.get("unit_name", ""),
                position=row.get("position", ""),
                share=row.get("share") or Decimal("0"),
            )
            for index, row in enumerate(authors)
        ]
    )


def dossier_problems(initiative: Initiative) -> dict[str, str]:
    """What is missing before the dossier can be submitted: {field name: message}."""
    problems: dict[str, str] = {}
    required = {
        "title": initiative.title,
        "round": initiative.round_id,
        "field": initiative.field_id,
        "summary": initiative.summary,
        "essence": initiative.essence,
        "application_scope": initiative.application_scope,
        "benefits": initiative.benefits,
    }
    for name, value in required.items():
        if not value or (isinstance(value, str) and not value.strip()):
            problems[name] = _("This is needed before the dossier can be submitted.")
    if initiative.kind != Initiative.Kind.IDEA and not initiative.first_applied_on:
        problems["first_applied_on"] = _(
            "Give the date it was first applied or tried (only a new idea may have none)."
        )
    if initiative.first_applied_on and initiative.first_applied_on > timezone.localdate():
        problems["first_applied_on"] = _("The date cannot be in the future.")
    if initiative.round_id and initiative.field_id:
        if initiative.field.movement_id != initiative.round.movement_id:
            problems["field"] = _("This field does not belong to the round's movement.")
    if initiative.is_collective:
        if not initiative.collective_name.strip():
            problems["collective_name"] = _("Name the collective.")
    else:
        shares = [a.share for a in initiative.authors.all()]
        if not shares:
            problems["authors"] = _("Add at least one author.")
        elif sum(shares) != Decimal("100"):
            total = f"{sum(shares).normalize():f}".replace(".", ",")
            problems["authors"] = _(
                "The authors' contribution shares add up to %(total)s %%; "
                "they must add up to 100 %%."
            ) % {"total": total}
    return problems


# --- attachments --------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *, initiative: Initiative, by: User, upload, description: str = ""
) -> Attachment:
    """Store an uploaded file privately after checking its size and its real type."""
    require(by, "initiatives.change_initiative", initiative)
    _lock_editable(initiative)
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than the limit of %(limit)s.")
            % {"limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
        )
    kind = files.sniff(upload)
    if kind not in ATTACHMENT_TYPES:
        raise ValidationError(
            _(
                "This file is not a PDF, DOCX, XLSX, JPG or PNG file (its content was checked, "
                "not its name)."
            )
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = upload.name.rsplit("/", 1)[-1][:200]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    attachment = Attachment(
        initiative=initiative,
        original_name=f"{stem}.{kind.extension}",
        content_type=kind.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        description=description,
        uploaded_by=by,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    try:  # a failure after the file is written must not leave it behind
        with transaction.atomic():
            attachment.save()
            audit_record(
                actor=by,
                action="attachment.add",
                target=initiative,
                data={"file": attachment.original_name, "sha256": attachment.sha256},
            )
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User) -> None:
    initiative = attachment.initiative
    require(by, "initiatives.change_initiative", initiative)
    _lock_editable(initiative)
    name, stored = attachment.original_name, attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
    audit_record(actor=by, action="attachment.remove", target=initiative, data={"file": name})


# --- transitions --------------------------------------------------------------------------


@transaction.atomic
def initiative_submit(*, initiative: Initiative, by: User) -> Initiative:
    """The author submits a complete dossier to their unit."""
    require(by, "initiatives.submit_initiative", initiative)
    problems = dossier_problems(initiative)
    if problems:
        raise ValidationError(problems)
    previous = _move(initiative=initiative, transition="submit", by=by)
    initiative.submitted_at = timezone.now()
    initiative.save(update_fields=["state", "submitted_at", "updated_at"])
    audit_record(
        actor=by,
        action="initiative.submit",
        target=initiative,
        from_state=previous,
        to_state=initiative.state,
    )
    notify(
        recipients=people_with_role_over(roles={Role.CLERK}, unit=initiative.unit),
        message=_("New initiative to review: %(title)s") % {"title": initiative.title},
        url=_detail_url(initiative),
    )
    return initiative


@transaction.atomic
def initiative_return(*, initiative: Initiative, by: User, reason: str) -> Initiative:
    """The unit clerk sends a submitted dossier back to its author, saying why."""
    require(by, "initiatives.return_initiative", initiative)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the dossier is returned.")})
    previous = _move(initiative=initiative, transition="return", by=by)
    initiative.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=by,
        action="initiative.return",
        target=initiative,
        from_state=previous,
        to_state=initiative.state,
        reason=reason,
    )
    notify(
        recipients=_authors_of(initiative),
        message=_("Your initiative “%(title)s” was returned for revision: %(reason)s")
        % {"title": initiative.title, "reason": reason},
        url=_detail_url(initiative),
    )
    return initiative


@transaction.atomic
def initiative_forward(*, initiative: Initiative, by: User, note: str = "") -> Initiative:
    """The unit clerk forwards a submitted dossier to the council of their level."""
    require(by, "initiatives.forward_initiative", initiative)
    council_unit = council_unit_for(
        unit=initiative.unit,
        on=initiative.round.reference_date if initiative.round_id else None,
    )
    if council_unit is None:
        raise ValidationError(_("No committee above this unit holds an appraisal council."))
    previous = _move(initiative=initiative, transition="forward", by=by)
    initiative.appraisal_unit = council_unit
    initiative.save(update_fields=["state", "appraisal_unit", "updated_at"])
    audit_record(
        actor=by,
        action="initiative.forward",
        target=initiative,
        from_state=previous,
        to_state=initiative.state,
        reason=note,
        data={"appraisal_unit": council_unit.pk},
    )
    recipients = people_with_role_over(roles={Role.SECRETARY}, unit=council_unit) + _authors_of(
        initiative
    )
    notify(
        recipients=recipients,
        message=_("“%(title)s” was forwarded to the appraisal council of %(unit)s")
        % {"title": initiative.title, "unit": council_unit.name},
        url=_detail_url(initiative),
    )
    return initiative


@transaction.atomic
def initiative_withdraw(*, initiative: Initiative, by: User, reason: str = "") -> Initiative:
    """The author withdraws an initiative that no council has taken up yet."""
    require(by, "initiatives.withdraw_initiative", initiative)
    previous = _move(initiative=initiative, transition="withdraw", by=by)
    initiative.save(update_fields=["state", "updated_at"])
    search_index_refresh(initiatives=[initiative])
    audit_record(
        actor=by,
        action="initiative.withdraw",
        target=initiative,
        from_state=previous,
        to_state=initiative.state,
        reason=reason,
    )
    return initiative


@transaction.atomic
def initiative_council_move(
    *,
    initiative: Initiative,
    transition: str,
    by: User,
    reason: str = "",
    appraisal_unit=None,
    message: str = "",
) -> Initiative:
    """A council's decision moves the initiative (the appraisal services check the rights).

    Notifies the authors and the clerks of the initiative's unit.
    """
    if transition not in COUNCIL_TRANSITIONS:
        raise ValueError(f"{transition} is not a council transition")
    previous = _move(initiative=initiative, transition=transition, by=by)
    fields = ["state", "updated_at"]
    if appraisal_unit is not None:
        initiative.appraisal_unit = appraisal_unit
        fields.append("appraisal_unit")
    initiative.save(update_fields=fields)
    search_index_refresh(initiatives=[initiative])
    audit_record(
        actor=by,
        action=f"initiative.{transition}",
        target=initiative,
        from_state=previous,
        to_state=initiative.state,
        reason=reason,
        data={"appraisal_unit": initiative.appraisal_unit_id},
    )
    if message:
        notify(
            recipients=_authors_of(initiative)
            + people_with_role_over(roles={Role.CLERK}, unit=initiative.unit),
            message=message,
            url=_detail_url(initiative),
        )
    return initiative


# --- the novelty check's findings ---------------------------------------------------------


@transaction.atomic
def initiative_link(
    *,
    initiative: Initiative,
    other: Initiative,
    kind: str,
    by: User,
    note: str = "",
    similarity: float | None = None,
) -> InitiativeLink:
    """The council records that `initiative` duplicates or builds on `other` (kept on record;
    recording it again replaces the kind and the note)."""
    require(by, "initiatives.link_initiative", initiative)
    if kind not in InitiativeLink.Kind.values:
        raise ValidationError({"kind": _("Choose “duplicate of” or “builds on”.")})
    if other.pk == initiative.pk:
        raise ValidationError({"other": _("An initiative cannot be linked to itself.")})
    link, _created = InitiativeLink.objects.update_or_create(
        initiative=initiative,
        other=other,
        defaults={
            "kind": kind,
            "note": note,
            "similarity": None if similarity is None else Decimal(f"{similarity:.3f}"),
            "created_by": by,
            "created_at": timezone.now(),
        },
    )
    audit_record(
        actor=by,
        action="initiative.link",
        target=initiative,
        reason=note,
        data={"kind": kind, "other": str(other.public_id), "title": other.title},
    )
    return link
