"""manage.py import_tay_ninh: the real Front committees of Tây Ninh, before and after 2025."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sangtao.orgs.importers import ImportDataError, default_data_dir, tay_ninh_import


class Command(BaseCommand):
    help = (
        "Import the Front committees of Tây Ninh (9 districts and 94 communes before 2025, "
        "96 communes from 1 July 2025, the old Long An communes) with their merges. "
        "Idempotent; all or nothing. See sangtao.orgs.importers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="The vn-admin folder (default: $SANGTAO_SHARED_DATA/vn-admin, else the data "
            "shipped in sangtao/orgs/data/vn-admin).",
        )

    def handle(self, *args, data_dir: Path | None, **options):
        data_dir = data_dir or default_data_dir()
        try:
            summary = tay_ninh_import(data_dir=data_dir)
        except ImportDataError as error:
            raise CommandError(_("Nothing was imported: %(error)s") % {"error": error}) from error
        labels = {
            "central": _("Central committee"),
            "provinces": _("Province committees"),
            "districts": _("District committees (until 30/06/2025)"),
            "communes_before": _("Commune committees of Tây Ninh (until 30/06/2025)"),
            "long_an_communes": _("Commune committees of Long An (until 30/06/2025)"),
            "communes_after": _("Commune committees (from 01/07/2025)"),
            "successions_merged": _("Full merges"),
            "successions_partial": _("Partial merges"),
        }
        self.stdout.write(_("Data: %(path)s") % {"path": data_dir})
        for group in summary.GROUPS:
            self.stdout.write(
                _("%(label)s: %(created)s created, %(existing)s already there.")
                % {
                    "label": labels[group],
                    "created": summary.created[group],
                    "existing": summary.existing[group],
                }
            )
        if summary.created_total:
            self.stdout.write(
                self.style.SUCCESS(_("%(count)s rows created.") % {"count": summary.created_total})
            )
        else:
            self.stdout.write(self.style.SUCCESS(_("Everything was already imported.")))
