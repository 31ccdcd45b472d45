from django.urls import path

from . import views

app_name = "honours"
urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/confirm/", views.round_confirm, name="round_confirm"),
    path("rounds/<int:pk>/decide/", views.round_decide, name="round_decide"),
    path("rounds/<int:pk>/propose/", views.round_propose, name="round_propose"),
    path("rounds/<int:pk>/add/", views.round_candidate_add, name="round_candidate_add"),
    path("rounds/<int:pk>/remove/", views.round_candidate_remove, name="round_candidate_remove"),
    path("rounds/<int:pk>/units/", views.round_unit_pick, name="round_unit_pick"),
    path("rounds/<int:pk>/take/", views.round_take, name="round_take"),
    path("rounds/<int:pk>/file/<str:extension>/", views.round_file, name="round_file"),
    path("register/", views.register, name="register"),
    path("books/new/", views.book_create, name="book_create"),
    path("books/<int:pk>/", views.book_detail, name="book"),
    path("books/<int:pk>/pick/", views.book_pick, name="book_pick"),
    path("books/<int:pk>/file/<str:extension>/", views.book_file, name="book_file"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/payments/", views.payment_create, name="payment_create"),
    path("ledger/ledger.xlsx", views.ledger_xlsx, name="ledger_xlsx"),
]
