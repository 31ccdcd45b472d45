"""Writes of needs: post, change, close or reopen, and answer with an initiative. Each checks
the rule, saves, and appends one audit event in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.accounts.scope import has_role_over
from sangtao.core.services import audit_record, notify, require
from sangtao.initiatives.models import Initiative

from .models import Challenge, ChallengeAnswer
from .rules import POSTING_ROLES

FIELDS = ("title", "description", "field", "unit", "organisation", "deadline")


def _check_poster(*, by: User, data: dict) -> None:
    unit = data.get("unit")
    if unit is not None and not has_role_over(by, POSTING_ROLES, unit):
        raise ValidationError({"unit": _("You cannot post needs for this unit.")})
    if unit is None and not (data.get("organisation") or "").strip():
        raise ValidationError({"organisation": _("Name the unit or the organisation.")})


@transaction.atomic
def challenge_create(*, by: User, data: dict) -> Challenge:
    """Post a need, open to answers."""
    require(by, "challenges.add_challenge")
    _check_poster(by=by, data=data)
    challenge = Challenge(created_by=by, **{k: data.get(k) for k in FIELDS if k in data})
    challenge.organisation = challenge.organisation or ""
    challenge.save()
    audit_record(actor=by, action="challenge.create", target=challenge, to_state=challenge.status)
    return challenge


@transaction.atomic
def challenge_update(*, challenge: Challenge, by: User, data: dict) -> Challenge:
    """Change a need's text; only the fields that change are written (the row locked), so a
    close or reopen that happened meanwhile stays."""
    require(by, "challenges.change_challenge", challenge)
    locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if "unit" in data and data["unit"] != locked.unit:
        _check_poster(by=by, data=data)
    if "organisation" in data:
        data = {**data, "organisation": data["organisation"] or ""}
    changed = sorted(k for k in FIELDS if k in data and getattr(locked, k) != data[k])
    for key in changed:
        setattr(locked, key, data[key])
    locked.save(update_fields=[*changed, "updated_at"])
    for key in [*changed, "status", "updated_at"]:
        setattr(challenge, key, getattr(locked, key))
    audit_record(actor=by, action="challenge.update", target=challenge, data={"fields": changed})
    return challenge


@transaction.atomic
def challenge_set_status(*, challenge: Challenge, by: User, status: str) -> Challenge:
    """Close a need (no more answers) or open it again."""
    require(by, "challenges.change_challenge", challenge)
    if status not in Challenge.Status.values:
        raise ValidationError(_("Unknown status."))
    locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
    previous = locked.status
    challenge.status = previous
    if previous != status:
        challenge.status = status
        challenge.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=by,
            action="challenge.close" if status == Challenge.Status.CLOSED else "challenge.reopen",
            target=challenge,
            from_state=previous,
            to_state=status,
        )
    return challenge


@transaction.atomic
def challenge_answer(*, challenge: Challenge, initiative: Initiative, by: User) -> ChallengeAnswer:
    """Put one's own initiative forward as an answer to an open need; the poster is told."""
    require(by, "challenges.answer_challenge", challenge)
    if initiative.created_by_id != by.pk:
        raise PermissionDenied(_("You are not allowed to do this."))
    if ChallengeAnswer.objects.filter(challenge=challenge, initiative=initiative).exists():
        raise ValidationError(_("This initiative already answers this need."))
    answer = ChallengeAnswer.objects.create(
        challenge=challenge, initiative=initiative, created_by=by
    )
    audit_record(
        actor=by,
        action="challenge.answer",
        target=challenge,
        data={"initiative": initiative.pk},
    )
    from django.urls import reverse

    notify(
        recipients=[challenge.created_by],
        message=_("A new answer to your need “%(title)s”: %(initiative)s")
        % {"title": challenge.title, "initiative": initiative.title},
        url=reverse("challenges:detail", kwargs={"public_id": challenge.public_id}),
    )
    return answer


@transaction.atomic
def challenge_answer_with_new_dossier(*, challenge: Challenge, by: User) -> Initiative:
    """Start a draft dossier named after the need, already linked to it."""
    from sangtao.initiatives.services import initiative_create

    require(by, "challenges.answer_challenge", challenge)
    unit = by.unit
    if unit is None:  # a registered member of the public: the committee they chose
        membership = by.memberships.select_related("unit").order_by("id").first()
        unit = membership.unit if membership else None
    if unit is None:
        raise ValidationError(_("Your account has no unit to file initiatives with."))
    initiative = initiative_create(
        by=by,
        data={
            "title": challenge.title[:500],
            "summary": _("In answer to the need “%(title)s” posted by %(poster)s.")
            % {"title": challenge.title, "poster": challenge.poster_name},
            "field": challenge.field,
            "unit": unit,
        },
        authors=[{"full_name": by.display_name, "share": 100, "user": by}],
    )
    challenge_answer(challenge=challenge, initiative=initiative, by=by)
    return initiative
