"""manage.py search_rebuild: write the search and novelty index again from the initiatives.

    manage.py search_rebuild [--batch 20000]

Run it after `generate_data` (which writes initiatives in bulk, without the services) or after
moving units; the services keep the index in step otherwise. It also refreshes the term counts
the novelty check reads (run it nightly for those).
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from sangtao.initiatives.search import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search and novelty index of every initiative, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=20_000, help="default 20,000")

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            if options["verbosity"] > 0:
                self.stdout.write(
                    _("Indexed %(done)s / %(total)s initiatives")
                    % {
                        "done": formats.number_format(done, force_grouping=True),
                        "total": formats.number_format(total, force_grouping=True),
                    }
                )

        with transaction.atomic():
            count = search_index_rebuild(batch=options["batch"], progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                _("Indexed %(count)s initiatives in %(seconds)s s.")
                % {
                    "count": formats.number_format(count, force_grouping=True),
                    "seconds": formats.number_format(time.monotonic() - started, decimal_pos=1),
                }
            )
        )
