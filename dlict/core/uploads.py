"""Checking an uploaded file by what it is, not by what it is called.

The file's first bytes decide its type (through the ``filetype`` library); its name's extension
must agree with them, so a program renamed ``report.pdf`` or a photo renamed ``.xlsx`` is refused.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Extensions people use for each detected type.
_SAME_TYPE = {"jpg": {"jpg", "jpeg"}, "tif": {"tif", "tiff"}}
_HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int


def check_size(upload: UploadedFile, *, max_bytes: int) -> int:
    """The upload's size, or a ValidationError when it is empty or larger than ``max_bytes``."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size).1f MB; the largest accepted is %(limit)d MB.")
            % {"size": size / 2**20, "limit": max_bytes // 2**20},
            code="too_large",
        )
    return size


def check_upload(upload: UploadedFile, *, allowed: set[str], max_bytes: int) -> CheckedUpload:
    """Return what the upload is, or raise a ValidationError whose message says what is wrong."""
    name = PurePath(upload.name or "").name
    size = check_size(upload, max_bytes=max_bytes)
    extension = PurePath(name).suffix.lower().lstrip(".")
    accepted = ", ".join(sorted(allowed))
    if extension not in {alias for kind in allowed for alias in _SAME_TYPE.get(kind, {kind})}:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted types: %(types)s.")
            % {"types": accepted},
            code="extension",
        )
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in allowed:
        raise ValidationError(
            _(
                "The file's content is not a %(ext)s file, whatever its name says. "
                "Accepted types: %(types)s."
            )
            % {"ext": extension.upper(), "types": accepted},
            code="content",
        )
    if extension not in _SAME_TYPE.get(kind.extension, {kind.extension}):
        raise ValidationError(
            _(
                "The file is named .%(ext)s but its content is a %(real)s file. "
                "Save it with the right type and upload it again."
            )
            % {"ext": extension, "real": kind.extension.upper()},
            code="mismatch",
        )
    return CheckedUpload(name=name, extension=kind.extension, content_type=kind.mime, size=size)


_PILLOW_FORMATS = {"jpg": "JPEG", "png": "PNG"}


def clean_photo(upload: UploadedFile, extension: str) -> ContentFile:
    """The photo drawn again without its metadata: EXIF (with the GPS position of where it was
    taken, a personal-data concern) is dropped, after turning the picture the way EXIF said."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in ("RGB", "RGBA", "L", "LA", "P") or extension == "jpg":
                upright = upright.convert("RGB")
            output = io.BytesIO()
            upright.save(output, format=_PILLOW_FORMATS[extension], quality=90, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise ValidationError(
            _("The photo cannot be read. Save it again as JPG or PNG and upload it again."),
            code="bad_image",
        ) from None
    finally:
        upload.seek(0)
    return ContentFile(output.getvalue())
