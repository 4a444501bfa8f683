"""Checks on school and office codes, shared by forms, imports and the API."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
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

_LATITUDE_MESSAGE = _("A latitude in Thailand lies between 5 and 21.")
_LONGITUDE_MESSAGE = _("A longitude in Thailand lies between 97 and 106.")
latitude_validators = [
    MinValueValidator(LATITUDE_RANGE[0], _LATITUDE_MESSAGE),
    MaxValueValidator(LATITUDE_RANGE[1], _LATITUDE_MESSAGE),
]
longitude_validators = [
    MinValueValidator(LONGITUDE_RANGE[0], _LONGITUDE_MESSAGE),
    MaxValueValidator(LONGITUDE_RANGE[1], _LONGITUDE_MESSAGE),
]
