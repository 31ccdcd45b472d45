"""Signing in safely. The names are Django's own (`password_reset`, ...), without a namespace,
because Django's password views find each other by them."""

from django.urls import include, path

from . import views, views_account, views_people

# Asking for a new password by e-mail, and setting it from the link sent.
PASSWORD_RESET_PAGES = [
    path("", views.PasswordResetView.as_view(), name="password_reset"),
    path("sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("complete/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

# One person's page and what an administrator does there.
PERSON_PAGES = [
    path("", views_people.person_detail, name="people_detail"),
    path("roles/", views_people.role_grant, name="people_role_grant"),
    path("roles/<int:membership_pk>/revoke/", views_people.role_revoke, name="people_role_revoke"),
    path("deactivate/", views_people.person_deactivate, name="people_deactivate"),
]

urlpatterns = [
    path("me/", views_account.account, name="account"),
    path("register/", views.register, name="register"),
    path("register/sent/", views.register_sent, name="register_sent"),
    path("register/confirm/<str:token>/", views.register_confirm, name="register_confirm"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/backup-codes/", views.two_factor_backup_codes, name="two_factor_backup_codes"),
    path("password/reset/", include(PASSWORD_RESET_PAGES)),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("people/", views_people.people, name="people"),
    path("people/invite/", views_people.person_invite, name="people_invite"),
    path("people/pick/", views_people.people_pick, name="people_pick"),
    path("people/<int:pk>/", include(PERSON_PAGES)),
]
