from django.urls import path

from sangtao.registers import register_urls
from sangtao.registers.files import file_urls

from . import views
from .registers import EVENT_FILES, EVENTS, INSPECTIONS, PLANS

app_name = "activities"

_plans = register_urls(PLANS)
# The list of plans shows the units that still owe one (views.PlanListView).
_plans[0] = path("plans/", views.PlanListView.as_view(register=PLANS), name="plans")

urlpatterns = [
    *_plans,
    *register_urls(EVENTS),
    *file_urls(EVENT_FILES),
    *register_urls(INSPECTIONS),
    path("inspections/<int:pk>/answer/", views.inspection_answer, name="inspection_answer"),
]
