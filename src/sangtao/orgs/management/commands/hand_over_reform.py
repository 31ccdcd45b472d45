"""manage.py hand_over_reform --on 2025-07-01 [--dry-run]: hand over the open work of every
unit closed the day before to its successor (sangtao.orgs.handover), all or nothing."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from sangtao.orgs.handover import STEPS, hand_over_apply, hand_over_counts, reform_transfers

PROGRESS_EVERY = 100  # successors


class Command(BaseCommand):
    help = (
        "Hand over the open work (dossiers, open councils, pending proposals, role grants, "
        "child units) of every unit closed the day before --on to its successor. Idempotent; "
        "all or nothing. See sangtao.orgs.handover."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--on",
            required=True,
            type=datetime.date.fromisoformat,
            help="The day the reform took effect (YYYY-MM-DD), e.g. 2025-07-01.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would move, change nothing."
        )

    def handle(self, *args, on: datetime.date, dry_run: bool, **options):
        started = time.perf_counter()
        transfers, orphans = reform_transfers(on=on)
        units = sum(len(transfer.predecessors) for transfer in transfers)
        self.stdout.write(
            _("%(units)s units closed on %(day)s, taken over by %(successors)s units.")
            % {
                "units": units,
                "day": (on - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
                "successors": len(transfers),
            }
        )
        for unit in orphans:
            self.stderr.write(
                _("No open unit takes over %(unit)s: its open work stays.") % {"unit": unit.name}
            )
        total = {key: 0 for key in STEPS}
        try:
            with transaction.atomic():
                for index in range(0, len(transfers), PROGRESS_EVERY):
                    batch = transfers[index : index + PROGRESS_EVERY]
                    if dry_run:
                        counts = hand_over_counts(batch)
                    else:
                        counts = hand_over_apply(transfers=batch)
                    for key, count in counts.items():
                        total[key] += count
                    if len(transfers) > PROGRESS_EVERY:
                        self.stdout.write(
                            _("… %(done)s of %(total)s successors")
                            % {"done": index + len(batch), "total": len(transfers)}
                        )
        except Exception as error:  # said plainly, then the command fails
            message = _("Nothing was handed over: %(error)s") % {"error": error}
            raise CommandError(message) from error
        for key in sorted(total, key=lambda key: STEPS[key].order):
            self.stdout.write(STEPS[key].phrase(total[key]))
        seconds = time.perf_counter() - started
        if not any(total.values()):
            self.stdout.write(
                self.style.SUCCESS(
                    _("Nothing to hand over: every open item already sits in an open unit.")
                )
            )
        elif dry_run:
            self.stdout.write(
                self.style.WARNING(
                    _("Dry run: nothing was changed (%(seconds).1f s).") % {"seconds": seconds}
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(_("Handed over in %(seconds).1f s.") % {"seconds": seconds})
            )
