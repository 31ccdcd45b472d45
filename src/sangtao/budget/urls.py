from django.urls import path

from sangtao.registers import register_urls

from . import views
from .registers import CONTRIBUTIONS, LINES

app_name = "budget"

urlpatterns = [
    *register_urls(LINES),
    *register_urls(CONTRIBUTIONS),
    path("summary/", views.summary, name="summary"),
]
