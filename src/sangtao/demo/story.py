"""The demo: the Tây Ninh plan's story, told through the real services (`manage.py demo_data`).

The real Front committees of Tây Ninh come from `import_tay_ninh`. Above them the story adds
what the plan names (section V): the province committee's member organisations and the state
departments, a few participating units of the three districts of the plan's first talks (IV.1:
Thành phố Tây Ninh, Tân Châu, Gò Dầu), one account per role and the movement "Đoàn kết sáng
tạo", launched by the plan of 2017-2020 and continued to today (2026). Its history, in the tree
the plan knew: the province council of 2019 that scores, decides and seals two initiatives, and
the certificates and honours that follow. Then the reform of 1 July 2025 moves the units under
their successors, and the open round of 2026 happens in today's tree: open councils, dossiers
in every state, a six-month report period.

Each app tells its own part in its `demo.py`, which this module finds (no app imports this one):

- `STEPS`: a list of `(order, step)`; every app's steps run in order of their number, each
  `step(context)` receiving the shared `DemoContext` (10 the imported tree, 20 the admin,
  30 the units, 40 the people, 50 the movement, 55-65 the council of 2019 and its initiatives,
  70 the certificates, 80 the honours, 85 the reform, 86-88 the open round of 2026, 90 the
  needs, 95 the report period);
- `present()` (optional): True when the app's part of the demo is already in the database.

Every unit, account, movement and initiative goes through its service with a demo person as the
actor, so the audit trail and the notifications are the real ones. The people are invented; the
units are plausible. The shared password exists in `sangtao.accounts.demo` only: never in
settings.
"""

import importlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from sangtao.accounts.demo import DEMO_PASSWORD, ROLE_ACCOUNTS
from sangtao.movements.demo import MOVEMENT_NAME

__all__ = ["DEMO_PASSWORD", "MOVEMENT_NAME", "ROLE_ACCOUNTS", "demo_exists", "demo_load"]


@dataclass
class DemoResult:
    """What the demo added, for the command's report."""

    units: int = 0
    accounts: int = 0
    initiatives: Counter = field(default_factory=Counter)
    attachments: int = 0


@dataclass
class DemoContext:
    """What the story has made so far, handed from step to step (keys as each app's demo
    names them: units by key, people by username, rounds by year, initiatives by title)."""

    stdout: object = None
    result: DemoResult = field(default_factory=DemoResult)
    units: dict = field(default_factory=dict)
    admin: object = None
    password_hash: str = ""
    people: dict = field(default_factory=dict)
    filers: dict = field(default_factory=dict)  # unit key -> who files its initiatives
    movement: object = None
    rounds: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)  # field code -> Field
    campaigns: dict = field(default_factory=dict)  # campaign name -> Campaign
    told: dict = field(default_factory=dict)
    councils: dict = field(default_factory=dict)  # (year, unit key) -> Council


def demo_modules() -> list[ModuleType]:
    """The `demo` module of every project app that has one, in the order of INSTALLED_APPS."""
    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("sangtao.") and module_has_submodule(config.module, "demo"):
            modules.append(importlib.import_module(f"{config.name}.demo"))
    return modules


def demo_steps() -> list[Callable]:
    """Every app's steps, in order of their number (apps in INSTALLED_APPS order on a tie)."""
    steps = [step for module in demo_modules() for step in getattr(module, "STEPS", ())]
    return [step for _order, step in sorted(steps, key=lambda pair: pair[0])]


def demo_exists() -> bool:
    """True when part of the demo (its movement, one of its accounts) is already there."""
    return any(module.present() for module in demo_modules() if hasattr(module, "present"))


@transaction.atomic
def demo_load(*, stdout=None) -> DemoResult | None:
    """Import the real tree and tell the plan's story; None (and nothing done) if it is there.

    `stdout` receives the import's report.
    """
    if demo_exists():
        return None
    context = DemoContext(stdout=stdout)
    for step in demo_steps():
        step(context)
    for initiative in context.told.values():
        initiative.refresh_from_db(fields=["state"])
        context.result.initiatives[initiative.state] += 1
        context.result.attachments += initiative.attachments.count()
    return context.result
