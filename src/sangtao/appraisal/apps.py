from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "sangtao.appraisal"
    verbose_name = _("Appraisal councils")

    def ready(self) -> None:
        # Dossiers are forwarded to open councils: initiatives asks this app which, without
        # importing it.
        from sangtao.initiatives.services import forward_targets_register

        from .selectors import open_councils_above

        forward_targets_register(open_councils_above)
