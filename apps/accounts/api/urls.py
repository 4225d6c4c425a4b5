from django.urls import path

from apps.accounts.api.views import LoginApi

urlpatterns = [
    path("login", LoginApi.as_view(), name="auth-login"),
]
