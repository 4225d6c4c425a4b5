"""OpenAPI (drf-spectacular) extensions of the accounts app."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme


class ActivityJWTScheme(SimpleJWTScheme):
    """Document ``ActivityJWTAuthentication`` as the bearer JWT scheme it is."""

    target_class = "apps.accounts.authentication.ActivityJWTAuthentication"
