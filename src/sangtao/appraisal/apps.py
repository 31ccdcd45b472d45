from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "sangtao.appraisal"
    verbose_name = _("Appraisal councils")

    def ready(self):
        """Tell the apps below what the councils add: chairs sign in with a one-time code, a
        person's load counts their sheets to fill, the council's steps in a dossier's history
        are read here, and dossiers are forwarded to open councils (initiatives asks this app
        which, without importing it). (The initiative permissions the seats refine are set in
        rules.py.)"""
        from sangtao.accounts.selectors import register_load, register_two_factor_requirement
        from sangtao.initiatives.selectors import register_trail_reader
        from sangtao.initiatives.services import forward_targets_register

        from . import rules, selectors, trail

        register_two_factor_requirement(rules.chairs_a_council)
        register_load(selectors.sheets_to_fill)
        register_trail_reader(trail.CouncilTrail, labels=trail.LABELS)
        forward_targets_register(selectors.open_councils_above)
