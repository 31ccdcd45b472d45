from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "sangtao.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Each app names the jobs it offers in its own `jobs.py` (e.g. sangtao/appraisal/jobs.py).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")

        # /healthz reports "degraded" while no worker beats (see sangtao.core.views).
        from sangtao.core.views import DEGRADING_CHECKS

        from .selectors import worker_ok

        DEGRADING_CHECKS["worker"] = worker_ok
