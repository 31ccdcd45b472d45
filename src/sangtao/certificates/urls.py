from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("", views.registry, name="registry"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pdf/", views.download, name="download"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("units/<int:unit_pk>/settings/", views.unit_settings, name="settings"),
    path("councils/<int:pk>/issue/", views.council_issue, name="council_issue"),
    path("councils/<int:pk>/batch.<str:extension>", views.council_batch, name="council_batch"),
    path("rounds/batch.<str:extension>", views.round_batch, name="round_batch"),
    path("verify/", views.verify_form, name="verify_form"),
    path("v/<str:token>/", views.verify, name="verify"),
]
