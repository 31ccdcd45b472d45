"""Read queries of initiatives, each scoped to what the user may see."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable
from django.utils.translation import gettext as _

from sangtao.accounts.models import Role
from sangtao.accounts.scope import COUNCIL_ROLES, STAFF_ROLES, scope_q, units_covered_q
from sangtao.core.models import AuditEvent
from sangtao.core.selectors import count_capped
from sangtao.movements.models import Field, Round
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.text import fold

from .models import Attachment, AuthorClaim, Initiative, InitiativeAuthor, InitiativeLink
from .states import State


def _listing(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """A page's rows with their number of files: a subquery per row of the page, which the
    paginator's count leaves out (a join and GROUP BY would count the files of every row)."""
    files = (
        Attachment.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.select_related("unit", "field", "round", "created_by").annotate(
        attachment_count=Coalesce(Subquery(files, output_field=IntegerField()), 0)
    )


def _own(user) -> QuerySet[Initiative]:
    """The initiatives a person filed or is credited on: one IN over a UNION of two indexed
    selections (an OR across the authors' join would scan every initiative)."""
    filed = Initiative.objects.filter(created_by=user).order_by().values("pk")
    credited = InitiativeAuthor.objects.filter(user=user).order_by().values("initiative_id")
    return Initiative.objects.filter(pk__in=filed.union(credited))


def initiative_list_own(*, user) -> QuerySet[Initiative]:
    """The initiatives a person filed or is credited on."""
    return _listing(_own(user)).order_by("-created_at", "-id")


def initiative_list_visible(*, user) -> QuerySet[Initiative]:
    """Everything a user may see: their own, plus non-drafts in the subtrees they cover."""
    staff = scope_q(user, STAFF_ROLES)
    council = scope_q(user, COUNCIL_ROLES | STAFF_ROLES, field="appraisal_unit")
    return Initiative.objects.filter(
        Q(created_by=user) | (~Q(state=State.DRAFT) & (staff | council))
    )


def mark_authors_shown(rows, *, user) -> list:
    """Set each initiative's `sees_authors`: whether `user` may know who wrote it and from
    which unit (`initiatives.view_authors`, false for who appraises it in a blind council),
    asked per row over what the permission loads once per request (no query per row)."""
    rows = list(rows)
    for initiative in rows:
        initiative.sees_authors = user.has_perm("initiatives.view_authors", initiative)
    return rows


# The states a unit's queue lists: everything but drafts, which are their filer's alone.
QUEUE_STATES = [state for state in State if state != State.DRAFT]


# --- the officers' lists (initiatives/registers.py) -----------------------------------------

# Who acts on a dossier at its unit (forwards it or returns it: rules.py), and the states in
# which a dossier waits for them.
ACTING_ROLES = frozenset({Role.CLERK, Role.OFFICER, Role.ADMIN})
ACTION_STATES = (State.SUBMITTED,)


def _authors_marked(queryset: QuerySet[Initiative], user) -> QuerySet[Initiative]:
    """`queryset`, whose rows get `sees_authors` (see mark_authors_shown) as they are read:
    by a page, and by the export's background job, which reads them as the person who asked."""

    class Marked(ModelIterable):
        def __iter__(self):
            for row in super().__iter__():
                row.sees_authors = user.has_perm("initiatives.view_authors", row)
                yield row

    queryset._iterable_class = Marked  # kept by every clone: filters, order, slices
    return queryset


def dossiers_waiting(*, user, parent=None) -> QuerySet[Initiative]:
    """What waits for `user`'s own action ("Hồ sơ chờ xử lý"): the dossiers in the subtrees
    where they may forward or return one (ACTING_ROLES), in a state that waits for that
    (ACTION_STATES); waiting longest first."""
    rows = Initiative.objects.filter(scope_q(user, ACTING_ROLES), state__in=ACTION_STATES)
    return _authors_marked(_listing(rows), user).order_by("state", "state_since", "id")


def dossiers_seen(*, user, parent=None) -> QuerySet[Initiative]:
    """Every dossier past its draft in the subtrees `user` serves as staff ("Tất cả hồ sơ");
    newest first."""
    rows = Initiative.objects.filter(scope_q(user, STAFF_ROLES)).exclude(state=State.DRAFT)
    return _authors_marked(_listing(rows), user).order_by("-created_at", "-id")


def units_acted_on(*, user) -> QuerySet:
    """The units whose dossiers wait for `user` (the unit picker of their queue)."""
    return OrgUnit.objects.filter(units_covered_q(user, ACTING_ROLES))


def units_served(*, user) -> QuerySet:
    """The units whose dossiers `user` sees as staff (the unit picker of all dossiers)."""
    return OrgUnit.objects.filter(units_covered_q(user, STAFF_ROLES))


def rounds_offered() -> list[tuple[int, str]]:
    """(id, "round — movement") of every round, the newest year first: a short list."""
    rounds = Round.objects.select_related("movement").order_by("-year", "movement__name", "id")
    return [(item.pk, f"{item.name} — {item.movement.name}") for item in rounds]


def fields_offered() -> list[tuple[int, str]]:
    """(id, "field — movement") of every movement's fields: a short list."""
    fields = Field.objects.select_related("movement").order_by("movement__name", "order", "id")
    return [(item.pk, f"{item.name} — {item.movement.name}") for item in fields]


def initiative_unit_queue(*, user, state: str = State.SUBMITTED) -> QuerySet[Initiative]:
    """Initiatives in a clerk's subtree in `state` (submitted by default); a draft, or a state
    that does not exist, lists nothing (a draft is seen by its filer only)."""
    if state not in QUEUE_STATES:
        return _listing(Initiative.objects.none())
    return _listing(Initiative.objects.filter(scope_q(user, STAFF_ROLES), state=state)).order_by(
        "submitted_at", "id"
    )


# The events of a dossier's trail, by what they tell and so by who may read them.
DOSSIER_STEPS = frozenset(
    {
        "initiative.create",
        "initiative.update",
        "initiative.submit",
        "initiative.return",
        "initiative.forward",
        "initiative.withdraw",
        "attachment.add",
        "attachment.remove",
    }
)
COUNCIL_OUTCOMES = frozenset(
    {
        "initiative.recognise",
        "initiative.reject",
        "initiative.council_return",
        "initiative.nominate",
        "initiative.link",
    }
)

# The council's steps in the trail (score sheets, decisions, assignments, its discussion,
# conflicts of interest) are read by the app that keeps them, which registers from its
# AppConfig.ready() (this app imports none above it):
# - a reader, `reader(*, initiative, viewer, events)`, built once per history, returning
#   `how(event)`: "whole", "anonymous" (a score sheet reached the council: not who nor what),
#   "hidden", or None for a step that is not its own;
# - the words for the codes its events carry in their data (`{"outcome": {"recognised": …}}`).
TRAIL_READERS: list[Callable] = []
TRAIL_LABELS: dict[str, dict] = {}


def register_trail_reader(reader: Callable, *, labels: dict[str, dict] | None = None) -> None:
    """Let `reader` say how a viewer sees the trail's steps it knows (see TRAIL_READERS)."""
    if reader not in TRAIL_READERS:
        TRAIL_READERS.append(reader)
    TRAIL_LABELS.update(labels or {})


def _shown(event, *, viewer, sees_authors: bool, readers) -> str:
    """How `viewer` sees `event`: "whole", "anonymous", "unnamed" (the step, without who took
    it, their reason or their file's name: for a blind council) or "hidden"."""
    if event.action in DOSSIER_STEPS:
        return "whole" if sees_authors else "unnamed"
    if event.action in COUNCIL_OUTCOMES:
        return "whole"
    for how in readers:
        shown = how(event)
        if shown is not None:
            return shown
    return "unnamed"  # a step no reader knows yet: its sentence alone


def _details(events, *, blind_files: bool) -> None:
    """Each shown event's `details`: its data in words (people's names, criteria, totals)."""
    from sangtao.accounts.models import User
    from sangtao.movements.models import Criterion

    people, criteria = set(), set()
    for event in events:
        for key in ("member", "user"):
            if isinstance(event.data.get(key), int):
                people.add(event.data[key])
        criteria.update(int(pk) for pk in (event.data.get("scores") or {}))
    names = {user.pk: user.display_name for user in User.objects.filter(pk__in=people)}
    criterion_names = dict(Criterion.objects.filter(pk__in=criteria).values_list("pk", "name"))
    for event in events:
        data, lines = event.data, []
        if data.get("file") and not blind_files:
            lines.append(_("File: %(name)s") % {"name": data["file"]})
        for key in ("member", "user"):
            if data.get(key) in names:
                lines.append(_("Person: %(name)s") % {"name": names[data[key]]})
        for key, labels in TRAIL_LABELS.items():
            if data.get(key) in labels:
                lines.append(str(labels[data[key]]))
        for pk, value in (data.get("scores") or {}).items():
            name = criterion_names.get(int(pk), "")
            lines.append(f"{name}: {value if value is not None else '—'}")
        if data.get("total") is not None:
            lines.append(_("Weighted total: %(total)s") % {"total": data["total"]})
        event.details = lines


def initiative_history(*, initiative: Initiative, viewer) -> list[AuditEvent]:
    """The dossier's audit trail as `viewer` may read it, oldest first, each event with its
    `sentence` (never its code), `from_label`/`to_label`, `details` and, when who took the
    step is not theirs to know, `actor_hidden` (the words shown instead of a name).

    Nobody reads here more than the pages show them:

    - the steps of the dossier (drafted, edited, submitted, returned, forwarded, files) with
      who took them, their reasons and file names, except for those who appraise it in a
      blind council (`initiatives.view_authors`): the step alone;
    - the council's outcomes (recognised, not, returned by the council, proposed upward,
      linked) to all; the decision's record to whoever reads the council's results;
    - a submitted or imported score sheet, with its member, scores and total, to its member
      and to whoever may read the others' sheets (`appraisal.view_sheets`); everyone else
      (the authors, the clerks, a member whose own sheet is not in) reads only that the
      council received a sheet; drafts of sheets to their member alone;
    - who was asked to appraise it to that person and to those who see the council's queue
      or its sheets; the discussion to those who see the sheets;
    - conflicts of interest, with their reasons, to the council's chair and secretary (and
      whoever declared them).
    """
    from sangtao.core.audit import action_sentence

    events = list(
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Initiative),
            target_id=str(initiative.pk),
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    sees_authors = viewer.has_perm("initiatives.view_authors", initiative)
    readers = [
        reader(initiative=initiative, viewer=viewer, events=events) for reader in TRAIL_READERS
    ]
    labels = dict(State.choices)
    shown = []
    for event in events:
        how = _shown(event, viewer=viewer, sees_authors=sees_authors, readers=readers)
        if how == "hidden":
            continue
        event.actor_hidden = ""
        if how == "anonymous":
            event.sentence = str(_("The council received a score sheet."))
            event.actor_hidden = str(_("a council member"))
            event.reason, event.data = "", {}
        else:
            event.sentence = action_sentence(event.action)
        if how == "unnamed":
            event.actor_hidden = str(_("not shown (blind appraisal)"))
            event.reason, event.data = "", {}
        event.from_label = labels.get(event.from_state, "")
        event.to_label = labels.get(event.to_state, "")
        shown.append(event)
    _details(shown, blind_files=not sees_authors)
    return shown


def initiative_trail(*, target: Initiative, viewer) -> list[AuditEvent]:
    """The same events, newest first: the audit trail page (core.audit.AUDITED)."""
    return initiative_history(initiative=target, viewer=viewer)[::-1]


def home_summary(*, user) -> dict:
    """What a signed-in person sees first: their initiatives by state and what awaits them."""
    from sangtao.core.models import Notification

    mine = _own(user).order_by().values("state").annotate(total=Count("id"))
    by_state = {row["state"]: row["total"] for row in mine}
    queue_count, queue_capped = (
        count_capped(dossiers_waiting(user=user))
        if scope_q(user, ACTING_ROLES) != Q(pk__in=[])
        else (0, False)
    )
    return {
        "my_counts": [(state, by_state.get(state.value, 0)) for state in State],
        "my_total": sum(by_state.values()),
        "queue_count": queue_count,
        "queue_capped": queue_capped,
        "latest_notifications": Notification.objects.filter(recipient=user).order_by(
            "-created_at", "-id"
        )[:5],
    }


def initiative_links(*, initiative: Initiative, user) -> list[InitiativeLink]:
    """The council's duplicate / builds-on links from and to `initiative`, newest first; the
    other initiative's title only when the user may see it (`other_visible`)."""
    links = list(
        InitiativeLink.objects.filter(Q(initiative=initiative) | Q(other=initiative))
        .select_related("initiative__unit", "other__unit", "created_by", "other__search_entry")
        .select_related("initiative__search_entry")
        .order_by("-created_at", "-id")
    )
    for link in links:
        link.outgoing = link.initiative_id == initiative.pk
        link.counterpart = link.other if link.outgoing else link.initiative
        entry = getattr(link.counterpart, "search_entry", None)
        link.other_visible = bool(entry and entry.is_public) or user.has_perm(
            "initiatives.view_initiative", link.counterpart
        )
    return links


def not_duplicates(*, initiative: Initiative) -> dict:
    """The council's "not the same" findings for `initiative` (NotDuplicate), by the other
    initiative's id."""
    from .models import NotDuplicate

    found = NotDuplicate.objects.filter(initiative=initiative).select_related("created_by")
    return {item.other_id: item for item in found}


# --- what the pages load by the numbers in their URLs -----------------------------------------


def initiatives_for_pages() -> QuerySet[Initiative]:
    """Initiatives with what their pages show; the pages then check who may see it."""
    return Initiative.objects.select_related(
        "unit", "field", "round", "created_by", "appraisal_unit"
    )


def initiative_author_rows(*, initiative: Initiative) -> list[InitiativeAuthor]:
    """The initiative's author rows with their linked accounts."""
    return list(initiative.authors.select_related("user"))


def initiative_attachments(*, initiative: Initiative) -> QuerySet[Attachment]:
    return initiative.attachments.all()


def initiative_dossier(*, initiative: Initiative, sees_authors: bool) -> dict:
    """The dossier page's authors (none for who may not see them), files and campaigns."""
    return {
        "authors": initiative.authors.all() if sees_authors else [],
        "attachments": initiative.attachments.all(),
        "campaigns": initiative.campaigns.all(),
    }


def initiative_by_public_id(*, public_id) -> Initiative | None:
    """The initiative of that public id, or None (a malformed id raises ValidationError)."""
    return Initiative.objects.filter(public_id=public_id).first()


def is_public(*, initiative: Initiative) -> bool:
    """Whether the initiative's record is public (in the search index as such)."""
    from .models import SearchEntry

    return SearchEntry.objects.filter(initiative=initiative, is_public=True).exists()


# --- one person, many author rows -------------------------------------------------------------

ROWS_NAMING_LIMIT = 50


def author_rows_naming(*, user) -> list[InitiativeAuthor]:
    """The author rows, without an account, of dossiers past their draft that carry the
    user's full name (with or without tones), which the user may ask to be linked to; each
    with `asked` (a request of theirs waits). At most `ROWS_NAMING_LIMIT`, newest dossier
    first; one query on the indexed folded name."""
    key = fold(user.full_name or "")[:150]
    if not key:
        return []
    linked = InitiativeAuthor.objects.filter(initiative=OuterRef("initiative"), user=user)
    asked = AuthorClaim.objects.filter(
        author=OuterRef("pk"), user=user, state=AuthorClaim.State.PENDING
    )
    return list(
        InitiativeAuthor.objects.filter(name_key=key, user__isnull=True)
        .exclude(initiative__state=State.DRAFT)
        .exclude(initiative__created_by=user)
        .exclude(Exists(linked))
        .annotate(asked=Exists(asked))
        .select_related("initiative__unit", "initiative__round")
        .order_by("-initiative__created_at", "order", "pk")[:ROWS_NAMING_LIMIT]
    )


def author_claims_mine(*, user) -> QuerySet[AuthorClaim]:
    """The user's requests to be linked, newest first."""
    return (
        AuthorClaim.objects.filter(user=user)
        .select_related("author__initiative")
        .order_by("-created_at", "-id")
    )


def author_claims_pending(*, initiative: Initiative) -> QuerySet[AuthorClaim]:
    """The requests waiting for an answer on the dossier's author rows, oldest first."""
    return (
        AuthorClaim.objects.filter(author__initiative=initiative, state=AuthorClaim.State.PENDING)
        .select_related("author", "user__unit")
        .order_by("created_at", "id")
    )


def author_row(*, pk: int) -> InitiativeAuthor | None:
    """The author row `pk` with its dossier, or None."""
    return InitiativeAuthor.objects.select_related("initiative").filter(pk=pk).first()


def author_claim(*, pk: int, initiative: Initiative) -> AuthorClaim | None:
    """The request `pk` on one of the dossier's author rows, or None."""
    return AuthorClaim.objects.filter(pk=pk, author__initiative=initiative).first()
