"""Writes to initiatives: the dossier and every state transition.

Every transition goes through one engine, `transition_run`, driven by the table in
`states.py`: it checks the rule, changes the state, appends an audit event and notifies whoever
must act next, in one transaction.
"""

import copy
import datetime
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
from sangtao.core.validators import validate_multi_line
from sangtao.orgs.selectors import council_unit_for
from sangtao.orgs.text import fold

from .models import (
    Attachment,
    AuthorClaim,
    Initiative,
    InitiativeAuthor,
    InitiativeLink,
    NotDuplicate,
)
from .search import search_index_mark
from .states import COUNCIL_TRANSITIONS, EDITABLE_STATES, TRANSITIONS, Notify, State, Transition

ATTACHMENT_TYPES = {files.PDF, files.DOCX, files.XLSX, files.JPEG, files.PNG}


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


# What the dossier says of the initiative itself (the open-data record publishes the same).
DESCRIPTION_FIELDS = [
    "summary",
    "essence",
    "first_applied_on",
    "application_scope",
    "benefits",
    "yearly_saving_vnd",
    "conditions",
]

# What an author fills in, in the order of the form (the generator writes its rows so too).
DOSSIER_FIELDS = [
    "kind",
    "title",
    "round",
    "field",
    "unit",
    *DESCRIPTION_FIELDS,
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
    search_index_mark(initiatives=[initiative])
    audit_record(actor=by, action="initiative.create", target=initiative, to_state=State.DRAFT)
    return initiative


@transaction.atomic
def initiative_create_with_file(
    *, by: User, data: dict, campaigns=(), authors: list[dict] | None = None, upload, description=""
):
    """Start a draft with its first attachment (filed from the new-dossier page): both are
    kept, or neither when the file is refused."""
    initiative = initiative_create(by=by, data=data, campaigns=campaigns, authors=authors)
    attachment_add(initiative=initiative, by=by, upload=upload, description=description)
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
    search_index_mark(initiatives=[initiative])
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
    saved = list(initiative.authors.order_by("order", "id"))
    kept = _match_authors(saved, authors)
    fresh, changed = [], []
    for index, row in enumerate(authors):
        values = {
            "order": index,
            "user": row.get("user"),
            "full_name": row["full_name"],
            "name_key": fold(row["full_name"])[:150],
            "unit_name": row.get("unit_name", ""),
            "position": row.get("position", ""),
            "share": row.get("share") or Decimal("0"),
        }
        author = kept.get(index)
        if author is None:
            fresh.append(InitiativeAuthor(initiative=initiative, **values))
            continue
        for key, value in values.items():
            setattr(author, key, value)
        changed.append(author)
    matched = {author.pk for author in kept.values()}
    initiative.authors.exclude(pk__in=matched).delete()
    if changed:
        InitiativeAuthor.objects.bulk_update(
            changed, ["order", "user", "full_name", "name_key", "unit_name", "position", "share"]
        )
    InitiativeAuthor.objects.bulk_create(fresh)


def _match_authors(saved: list[InitiativeAuthor], rows: list[dict]) -> dict[int, InitiativeAuthor]:
    """Which saved author row each new row is ({index of the row: saved row}): the row at the
    same place with the same name (folded, so a fixed tone still matches), then a saved row of
    the same name elsewhere (rows moved up or down). Kept rows keep their link requests
    (AuthorClaim) and their id; the others are deleted, the new ones created."""
    keys = [fold(row["full_name"])[:150] for row in rows]
    kept: dict[int, InitiativeAuthor] = {}
    left = list(saved)
    for index, key in enumerate(keys):
        author = saved[index] if index < len(saved) else None
        if author is not None and author.name_key == key:
            kept[index] = author
            left.remove(author)
    for index, key in enumerate(keys):
        if index in kept:
            continue
        author = next((a for a in left if a.name_key == key), None)
        if author is not None:
            kept[index] = author
            left.remove(author)
    return kept


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
#
# One engine takes every step of the table in states.py; the public functions below are one
# line around it, for the pages, the API, the council's decisions and the demo.


def _submit_apply(*, initiative: Initiative, by: User, **options) -> tuple[list[str], dict]:
    """A dossier is submitted only when complete; the time it was is kept."""
    problems = dossier_problems(initiative)
    if problems:
        raise ValidationError(problems)
    initiative.submitted_at = timezone.now()
    return ["submitted_at"], {}


# Where a forwarded dossier can go: the appraisal app registers its selector of open councils
# (`forward_targets_register`, from AppraisalConfig.ready), so initiatives need not import it.
_forward_targets = None


def forward_targets_register(selector) -> None:
    """`selector(*, unit, round_id, field_id)` returns the open councils, nearest first."""
    global _forward_targets
    _forward_targets = selector


def forward_targets(*, initiative: Initiative, on: datetime.date | None = None) -> list:
    """The open councils this dossier can be forwarded to, nearest first (none: refused)."""
    if _forward_targets is None or not initiative.round_id:
        return []
    return _forward_targets(
        unit=initiative.unit, round_id=initiative.round_id, field_id=initiative.field_id, on=on
    )


def forward_refusal(*, initiative: Initiative) -> str:
    """Why the dossier cannot be forwarded yet: which committee must first convene."""
    from sangtao.orgs.models import OrgUnit
    from sangtao.orgs.selectors import current_q

    committee = (
        OrgUnit.objects.filter(pk__in=initiative.unit.ancestor_ids, kind__code="front_committee")
        .filter(current_q())
        .order_by("-depth")
        .first()
    )
    if committee is None:
        return _("No committee above this unit holds an appraisal council.")
    return _(
        "No appraisal council of this round is open at or above this unit: %(unit)s must "
        "first set up its council for %(round)s."
    ) % {"unit": committee.name, "round": initiative.round.name if initiative.round_id else "—"}


def _forward_apply(
    *, initiative: Initiative, by: User, council_id: int | None = None, as_of=None, **options
) -> tuple[list[str], dict]:
    """The council that appraises a forwarded dossier: the nearest open one for the dossier's
    round (`forward_targets`), or the one among them the clerk picked (`council_id`); a closed
    unit is never chosen, and with no open council anywhere above, the forward is refused,
    naming the committee that must first convene its council.

    `as_of` replays a forward of the past (the demo's story of 2018-2020, an import of earlier
    records): the tree as it was that day, and, when no council had been convened yet, the
    nearest unit that held councils then. Pages and the API never pass it."""
    targets = forward_targets(initiative=initiative, on=as_of)
    council = targets[0] if targets else None
    if council_id is not None:
        council = next((c for c in targets if c.pk == council_id), None)
        if council is None:
            raise ValidationError(_("Choose one of the councils offered."))
    if council is not None:
        council_unit = council.unit
    elif as_of is not None and (past := council_unit_for(unit=initiative.unit, on=as_of)):
        council_unit = past
    else:
        raise ValidationError(forward_refusal(initiative=initiative))
    initiative.appraisal_unit = council_unit
    return ["appraisal_unit"], {
        "appraisal_unit": council_unit.pk,
        "council": council.pk if council else None,
    }


def _council_apply(
    *, initiative: Initiative, by: User, appraisal_unit=None, **options
) -> tuple[list[str], dict]:
    """A council's step; a nomination hands the dossier to the next level's council."""
    fields = []
    if appraisal_unit is not None:
        initiative.appraisal_unit = appraisal_unit
        fields.append("appraisal_unit")
    return fields, {"appraisal_unit": initiative.appraisal_unit_id}


# What a step sets besides the state (after the rule and the state are checked, before the
# save): transition name -> hook(*, initiative, by, **options) -> (fields, audit data).
TRANSITION_HOOKS = {
    "submit": _submit_apply,
    "forward": _forward_apply,
    **{name: _council_apply for name in COUNCIL_TRANSITIONS},
}


def _told(row: Transition, initiative: Initiative) -> list[User]:
    people: list[User] = []
    for target in row.notify:
        if target == Notify.AUTHORS:
            people += _authors_of(initiative)
        elif target == Notify.UNIT_CLERKS:
            people += people_with_role_over(roles={Role.CLERK}, unit=initiative.unit)
        elif target == Notify.COUNCIL_SECRETARIES:
            people += people_with_role_over(roles={Role.SECRETARY}, unit=initiative.appraisal_unit)
    return people


def _not_possible_now(initiative: Initiative) -> ValidationError:
    return ValidationError(
        _("This initiative is “%(state)s”; that step is not possible now.")
        % {"state": initiative.get_state_display()}
    )


def step_check(*, initiative: Initiative, by: User, name: str = "edit") -> None:
    """Refuse a step (`name` of `TRANSITIONS`, or "edit" for the dossier's edit) with the
    reason that holds: PermissionDenied when `by` may not take it whatever the state, a
    ValidationError ("not possible now") when they could, but not in the present state. The
    API asks it first (403 or 409); the services themselves refuse with PermissionDenied."""
    if name == "edit":
        perm, sources = "initiatives.change_initiative", EDITABLE_STATES
    else:
        perm, sources = TRANSITIONS[name].perm, TRANSITIONS[name].sources
    if by.has_perm(perm, initiative):
        return
    if initiative.state not in sources:
        as_if = copy.copy(initiative)  # the same dossier in a state the step starts from
        as_if.state = sorted(sources)[0]
        if by.has_perm(perm, as_if):
            raise _not_possible_now(initiative)
    require(by, perm, initiative)


@transaction.atomic
def transition_run(
    *,
    initiative: Initiative,
    name: str,
    by: User,
    reason: str = "",
    on=None,
    params: dict | None = None,
    **options,
) -> Initiative:
    """Take the step `name` of `TRANSITIONS` (initiatives/states.py), for every caller.

    Checks the row's permission (on the initiative, or on `on`, the council, for a council's
    step) and its reason; locks the row and reads its state again, so that no step is lost to
    a concurrent edit or step (a state the step does not start from is refused with a
    ValidationError); runs the step's hook (`TRANSITION_HOOKS`, with `options`); saves, records
    the audit event and tells whoever the row names (`params` adds to the message's values).
    """
    row = TRANSITIONS[name]
    require(by, row.perm, on if row.by_council else initiative)
    try:
        validate_multi_line(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error
    if row.reason_required and not reason.strip():
        raise ValidationError({"reason": str(row.reason_required)})
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.state not in row.sources:
        raise _not_possible_now(locked)
    hook = TRANSITION_HOOKS.get(name)
    fields, data = hook(initiative=initiative, by=by, **options) if hook else ([], {})
    previous, initiative.state = locked.state, row.target
    initiative.state_since = timezone.now()
    initiative.save(update_fields=["state", "state_since", *fields, "updated_at"])
    search_index_mark(initiatives=[initiative])
    audit_record(
        actor=by,
        action=row.action,
        target=initiative,
        from_state=previous,
        to_state=initiative.state,
        reason=reason,
        data=data,
    )
    if row.notify:
        unit = initiative.appraisal_unit
        values = {"title": initiative.title, "reason": reason, "grade": ""}
        values["unit"] = unit.name if unit else ""
        notify(
            recipients=_told(row, initiative),
            message=str(row.message) % (values | (params or {})),
            url=_detail_url(initiative),
        )
    return initiative


def initiative_submit(*, initiative: Initiative, by: User) -> Initiative:
    """The author submits a complete dossier to their unit."""
    return transition_run(initiative=initiative, name="submit", by=by)


def initiative_return(*, initiative: Initiative, by: User, reason: str) -> Initiative:
    """The unit clerk sends a submitted dossier back to its author, saying why."""
    return transition_run(initiative=initiative, name="return", by=by, reason=reason)


def initiative_forward(
    *,
    initiative: Initiative,
    by: User,
    note: str = "",
    council_id: int | None = None,
    as_of: datetime.date | None = None,
) -> Initiative:
    """The unit clerk forwards a submitted dossier to an open council above it (see
    `_forward_apply`: the nearest, or the one the clerk picked)."""
    return transition_run(
        initiative=initiative,
        name="forward",
        by=by,
        reason=note,
        council_id=council_id,
        as_of=as_of,
    )


def initiative_withdraw(*, initiative: Initiative, by: User, reason: str = "") -> Initiative:
    """The author withdraws an initiative that no council has taken up yet."""
    return transition_run(initiative=initiative, name="withdraw", by=by, reason=reason)


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


@transaction.atomic
def initiative_not_duplicate(
    *, initiative: Initiative, other: Initiative, by: User
) -> NotDuplicate:
    """A council member finds that `initiative` is not the same as `other`, which the novelty
    check flags as alike (`initiatives.mark_not_duplicate`): the pair is flagged no more.
    Finding it again keeps the first record."""
    require(by, "initiatives.mark_not_duplicate", initiative)
    if other.pk == initiative.pk:
        raise ValidationError({"other": _("An initiative cannot be compared with itself.")})
    found, created = NotDuplicate.objects.get_or_create(
        initiative=initiative, other=other, defaults={"created_by": by}
    )
    if created:
        audit_record(
            actor=by,
            action="initiative.not_duplicate",
            target=initiative,
            data={"other": str(other.public_id), "title": other.title},
        )
    return found


# --- one person, many author rows -------------------------------------------------------------


@transaction.atomic
def author_claim_create(*, author: InitiativeAuthor, by: User) -> AuthorClaim:
    """`by` asks to be linked to the author row `author`, which names them and has no account
    (`initiatives.claim_author`); the filer and the clerks over the dossier's unit are told."""
    require(
        by,
        "initiatives.claim_author",
        author,
        message=_(
            "You can ask only for an author row that carries your full name, has no account "
            "yet and is of a dossier already submitted that you did not file."
        ),
    )
    if AuthorClaim.objects.filter(author=author, user=by, state=AuthorClaim.State.PENDING):
        raise ValidationError(_("You have already asked for this row: wait for the answer."))
    claim = AuthorClaim.objects.create(author=author, user=by)
    initiative = author.initiative
    audit_record(
        actor=by,
        action="author.claim",
        target=initiative,
        data={"claim": claim.pk, "author": author.pk, "name": author.full_name},
    )
    notify(
        recipients=[
            initiative.created_by,
            *people_with_role_over(roles={Role.CLERK}, unit=initiative.unit),
        ],
        message=_("%(person)s asks to be linked to the author “%(name)s” of “%(title)s”.")
        % {"person": by.display_name, "name": author.full_name, "title": initiative.title},
        url=reverse("initiatives:author_claims", args=[initiative.public_id]),
    )
    return claim


@transaction.atomic
def author_claim_decide(
    *, claim: AuthorClaim, accept: bool, by: User, reason: str = ""
) -> AuthorClaim:
    """The filer or a clerk over the dossier's unit confirms (the row is linked to the
    person's account: the dossier, its certificates and honours become theirs to see, and
    they count as conflicted for the councils that score it) or refuses a request; the person
    is told. Other requests for the same row are refused once it is linked."""
    claim = (
        AuthorClaim.objects.select_for_update().select_related("author", "user").get(pk=claim.pk)
    )
    author = InitiativeAuthor.objects.select_for_update().get(pk=claim.author_id)
    initiative = Initiative.objects.select_related("unit").get(pk=author.initiative_id)
    require(by, "initiatives.answer_author_claim", initiative)
    if claim.state != AuthorClaim.State.PENDING:
        raise ValidationError(_("This request has already been answered."))
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why the request is refused.")})
    if accept:
        if author.user_id is not None:
            raise ValidationError(_("This author row is already linked to an account."))
        if initiative.authors.filter(user=claim.user).exists():
            raise ValidationError(_("This person is already linked to another author row."))
        InitiativeAuthor.objects.filter(pk=author.pk).update(user=claim.user)
    now = timezone.now()
    state = AuthorClaim.State.ACCEPTED if accept else AuthorClaim.State.REFUSED
    AuthorClaim.objects.filter(pk=claim.pk).update(
        state=state, decided_by=by, decided_at=now, reason=reason
    )
    claim.state, claim.decided_by, claim.decided_at, claim.reason = state, by, now, reason
    audit_record(
        actor=by,
        action="author.claim_accept" if accept else "author.claim_refuse",
        target=initiative,
        reason=reason,
        data={"claim": claim.pk, "author": author.pk, "user": claim.user_id},
    )
    if accept:
        AuthorClaim.objects.filter(author=author, state=AuthorClaim.State.PENDING).update(
            state=AuthorClaim.State.REFUSED,
            decided_by=by,
            decided_at=now,
            reason=_("Another person was linked to this row."),
        )
        message = _("You are now linked to the author “%(name)s” of “%(title)s”.")
    else:
        message = _(
            "Your request to be linked to the author “%(name)s” of “%(title)s” was refused."
        )
    notify(
        recipients=[claim.user],
        message=message % {"name": author.full_name, "title": initiative.title}
        + (f"\n{reason}" if reason else ""),
        url=reverse("initiatives:author_rows"),
    )
    return claim
