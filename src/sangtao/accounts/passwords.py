"""Password rules: Django's own validators, with the length message in the wording Django's
Vietnamese catalogue translates (Django 5.2.x changed the message's placeholder; the
catalogue still has the old one, so the page said it in English)."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
