from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sangtao.core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .collation import sqlite_collation

        connection_created.connect(sqlite_collation, dispatch_uid="sangtao_vi_collation")
