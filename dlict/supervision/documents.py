"""The printed supervision record (แบบบันทึกนิเทศ กำกับ ติดตามและประเมินผล) of one visit."""

from __future__ import annotations

import base64
import io
import logging
from typing import Any

from django.utils import timezone
from PIL import Image

from dlict.core.pdf import Raw, Verbatim, Whole, render_pdf, thai_document
from dlict.core.thai import format_date_long, format_date_short
from dlict.supervision.models import Visit, VisitPhoto
from dlict.supervision.selectors import observation, term_label

logger = logging.getLogger(__name__)

VISIT_TEMPLATE = "supervision/typst/visit.typ"
FORM_TITLE = "แบบบันทึกนิเทศ กำกับ ติดตามและประเมินผล การจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)"
SUPERVISOR_POSITION = "ศึกษานิเทศก์"


def _school_text(school: Any) -> str:
    name = school.name_th
    return name if name.startswith("โรงเรียน") else f"โรงเรียน{name}"


def _round_text(visit: Visit) -> str:
    if visit.visited_on is None:
        return ""
    return f"ครั้งที่ {visit.round} ({format_date_short(visit.visited_on)})"


# A photo prints about 8 cm wide: 1,600 pixels on its long side is more than a printer shows.
PHOTO_PIXELS = 1600


def photo_svg(photo: VisitPhoto) -> str | None:
    """The photo as an SVG wrapping it as a JPEG data URL, which Typst draws without reading a
    file (the photos live outside the package Typst may read); None when its file is gone."""
    try:
        with photo.file.open("rb") as handle:
            image = Image.open(handle)
            image.load()
    except (OSError, Image.DecompressionBombError):
        logger.error("Visit photo %s: its file %s cannot be read", photo.pk, photo.file.name)
        return None
    image.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=82)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    width, height = image.size
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<image width="{width}" height="{height}" '
        f'xlink:href="data:image/jpeg;base64,{encoded}"/></svg>'
    )


@thai_document
def visit_document(visit: Visit) -> dict[str, Any]:
    """The data of the visit's PDF, every value a ready-printed string (see the template)."""
    if visit.rubric is None or visit.visited_on is None:
        raise ValueError("Only a recorded visit is printed.")
    school = visit.school
    seen = observation(visit.rubric, visit.scores)
    place = " ".join(
        part
        for part in (
            f"อำเภอ{school.district.name_th}" if school.district else "",
            f"จังหวัด{school.province.name_th}" if school.province else "",
        )
        if part
    )
    context = [
        [
            "ผู้ให้ข้อมูล",
            visit.informant
            + (f" ({visit.informant_position})" if visit.informant_position else ""),
        ],
        ["ชั้นที่สังเกต", visit.get_grade_display() if visit.grade else ""],
        ["วิชา / กิจกรรม", visit.subject],
        [
            "นักเรียนที่มาเรียน",
            f"{visit.students_present} คน" if visit.students_present is not None else "",
        ],
        ["ช่องทางรับชม", visit.get_channel_display() if visit.channel else ""],
        ["คุณภาพการรับสัญญาณ", visit.get_reception_display() if visit.reception else ""],
        ["สภาพบริบทเพิ่มเติม", visit.context_note],
    ]
    follow_ups = [
        {
            "finding": f.finding.text,
            "from": _round_text(f.finding.visit),
            "status": f.get_result_display(),
            "note": f.note,
        }
        for f in visit.follow_ups.select_related("finding__visit")
    ]
    supervisor = Whole(visit.supervisor.display_name)
    school_name = _school_text(school)
    return {
        "form_title": FORM_TITLE,
        "office_name": visit.office.name_th,
        "printed_on": format_date_long(timezone.localdate()),
        "school": {
            "name": school_name,
            "code": Verbatim(school.ministry_code or school.smis_code),
            "district": place,
            "network": school.network_group.name if school.network_group else "",
        },
        "visit": {
            "round": str(visit.round or ""),
            "date": format_date_long(visit.visited_on),
            "term": term_label(visit.visited_on),
            "supervisor": supervisor,
            "supervisor_position": SUPERVISOR_POSITION,
        },
        "context": context,
        "rubric": {
            "name": visit.rubric.name,
            "version": str(visit.rubric.version),
            "scale": [
                {
                    "value": str(level["value"]),
                    "label": level["label"],
                    "description": level.get("description", ""),
                }
                for level in visit.rubric.scale
            ],
        },
        "sections": [
            {
                "title": section.title,
                "items": [
                    {
                        "number": item.code,
                        "text": item.text,
                        "score": "" if item.score is None else str(item.score),
                        "evidence": item.evidence,
                    }
                    for item in section.items
                ],
                "score": str(section.score),
                "max": str(section.maximum),
                "band": section.band,
            }
            for section in seen.sections
        ],
        "total": {"score": str(seen.score), "max": str(seen.maximum), "band": seen.band},
        "follow_up": follow_ups,
        "strengths": visit.strengths,
        "suggestions": visit.suggestions,
        "findings": [finding.text for finding in visit.findings.all()],
        "photos": [
            {"svg": Raw(svg), "caption": photo.caption}
            for photo in visit.photos.all()
            if (svg := photo_svg(photo)) is not None
        ],
        "signatures": [
            {"role": "ผู้นิเทศ", "name": supervisor, "position": SUPERVISOR_POSITION},
            {
                "role": "ผู้รับการนิเทศ",
                "name": Whole(visit.informant),
                "position": visit.informant_position,
            },
            {
                "role": "ผู้อำนวยการโรงเรียน",
                "name": Whole(school.director_name),
                "position": f"ผู้อำนวยการ{school_name}",
            },
        ],
    }


def visit_pdf(visit: Visit) -> bytes:
    """The visit's record, printed with its office's digits."""
    return render_pdf(VISIT_TEMPLATE, visit_document(visit), digits=visit.office.document_digits)
