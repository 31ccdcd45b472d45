"""Personal API tokens: a signed-in person's key to the JSON API, kept only as a hash."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import user_ref


class ApiToken(models.Model):
    """A bearer token of one user. Only its SHA-256 is stored; the token is shown once."""

    user = user_ref(_("user"), related_name="api_tokens", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("beginning"), max_length=12)
    token_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
