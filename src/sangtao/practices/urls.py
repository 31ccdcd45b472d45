from django.urls import path

from sangtao.registers import register_urls
from sangtao.registers.files import file_urls

from . import views
from .registers import APPLICATIONS, PRACTICE_FILES, PRACTICES, REPLICATIONS

app_name = "practices"

urlpatterns = [
    path("target/", views.target, name="target"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    path("public/<int:pk>/photos/<int:file>/", views.public_photo, name="public_photo"),
]
urlpatterns += register_urls(PRACTICES)
urlpatterns += register_urls(REPLICATIONS)
urlpatterns += register_urls(APPLICATIONS)
urlpatterns += file_urls(PRACTICE_FILES)
