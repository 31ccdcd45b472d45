from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "sangtao.orgs"
    verbose_name = _("Organisation tree")

    def ready(self) -> None:
        # Each app's part of handing over a closed unit's open work (orgs.handover) lives in
        # its own handover.py, so orgs imports none of them.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("handover")
