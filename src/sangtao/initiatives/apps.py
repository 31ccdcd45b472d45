from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Initiatives and their dossiers, the search and novelty index."""

    name = "sangtao.initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from sangtao.jobs.registry import catch_up_register

        from .search import search_catch_up

        # Entries whose refresh after a save's commit never ran (the process died).
        catch_up_register("initiatives.search", search_catch_up)
