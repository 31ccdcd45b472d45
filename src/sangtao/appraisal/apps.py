from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "sangtao.appraisal"
    verbose_name = _("Appraisal councils")

    def ready(self):
        """Tell the apps below what the councils add: chairs sign in with a one-time code, and
        the council's steps in a dossier's history are read here. (The initiative permissions
        the seats refine are set in rules.py.)"""
        from sangtao.accounts.selectors import register_load, register_two_factor_requirement
        from sangtao.initiatives.selectors import register_trail_reader

        from . import rules, selectors, trail

        register_two_factor_requirement(rules.chairs_a_council)
        register_load(selectors.sheets_to_fill)
        register_trail_reader(trail.CouncilTrail, labels=trail.LABELS)
