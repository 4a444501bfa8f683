"""Django's password rules, told in the project's own words.

Django's Thai catalogue lacks the rules' help and errors of this Django version, so a Thai user
changing a password read them in English. These say the same things through the project's
catalogue; ``AUTH_PASSWORD_VALIDATORS`` names them.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Use at least %(min_length)d character.",
            "Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("This password is too much like your %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Do not use something close to your name, username or e-mail.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password is one that many people use; choose another.")

    def get_help_text(self) -> str:
        return _("Do not use a common password.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password is only digits; add letters.")

    def get_help_text(self) -> str:
        return _("Do not use digits only.")
