"""Users and their role memberships, each a role scoped to a unit and its subtree."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref, unique
from sangtao.orgs.text import fold


class Role(models.TextChoices):
    """What a person may do within the subtree of the unit a membership names."""

    AUTHOR = "author", _("Author")
    CLERK = "clerk", _("Unit clerk")
    OFFICER = "officer", _("Movement officer")
    SECRETARY = "secretary", _("Council secretary")
    COUNCIL_MEMBER = "council_member", _("Council member")
    LEADER = "leader", _("Leader")
    ADMIN = "admin", _("Administrator")


def user_search_key(user) -> str:
    """ "nguyen thi lan lan.nguyen lan.nguyen@example.vn 0912345678": what a person is found by
    (any part of it, typed with or without diacritics)."""
    digits = "".join(char for char in user.phone if char.isdigit())
    parts = [fold(user.full_name or ""), fold(user.username or ""), fold(user.email or ""), digits]
    return " ".join(part for part in parts if part)[:400]


class User(AbstractUser):
    """A person who signs in: author, clerk, officer, council member, leader or admin."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    unit = ref(
        "orgs.OrgUnit",
        _("unit"),
        related_name="people",
        on_delete=models.SET_NULL,
        optional=True,
        help_text=_("The unit the person works in."),
    )
    search_key = models.CharField(
        _("search key"),
        max_length=400,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Name, user name, e-mail and phone without diacritics (see people_search)."),
    )
    email_digest = models.BooleanField(
        _("one e-mail a day"),
        default=False,
        help_text=_("The day's notifications in one e-mail each night, instead of one each."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # The folded key follows the name, e-mail and phone however the row is saved (services,
        # the admin site, create_user), so the people search never misses a renamed person.
        self.search_key = user_search_key(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_key" not in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class RoleMembership(models.Model):
    """A role a user holds over one unit and everything below it."""

    user = ref(User, _("user"), related_name="memberships", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = ref("orgs.OrgUnit", _("unit"), related_name="memberships")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [unique("user", "role", "unit", name="rolemembership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class Registration(models.Model):
    """How a member of the public registered: where they live, the Front committee they chose
    to submit to, and when they confirmed their e-mail address (until then the account is
    inactive: it cannot sign in)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="registration", verbose_name=_("user")
    )
    country = models.CharField(_("country"), max_length=100)
    place = models.CharField(_("place of residence"), max_length=255)
    committee = ref(
        "orgs.OrgUnit",
        _("Front committee"),
        help_text=_("The committee the person submits initiatives to."),
    )
    address_hash = models.CharField(_("address fingerprint"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("public registration")
        verbose_name_plural = _("public registrations")

    def __str__(self) -> str:
        return f"{self.user} · {self.committee}"
