from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sangtao.accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        """Tell orgs which units a person administers (orgs imports no app above it)."""
        from sangtao.orgs.selectors import register_admin_scope

        from .models import Role
        from .scope import unit_scope_q

        register_admin_scope(lambda user: unit_scope_q(user, {Role.ADMIN}))
