"""The project's URLs: one include per app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sangtao.accounts import views as account_views
from sangtao.core import views as core_views
from sangtao.core import views_audit
from sangtao.portal import views as portal_views

admin.site.site_header = "Sáng tạo"
admin.site.site_title = "Sáng tạo"

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("help/", portal_views.help_page, name="help"),
    path("notifications/", core_views.notification_list, name="notifications"),
    path("notifications/read/", core_views.notification_read, name="notification_read"),
    path("accounts/login/", account_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("sangtao.accounts.urls")),
    path("audit/<str:model>/<str:object_id>/", views_audit.audit_trail, name="audit_trail"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("units/", include("sangtao.orgs.urls")),
    path("movements/", include("sangtao.movements.urls")),
    path("initiatives/", include("sangtao.initiatives.urls")),
    path("councils/", include("sangtao.appraisal.urls")),
    path("jobs/", include("sangtao.jobs.urls")),
    path("certificates/", include("sangtao.certificates.urls")),
    path("honours/", include("sangtao.honours.urls")),
    path("ideas/", include("sangtao.portal.urls")),
    path("challenges/", include("sangtao.challenges.urls")),
    path("api/", include("sangtao.api.urls")),
    path("dashboard/", include("sangtao.dashboard.urls")),
    path("reports/", include("sangtao.reports.urls")),
    path("practices/", include("sangtao.practices.urls")),
    path("activities/", include("sangtao.activities.urls")),
    path("feedback/", include("sangtao.feedback.urls")),
    path("", include("sangtao.consultations.urls")),
    path("budget/", include("sangtao.budget.urls")),
    path("", include("sangtao.registers.pickers")),
    path("admin/", admin.site.urls),
]

# Vietnamese error pages in the site's layout (sangtao.core.views_errors).
handler400 = "sangtao.core.views_errors.bad_request"
handler403 = "sangtao.core.views_errors.permission_denied"
handler404 = "sangtao.core.views_errors.page_not_found"
handler500 = "sangtao.core.views_errors.server_error"
