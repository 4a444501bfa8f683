"""Checks on school and office codes, shared by forms, imports and the API."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

ministry_code_validator = RegexValidator(
    r"^\d{10}$", _("The ministry code must be exactly 10 digits."), code="ministry_code"
)
smis_code_validator = RegexValidator(
    r"^\d{8}$", _("The SMIS code must be exactly 8 digits."), code="smis_code"
)
obec_code_validator = RegexValidator(
    r"^\d{6}$", _("The OBEC code must be exactly 6 digits."), code="obec_code"
)
office_code_validator = RegexValidator(
    r"^\d{2,10}$", _("The office code must be 2 to 10 digits."), code="office_code"
)
postcode_validator = RegexValidator(
    r"^\d{5}$", _("The postcode must be exactly 5 digits."), code="postcode"
)

# Thailand lies between these; a point outside is a typing mistake (often latitude and longitude
# swapped).
LATITUDE_RANGE = (5.0, 21.0)
LONGITUDE_RANGE = (97.0, 106.0)
