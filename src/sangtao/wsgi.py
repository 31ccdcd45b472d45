"""WSGI entry point, for gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
application = get_wsgi_application()

# What start-up built (modules, models' metadata, URL patterns: about 100,000 objects) lives as
# long as the worker: frozen, the garbage collector's full passes no longer walk it. They cost
# about 90 ms otherwise, one request in 15 to 30 on the council's pages (docs/performance.md).
gc.collect()
gc.freeze()
