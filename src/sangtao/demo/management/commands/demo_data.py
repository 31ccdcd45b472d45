"""manage.py demo_data: the Tây Ninh plan's story as demo data (see sangtao.demo.story)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from sangtao.demo import story as demo
from sangtao.initiatives.states import State


class Command(BaseCommand):
    help = (
        "Load the demo data: the real Front committees of Tây Ninh, the plan's member "
        "organisations and units, one account per role and about forty initiatives. "
        "All or nothing; does nothing when the demo is already there."
    )

    def handle(self, *args, **options):
        result = demo.demo_load(stdout=self.stdout)
        if result is None:
            self.stdout.write(_("The demo data is already there: nothing was changed."))
            return
        initiatives = sum(result.initiatives.values())
        self.stdout.write(
            _(
                "Demo data loaded: %(units)s units added to the imported tree, %(accounts)s "
                "accounts, the movement “%(movement)s”, %(initiatives)s initiatives "
                "(%(states)s) with %(attachments)s attachments."
            )
            % {
                "units": result.units,
                "accounts": result.accounts,
                "movement": demo.MOVEMENT_NAME,
                "initiatives": initiatives,
                "states": ", ".join(
                    f"{label}: {result.initiatives[state]}"
                    for state, label in State.choices
                    if result.initiatives[state]
                ),
                "attachments": result.attachments,
            }
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Sign in at /accounts/login/ as %(users)s with the password %(password)s.")
                % {
                    "users": ", ".join(account.username for account in demo.ROLE_ACCOUNTS),
                    "password": demo.DEMO_PASSWORD,
                }
            )
        )
