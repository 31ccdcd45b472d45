"""What the other registers know about a round's candidates: the response plan a collective
recorded for the movement, its latest inspection, the applications of the candidate's
initiatives. Honours sits below the apps that keep those registers (`activities`,
`practices`), so they register a reader here from their AppConfig.ready():

    from sangtao.honours.facts import register

    register(plans_and_inspections)   # (*, round, honours) -> {honour pk: [Fact, ...]}

Each reader runs a fixed number of queries whatever the number of candidates. The round's page
shows every fact; the decision's list says whether a collective has a plan of its own (the
register replaced the officer's tick box). A decided round keeps what was true when it was
decided: the plan in `Honour.own_plan`, written by `honours_decide`."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The codes the honours app reads itself.
OWN_PLAN = "own_plan"

Reader = Callable[..., dict[int, list["Fact"]]]
READERS: list[Reader] = []


@dataclass(frozen=True)
class Fact:
    """One thing a register knows about a candidate: `label` and `text` are shown on the
    round's page (Vietnamese, already translated)."""

    code: str
    label: str
    text: str
    warning: bool = False  # shown as needing attention (a follow-up overdue)


def register(reader: Reader) -> Reader:
    if reader not in READERS:
        READERS.append(reader)
    return reader


def attach(*, round, honours: Iterable) -> list:
    """`honours` with `.facts` (the registered readers' facts, in order) and `.has_plan` (the
    register's word on an open round; what was kept at the decision on a decided one)."""
    honours = list(honours)
    found: dict[int, list[Fact]] = {}
    for reader in READERS:
        for pk, facts in reader(round=round, honours=honours).items():
            found.setdefault(pk, []).extend(facts)
    for honour in honours:
        facts = sorted(found.get(honour.pk, []), key=lambda fact: fact.code != OWN_PLAN)
        live = any(fact.code == OWN_PLAN for fact in facts)
        honour.has_plan = honour.own_plan if round.is_decided else live
        if not honour.has_plan:  # a plan recorded after the decision is not the decision's
            facts = [fact for fact in facts if fact.code != OWN_PLAN]
        honour.facts = facts
    return honours
