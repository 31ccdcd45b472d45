"""manage.py generate_data: a synthetic movement at the size a benchmark needs.

    manage.py generate_data --initiatives 1000000 --units 20000 --years 10 --seed 1

See sangtao.demo.synthetic for what is generated and how.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangtao.accounts.models import RoleMembership, User
from sangtao.appraisal.models import (
    Assignment,
    Council,
    CouncilMember,
    Decision,
    Nomination,
    Recognition,
    Score,
)
from sangtao.demo import synthetic
from sangtao.initiatives.models import Initiative, InitiativeAuthor
from sangtao.initiatives.states import State
from sangtao.movements.models import Movement, Round
from sangtao.orgs.models import OrgUnit

# What the generator's counts and steps are called on screen: mostly the models' own names.
LABELS = {
    "units": OrgUnit._meta.verbose_name_plural,
    "users": User._meta.verbose_name_plural,
    "role_memberships": RoleMembership._meta.verbose_name_plural,
    "movements": Movement._meta.verbose_name_plural,
    "rounds": Round._meta.verbose_name_plural,
    "initiatives": Initiative._meta.verbose_name_plural,
    "authors": InitiativeAuthor._meta.verbose_name_plural,
    "campaign_links": gettext_lazy("campaign tags"),
    "councils": Council._meta.verbose_name_plural,
    "council_members": CouncilMember._meta.verbose_name_plural,
    "decisions": Decision._meta.verbose_name_plural,
    "recognitions": Recognition._meta.verbose_name_plural,
    "nominations": Nomination._meta.verbose_name_plural,
    "sheets": Assignment._meta.verbose_name_plural,
    "scores": Score._meta.verbose_name_plural,
    "writing": gettext_lazy("of which writing"),
    "commit": gettext_lazy("commit"),
    "total": gettext_lazy("in all"),
    "analyze": gettext_lazy("planner statistics"),
}


def _label(key: str) -> str:
    return str(LABELS.get(key, key))


def _number(value: float, decimals: int = 0) -> str:
    """12345.6 -> "12.346" (with the active language's separators)."""
    return formats.number_format(value, decimal_pos=decimals, force_grouping=True)


class Command(BaseCommand):
    help = (
        "Generate a realistic synthetic dataset in Vietnamese for benchmarks: a national "
        "organisation tree, movements with yearly rounds, initiatives with their authors, and the "
        "councils' decisions and recognitions. The same seed gives the same data. Refuses a "
        "database that already holds initiatives unless --append."
    )

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=10_000, help="default 10,000")
        parser.add_argument("--units", type=int, default=2_000, help="default 2,000")
        parser.add_argument("--years", type=int, default=3, help="rounds, one a year; default 3")
        parser.add_argument("--seed", type=int, default=1, help="default 1")
        parser.add_argument(
            "--batch", type=int, default=20_000, help="rows written at a time; default 20,000"
        )
        parser.add_argument(
            "--last-year", type=int, default=None, help="the latest round's year; default this year"
        )
        parser.add_argument(
            "--sheets",
            action="store_true",
            help="also three submitted score sheets for every recognised initiative",
        )
        parser.add_argument(
            "--append", action="store_true", help="add to a database that holds initiatives"
        )

    def handle(self, *args, **options):
        def progress(step: str, done: int, total: int, seconds: float) -> None:
            self.stdout.write(
                _("%(step)s: %(done)s / %(total)s rows, %(rate)s rows/s")
                % {
                    "step": _label(step),
                    "done": _number(done),
                    "total": _number(total),
                    "rate": _number(done / seconds if seconds > 0 else 0),
                }
            )

        try:
            result = synthetic.generate(
                initiatives=options["initiatives"],
                units=options["units"],
                years=options["years"],
                seed=options["seed"],
                sheets=options["sheets"],
                append=options["append"],
                batch=options["batch"],
                last_year=options["last_year"],
                progress=progress if options["verbosity"] > 0 else None,
            )
        except synthetic.GenerationRefused as error:
            raise CommandError(str(error)) from error
        seconds = result.pop("seconds")
        states = result.pop("states")
        self.stdout.write(
            ", ".join(f"{_label(key)}: {_number(count)}" for key, count in result.items())
        )
        self.stdout.write(
            ", ".join(f"{State(state).label}: {_number(states[state])}" for state in sorted(states))
        )
        timings = (f"{_label(key)} {_number(value, 1)} s" for key, value in seconds.items())
        self.stdout.write(", ".join(timings))
        rate = result["initiatives"] / seconds["total"] if seconds["total"] else 0
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Generated %(initiatives)s initiatives in %(seconds)s s "
                    "(%(rate)s initiatives/s) on %(vendor)s."
                )
                % {
                    "initiatives": _number(result["initiatives"]),
                    "seconds": _number(seconds["total"], 1),
                    "rate": _number(rate),
                    "vendor": connection.vendor,
                }
            )
        )
