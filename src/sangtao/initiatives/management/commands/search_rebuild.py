"""manage.py search_rebuild: write the search and novelty index again from the initiatives.

    manage.py search_rebuild [--batch 20000]
    manage.py search_rebuild --terms

Run it after `generate_data` (which writes initiatives in bulk, without the services) or after
moving units; the services keep the index in step otherwise. It also refreshes the term counts
that the novelty check and the ranking read; `--terms` refreshes those alone, without writing
the entries again (nightly: deploy/sangtao-search-terms.timer).
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from sangtao.initiatives.search import search_index_rebuild, search_terms_refresh


class Command(BaseCommand):
    help = "Rebuild the search and novelty index of every initiative, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=20_000, help="default 20,000")
        parser.add_argument(
            "--terms", action="store_true", help="only count again the initiatives of each term"
        )

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
            if options["terms"]:
                count = search_terms_refresh()
            else:
                count = search_index_rebuild(batch=options["batch"], progress=progress)
        done = (
            _("Counted the terms of %(count)s initiatives in %(seconds)s s.")
            if options["terms"]
            else _("Indexed %(count)s initiatives in %(seconds)s s.")
        )
        self.stdout.write(
            self.style.SUCCESS(
                done
                % {
                    "count": formats.number_format(count, force_grouping=True),
                    "seconds": formats.number_format(time.monotonic() - started, decimal_pos=1),
                }
            )
        )
