"""Realistic data for each PDF template, shaped exactly as the templates expect.

The manual's sample is built from the real ``data/manual.yaml`` (all 11 processes), with a simple
flowchart per process; the reports' samples are hand-written. ``empty_*`` variants keep every key
but leave strings and lists empty, to prove a template still renders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dlict.core.pdf import Verbatim, Whole
from dlict.core.thai import thai_digits

MANUAL_YAML = Path(__file__).resolve().parent.parent / "data" / "manual.yaml"

OFFICE = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชุมพร เขต ๒"
GROUP = "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร"
DIRECTOR = {"name": Whole("นายสมชาย ตั้งใจดี"), "position": f"ผู้อำนวยการ{OFFICE}"}
REPORTER = {"name": Whole("นายภาณุวัฒน์ รัตนชุนหกาญจน์"), "position": "นักวิชาการคอมพิวเตอร์ปฏิบัติการ"}

DECISION_TEXT = "ผอ.สพป./สพม. พิจารณา"

PREFACE = [
    "พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. ๒๕๔๒ และที่แก้ไขเพิ่มเติม (ฉบับที่ ๒) พ.ศ. ๒๕๔๕ หมวด ๕"
    " มาตรา ๓๙ พระราชบัญญัติระเบียบบริหารราชการกระทรวงศึกษาธิการ พ.ศ. ๒๕๔๖ มาตรา ๘ และมาตรา ๓๔"
    " วรรคสอง กฎกระทรวงกำหนดหลักเกณฑ์การแบ่งส่วนราชการภายในสำนักงานเขตพื้นที่การศึกษา พ.ศ. ๒๕๔๖"
    " ข้อ ๓ และข้อ ๔ ประกอบกับคำแนะนำของคณะกรรมการการศึกษาขั้นพื้นฐานและมติคณะกรรมการการศึกษา"
    "ขั้นพื้นฐาน ในการประชุมครั้งที่ ๒/๒๕๖๐ เมื่อวันที่ ๒๒ กันยายน พ.ศ. ๒๕๖๐"
    " รัฐมนตรีว่าการกระทรวงศึกษาธิการจึงออกประกาศกระทรวงศึกษาธิการ เรื่องการแบ่งส่วนราชการภายใน"
    "สำนักงานเขตพื้นที่การศึกษา พ.ศ. ๒๕๖๐ ให้แบ่งส่วนราชการภายในสำนักงานเขตพื้นที่การศึกษา"
    " เป็น ๘ กลุ่ม ๑ หน่วย และประกาศกระทรวงศึกษาธิการ เรื่องการแบ่งส่วนราชการภายในสำนักงาน"
    "เขตพื้นที่การศึกษา (ฉบับที่ ๒) พ.ศ. ๒๕๖๑ ลงวันที่ ๒๘ สิงหาคม ๒๕๖๑ เพิ่มเป็น ๙ กลุ่ม ๑ หน่วย",
    f"เพื่อให้การปฏิบัติงานของ{OFFICE} เป็นไปอย่างมีประสิทธิภาพ มีการพัฒนาระบบการปฏิบัติงาน"
    "เพื่อยกระดับคุณภาพและมาตรฐานการปฏิบัติงาน จึงได้จัดทำคู่มือการปฏิบัติงาน"
    f"{GROUP}ขึ้น",
]

CONCEPT = [
    "ตามประกาศกระทรวงศึกษาธิการ เรื่อง การแบ่งส่วนราชการภายในสำนักงานเขตพื้นที่การศึกษา"
    " พ.ศ. ๒๕๖๐ ลงวันที่ ๒๒ พฤศจิกายน ๒๕๖๐ ประกาศในราชกิจจานุเบกษา เล่ม ๑๓๔ ตอนพิเศษ ๒๙๕ ง"
    " วันที่ ๒๙ พฤศจิกายน ๒๕๖๐ ได้กำหนดให้สำนักงานเขตพื้นที่การศึกษามีอำนาจหน้าที่ดำเนินการ"
    " ให้เป็นไปตามอำนาจหน้าที่ของสำนักงานเขตพื้นที่การศึกษาตามกฎหมายว่าด้วยระเบียบบริหารราชการ"
    "กระทรวงศึกษาธิการ และมีอำนาจหน้าที่ ดังต่อไปนี้",
]

OFFICE_POWERS = [
    "จัดทำนโยบาย แผนพัฒนา และมาตรฐานการศึกษาของเขตพื้นที่การศึกษาให้สอดคล้องกับนโยบาย"
    " มาตรฐานการศึกษา แผนการศึกษา แผนพัฒนาการศึกษาขั้นพื้นฐาน และความต้องการของท้องถิ่น",
    "วิเคราะห์การจัดตั้งงบประมาณเงินอุดหนุนทั่วไปของสถานศึกษา และหน่วยงานในเขตพื้นที่การศึกษา"
    " และแจ้งการจัดสรรงบประมาณที่ได้รับให้หน่วยงานข้างต้นรับทราบ รวมทั้งกำกับตรวจสอบ ติดตาม"
    " การใช้จ่ายงบประมาณของหน่วยงานดังกล่าว",
    "ประสาน ส่งเสริม สนับสนุน และพัฒนาหลักสูตรร่วมกับสถานศึกษาในเขตพื้นที่การศึกษา",
    "กำกับ ดูแล ติดตาม และประเมินผลสถานศึกษาขั้นพื้นฐานและในเขตพื้นที่การศึกษา",
    "ศึกษา วิเคราะห์ วิจัย และรวบรวมข้อมูลสารสนเทศด้านการศึกษาในเขตพื้นที่การศึกษา",
    "ประสานการระดมทรัพยากรด้านต่าง ๆ รวมทั้งทรัพยากรบุคคล เพื่อส่งเสริม สนับสนุนการจัด"
    " และพัฒนาการศึกษาในเขตพื้นที่การศึกษา",
    "จัดระบบประกันคุณภาพการศึกษา และประเมินผลสถานศึกษาในเขตพื้นที่การศึกษา",
    "ประสาน ส่งเสริม สนับสนุน การจัดการศึกษาของสถานศึกษาเอกชน องค์กรปกครองส่วนท้องถิ่น"
    " รวมทั้งบุคคล องค์กรชุมชน องค์กรวิชาชีพ สถาบันศาสนา สถานประกอบการ และสถาบันอื่นที่จัด"
    "การศึกษารูปแบบที่หลากหลายในเขตพื้นที่การศึกษา",
    "ดำเนินการและประสาน ส่งเสริม สนับสนุนการวิจัยและพัฒนาการศึกษาในเขตพื้นที่การศึกษา",
    "ประสาน ส่งเสริม การดำเนินการของคณะกรรมการ คณะอนุกรรมการ และคณะทำงานด้านการศึกษา",
    "ประสานการปฏิบัติราชการทั่วไปกับองค์กรหรือหน่วยงานต่าง ๆ ทั้งภาครัฐ เอกชน และองค์กรปกครองส่วนท้องถิ่น",
    "ปฏิบัติงานร่วมกับหรือสนับสนุนการปฏิบัติงานของหน่วยงานอื่นที่เกี่ยวข้องหรือที่ได้รับมอบหมาย",
]

OFFICE_GROUPS = [
    "กลุ่มอำนวยการ",
    "กลุ่มนโยบายและแผน",
    GROUP,
    "กลุ่มบริหารงานการเงินและสินทรัพย์",
    "กลุ่มบริหารงานบุคคล",
    "กลุ่มพัฒนาครูและบุคลากรทางการศึกษา",
    "กลุ่มนิเทศ ติดตาม และประเมินผลการจัดการศึกษา",
    "กลุ่มส่งเสริมการจัดการศึกษา",
    "กลุ่มกฎหมายและคดี",
    "หน่วยตรวจสอบภายใน",
]


def _numbered(items: list[str]) -> list[str]:
    return [f"({thai_digits(i)}) {text}" for i, text in enumerate(items, start=1)]


def _flowchart(steps: list[dict[str, Any]]) -> dict[str, Any]:
    """Start, the steps, a director's decision after each proposal (its "no" going back to the
    step before the proposal), end."""
    nodes: list[dict[str, str]] = [{"id": "n0", "kind": "start", "text": "เริ่มต้น", "number": ""}]
    loops: list[dict[str, str]] = []
    for step in steps:
        node_id = f"n{len(nodes)}"
        nodes.append(
            {"id": node_id, "kind": "step", "text": step["text"], "number": step["number"]}
        )
        if step["kind"] == "propose_to_director":
            before = nodes[-2] if nodes[-2]["kind"] == "step" else nodes[-1]
            decision_id = f"n{len(nodes)}"
            nodes.append(
                {"id": decision_id, "kind": "decision", "text": DECISION_TEXT, "number": ""}
            )
            loops.append(
                {
                    "decision": decision_id,
                    "back_to": before["id"],
                    "yes_label": "เห็นชอบ",
                    "no_label": "ไม่เห็นชอบ / ส่งกลับแก้ไข",
                }
            )
    nodes.append({"id": f"n{len(nodes)}", "kind": "end", "text": "สิ้นสุด", "number": ""})
    return {"nodes": nodes, "loops": loops}


def _process(raw: dict[str, Any], section: dict[str, Any]) -> dict[str, Any]:
    steps = [
        {"n": s["n"], "number": thai_digits(s["n"]), "text": s["text_th"], "kind": s["kind"]}
        for s in raw["steps"]
    ]
    return {
        "code": raw["code"],
        "heading": f"กระบวนการ {thai_digits(raw['manual_number'])}",
        "section_number": section["manual_number_th"],
        "section_title": section["title_th"],
        "title": raw["title_th"],
        "short_name": raw.get("short_name") or "",
        "job_name": raw.get("job_name_th") or "",
        "objectives": raw["objectives"],
        "scope": raw["scope_th"],
        "definitions": [
            {
                "term": d["term_th"],
                "term_en": d.get("term_en") or "",
                "abbreviation": d.get("abbreviation") or "",
                "text": d["text_th"],
                "citation": d.get("citation") or "",
            }
            for d in raw["definitions"]
        ],
        "steps": steps,
        "flowchart": _flowchart(steps),
        "forms": [{"number": thai_digits(f["n"]), "title": f["title_th"]} for f in raw["forms"]],
        "references": raw["references"],
    }


def manual_sample() -> dict[str, Any]:
    raw = yaml.safe_load(MANUAL_YAML.read_text(encoding="utf-8"))
    office = raw["office"]
    sections = {s["code"]: s for s in raw["sections"]}
    processes = [_process(p, sections[p["section"]]) for p in raw["processes"]]
    headings = {p["code"]: p["heading"] for p in processes}
    return {
        "title": office["manual_title_th"],
        "group_name": office["group_name_th"],
        "office_name": office["office_name_th"],
        "author": Whole(office["author_th"]),
        "author_position": office["author_position_th"],
        "website": Verbatim(office["website"]),
        "contact": f"ติดต่อ : {office['contact_th']}",
        "generated_on": "๑๕ มกราคม ๒๕๖๙",
        "preface": PREFACE,
        "preface_signature": [Whole(office["author_th"]), office["office_name_th"]],
        "concept": CONCEPT,
        "office_powers": _numbered(OFFICE_POWERS),
        "office_groups": _numbered(OFFICE_GROUPS),
        "duties_intro": f"{GROUP} มีอำนาจหน้าที่ ดังต่อไปนี้",
        "duties": [{"letter": d["letter_th"], "text": d["text_th"]} for d in raw["duties"]],
        "sections": [
            {
                "number": s["manual_number_th"],
                "title": s["title_th"],
                "subjobs": [
                    {
                        "number": j["manual_number_th"],
                        "title": j["title_th"],
                        "short_name": j.get("short_name") or "",
                    }
                    for j in s["subjobs"]
                ],
            }
            for s in raw["sections"]
        ],
        "processes": processes,
        "forms": [
            {
                "number": thai_digits(i),
                "title": f["title_th"],
                "title_en": f["title_en"],
                "processes": [headings[code] for code in f["processes"]],
            }
            for i, f in enumerate(raw["forms"], start=1)
        ],
    }


def empty_manual() -> dict[str, Any]:
    return {
        "title": "",
        "group_name": "",
        "office_name": "",
        "author": "",
        "author_position": "",
        "website": "",
        "contact": "",
        "generated_on": "",
        "preface": [],
        "preface_signature": [],
        "concept": [],
        "office_powers": [],
        "office_groups": [],
        "duties_intro": "",
        "duties": [],
        "sections": [],
        "processes": [
            {
                "code": "",
                "heading": "",
                "section_number": "",
                "section_title": "",
                "title": "",
                "short_name": "",
                "job_name": "",
                "objectives": [],
                "scope": "",
                "definitions": [],
                "steps": [],
                "flowchart": {"nodes": [], "loops": []},
                "forms": [],
                "references": [],
            }
        ],
        "forms": [],
    }


def summary_report_sample() -> dict[str, Any]:
    return {
        "form_title": "แบบรายงานสรุปผลการดำเนินงาน",
        "office_name": OFFICE,
        "group_name": GROUP,
        "fiscal_year": "2569",
        "process": {
            "heading": "กระบวนการ ๑",
            "title": "งานจัดการศึกษาทางไกลผ่านดาวเทียม",
            "code": "dl-1",
        },
        "project_title": "โครงการขับเคลื่อนการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)"
        " ในโรงเรียนขนาดเล็ก ปีงบประมาณ 2569",
        "responsible": REPORTER["name"],
        "committee": {
            "order_number": "คำสั่งที่ 125/2568",
            "order_date": "3 ตุลาคม 2568",
            "members": [
                {
                    "name": Whole("นางสาวปั้นหยา ตั้งมั่น"),
                    "position": "รองผู้อำนวยการ",
                    "role": "ประธาน",
                },
                {
                    "name": Whole("นายวีระ ศรีสุข"),
                    "position": "ศึกษานิเทศก์ชำนาญการพิเศษ",
                    "role": "กรรมการ",
                },
                {
                    "name": Whole("นางวันเพ็ญ ใจงาม"),
                    "position": "ผู้อำนวยการโรงเรียนบ้านเขาทะลุ",
                    "role": "กรรมการ",
                },
                {
                    "name": REPORTER["name"],
                    "position": "นักวิชาการคอมพิวเตอร์ปฏิบัติการ",
                    "role": "กรรมการและเลขานุการ",
                },
            ],
        },
        "plan": {
            "revision": "2",
            "status": "อนุมัติแล้ว",
            "approved_on": "20 ตุลาคม 2568",
            "approved_by": DIRECTOR["name"],
            "objectives": [
                "เพื่อให้โรงเรียนขนาดเล็กในสังกัดจัดการเรียนการสอนผ่าน DLTV ได้ครบทุกชั้นเรียน",
                "เพื่อพัฒนาครูผู้สอนให้ใช้สื่อการศึกษาทางไกลผ่านดาวเทียมได้อย่างมีประสิทธิภาพ",
                "เพื่อนิเทศ ติดตามและประเมินผลการใช้ DLTV ของโรงเรียนปลายทาง",
            ],
            "targets": [
                {
                    "target": "โรงเรียนขนาดเล็กที่จัดการเรียนการสอนผ่าน DLTV",
                    "indicator": "ร้อยละของโรงเรียนที่ใช้ DLTV ครบทุกชั้นเรียน",
                    "goal": "ร้อยละ 90",
                    "result": "ร้อยละ 93.5",
                },
                {
                    "target": "ครูผู้สอนในโรงเรียนขนาดเล็ก",
                    "indicator": "จำนวนครูที่ผ่านการอบรมการใช้สื่อ DLTV",
                    "goal": "120 คน",
                    "result": "128 คน",
                },
                {
                    "target": "การนิเทศ ติดตาม",
                    "indicator": "จำนวนโรงเรียนที่ได้รับการนิเทศอย่างน้อยภาคเรียนละ 1 ครั้ง",
                    "goal": "45 โรง",
                    "result": "42 โรง",
                },
            ],
            "budget": "12,000.00",
            "budget_spent": "9,500.00",
            "budget_source": "งบประมาณตามแผนปฏิบัติการประจำปี สพป.ชุมพร เขต 2",
            "timeline": [
                {"activity": "แต่งตั้งคณะทำงาน", "start": "1 ต.ค. 2568", "end": "15 ต.ค. 2568"},
                {"activity": "อบรมครู", "start": "1 ธ.ค. 2568", "end": "31 ม.ค. 2569"},
            ],
        },
        "steps": [
            {
                "number": "๑",
                "text": "แต่งตั้งคณะทำงานเพื่อขับเคลื่อนการดำเนินงานด้านการศึกษาทางไกลผ่านดาวเทียม (DLTV)",
                "status": "เสร็จแล้ว",
                "started": "1 ต.ค. 2568",
                "finished": "3 ต.ค. 2568",
                "note": "",
                "evidence": "1",
            },
            {
                "number": "๒",
                "text": "ศึกษา วิเคราะห์ ออกแบบ วางแผนการดำเนินงาน",
                "status": "เสร็จแล้ว",
                "started": "4 ต.ค. 2568",
                "finished": "15 ต.ค. 2568",
                "note": "",
                "evidence": "2",
            },
            {
                "number": "๓",
                "text": "เสนอแผนงาน ผอ.สพป./สพม.",
                "status": "เสร็จแล้ว",
                "started": "16 ต.ค. 2568",
                "finished": "20 ต.ค. 2568",
                "note": "ผู้อำนวยการอนุมัติแผนฉบับที่ 2",
                "evidence": "1",
            },
            {
                "number": "๔",
                "text": "ประสานงานกับผู้ที่เกี่ยวข้อง และสร้างเครือข่ายสนับสนุนการจัดการศึกษาทางไกลผ่านดาวเทียม",
                "status": "เสร็จแล้ว",
                "started": "21 ต.ค. 2568",
                "finished": "30 พ.ย. 2568",
                "note": "",
                "evidence": "3",
            },
            {
                "number": "๕",
                "text": "ดำเนินการจัดเตรียมและสนับสนุนเครื่องมือ อุปกรณ์ที่จำเป็นต้องใช้ในการพัฒนา"
                "ระบบการศึกษาทางไกลผ่านดาวเทียม (DLTV)",
                "status": "เสร็จแล้ว",
                "started": "1 ธ.ค. 2568",
                "finished": "31 ม.ค. 2569",
                "note": "จัดซื้อจานรับสัญญาณทดแทน 6 ชุด",
                "evidence": "4",
            },
            {
                "number": "๖",
                "text": "นิเทศ กำกับ ติดตาม และประเมินผล",
                "status": "กำลังดำเนินการ",
                "started": "1 ก.พ. 2569",
                "finished": "",
                "note": "นิเทศแล้ว 42 จาก 45 โรง",
                "evidence": "12",
            },
            {
                "number": "๗",
                "text": "สรุปประเมินผลการดำเนินงาน",
                "status": "ยังไม่เริ่ม",
                "started": "",
                "finished": "",
                "note": "",
                "evidence": "0",
            },
            {
                "number": "๘",
                "text": "เสนอผู้อำนวยการเขตพื้นที่การศึกษา",
                "status": "ยังไม่เริ่ม",
                "started": "",
                "finished": "",
                "note": "",
                "evidence": "0",
            },
        ],
        "evaluation": {
            "outcome": "โรงเรียนขนาดเล็กในสังกัดจำนวน 45 โรง จัดการเรียนการสอนผ่าน DLTV"
            " ได้ครบทุกชั้นเรียน ครูผู้สอนได้รับการอบรมการใช้สื่อ 128 คน ผลสัมฤทธิ์ทางการเรียน"
            "เฉลี่ยของโรงเรียนกลุ่มเป้าหมายสูงขึ้นร้อยละ 4.2 เมื่อเทียบกับปีการศึกษาที่ผ่านมา",
            "problems": "สัญญาณดาวเทียมขัดข้องในช่วงฤดูฝน อุปกรณ์รับสัญญาณบางโรงเรียนชำรุด"
            " และครูบางส่วนยังไม่คุ้นเคยกับการใช้สื่อประกอบการสอน",
            "suggestions": "ควรจัดสรรงบประมาณสำหรับซ่อมบำรุงอุปกรณ์รับสัญญาณเป็นประจำทุกปี"
            " และจัดอบรมเชิงปฏิบัติการให้ครูที่บรรจุใหม่",
        },
        "figures": [
            {
                "section": "ข้อมูลการใช้งาน DLTV",
                "items": [
                    {"label": "โรงเรียนที่ใช้ DLTV", "value": "45 โรง"},
                    {"label": "นักเรียนที่ได้รับประโยชน์", "value": "2,318 คน"},
                    {"label": "ชุดอุปกรณ์รับสัญญาณที่ใช้งานได้", "value": "43 ชุด"},
                ],
            },
            {
                "section": "การนิเทศ ติดตาม",
                "items": [
                    {"label": "จำนวนครั้งที่นิเทศ", "value": "87 ครั้ง"},
                    {"label": "โรงเรียนที่ได้รับการนิเทศ", "value": "42 โรง"},
                ],
            },
        ],
        "reporter": REPORTER,
        "director": DIRECTOR,
        "printed_on": "15 มีนาคม 2569",
    }


def empty_summary_report() -> dict[str, Any]:
    return {
        "form_title": "",
        "office_name": "",
        "group_name": "",
        "fiscal_year": "",
        "process": {"heading": "", "title": "", "code": ""},
        "project_title": "",
        "responsible": "",
        "committee": {"order_number": "", "order_date": "", "members": []},
        "plan": {
            "revision": "",
            "status": "",
            "approved_on": "",
            "approved_by": "",
            "objectives": [],
            "targets": [],
            "budget": "",
            "budget_spent": "",
            "budget_source": "",
            "timeline": [],
        },
        "steps": [],
        "evaluation": {"outcome": "", "problems": "", "suggestions": ""},
        "figures": [],
        "reporter": {"name": "", "position": ""},
        "director": {"name": "", "position": ""},
        "printed_on": "",
    }


def _annual_project(
    heading: str, title: str, process_title: str, status: str, done: int, total: int, **extra: str
) -> dict[str, Any]:
    return {
        "heading": heading,
        "title": title,
        "process_title": process_title,
        "responsible": extra.get("responsible", REPORTER["name"]),
        "plan_status": status,
        "approved_on": extra.get("approved_on", ""),
        "steps_done": str(done),
        "steps_total": str(total),
        "budget": extra.get("budget", ""),
        "budget_spent": extra.get("budget_spent", ""),
        "outcome": extra.get("outcome", ""),
        "problems": extra.get("problems", ""),
        "suggestions": extra.get("suggestions", ""),
    }


def annual_report_sample() -> dict[str, Any]:
    projects = [
        _annual_project(
            "กระบวนการ ๑",
            "โครงการขับเคลื่อนการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV) ในโรงเรียนขนาดเล็ก",
            "งานจัดการศึกษาทางไกลผ่านดาวเทียม",
            "อนุมัติแล้ว",
            6,
            8,
            approved_on="20 ต.ค. 2568",
            budget="12,000.00",
            budget_spent="9,500.00",
            outcome="โรงเรียนขนาดเล็ก 45 โรงจัดการเรียนการสอนผ่าน DLTV ได้ครบทุกชั้นเรียน",
            problems="สัญญาณดาวเทียมขัดข้องในช่วงฤดูฝน",
            suggestions="จัดสรรงบประมาณซ่อมบำรุงอุปกรณ์รับสัญญาณทุกปี",
        ),
        _annual_project(
            "กระบวนการ ๒",
            "โครงการส่งเสริมการใช้แพลตฟอร์ม DLIT ในการจัดการเรียนรู้",
            "งานส่งเสริมพัฒนาสื่อ นวัตกรรมและเทคโนโลยีทางการศึกษา",
            "อนุมัติแล้ว",
            7,
            7,
            approved_on="1 พ.ย. 2568",
            budget="25,000.00",
            budget_spent="24,310.00",
            outcome="ครู 210 คนใช้คลังสื่อ DLIT ในการสอน และจัดทำแผนการจัดการเรียนรู้ร่วมกัน",
        ),
        _annual_project(
            "กระบวนการ ๓",
            "โครงการวิจัยและพัฒนาสื่อนวัตกรรมของครูในสังกัด",
            "งานส่งเสริมการศึกษาค้นคว้า วิเคราะห์ วิจัย พัฒนาสื่อนวัตกรรมและเทคโนโลยีทางการศึกษา",
            "รอผู้อำนวยการพิจารณา",
            2,
            7,
            budget="8,000.00",
        ),
        _annual_project(
            "กระบวนการ ๔",
            "โครงการพัฒนาศูนย์สื่อการเรียนรู้ สพป.ชุมพร เขต 2",
            "งานส่งเสริมการจัดการศูนย์สื่อ นวัตกรรมและเทคโนโลยีทางการศึกษา",
            "อนุมัติแล้ว",
            6,
            6,
            approved_on="15 พ.ย. 2568",
            budget="15,000.00",
            budget_spent="14,980.00",
            outcome="ปรับปรุงศูนย์สื่อและจัดระบบยืม–คืนสื่อด้วยบาร์โค้ด",
            suggestions="ควรเพิ่มสื่อสำหรับนักเรียนที่มีความต้องการพิเศษ",
        ),
        _annual_project(
            "กระบวนการ ๓",
            "โครงการพัฒนาระบบข้อมูลสารสนเทศเพื่อการบริหาร (DMC และระบบสารสนเทศสำนักงาน)",
            "การจัดทำข้อมูลสารสนเทศเพื่อการบริหารและการจัดการศึกษา",
            "ส่งกลับแก้ไข",
            3,
            5,
            budget="5,000.00",
            problems="ข้อมูลนักเรียนบางโรงเรียนยังไม่ตรงกับระบบ DMC",
        ),
        _annual_project(
            "กระบวนการ ๕",
            "โครงการพัฒนาเว็บไซต์สำนักงาน",
            "พัฒนาปรับปรุง และจัดทำเว็บไซต์สำนักงาน เผยแพร่ประชาสัมพันธ์ข้อมูลสารสนเทศ",
            "ยังไม่มีแผน",
            0,
            5,
        ),
    ]
    return {
        "form_title": "แบบรายงานสรุปผลการดำเนินงานในรอบปี",
        "office_name": OFFICE,
        "group_name": GROUP,
        "fiscal_year": "2569",
        "period": "1 ตุลาคม 2568 – 30 กันยายน 2569",
        "projects": projects,
        "totals": {
            "projects": "6",
            "approved": "3",
            "completed": "2",
            "budget": "65,000.00",
            "budget_spent": "48,790.00",
        },
        "figures": [
            {
                "section": "การศึกษาทางไกล",
                "items": [
                    {"label": "โรงเรียนที่ใช้ DLTV", "value": "45 โรง"},
                    {"label": "ครูที่ใช้ DLIT", "value": "210 คน"},
                ],
            },
            {
                "section": "เทคโนโลยีสารสนเทศ",
                "items": [
                    {"label": "ผู้เข้าชมเว็บไซต์สำนักงาน", "value": "48,215 ครั้ง"},
                    {"label": "งานพัฒนา ICT ที่บันทึก", "value": "5 งาน"},
                ],
            },
        ],
        "reporter": REPORTER,
        "director": DIRECTOR,
        "printed_on": "30 กันยายน 2569",
    }


def empty_annual_report() -> dict[str, Any]:
    return {
        "form_title": "",
        "office_name": "",
        "group_name": "",
        "fiscal_year": "",
        "period": "",
        "projects": [],
        "totals": {
            "projects": "",
            "approved": "",
            "completed": "",
            "budget": "",
            "budget_spent": "",
        },
        "figures": [],
        "reporter": {"name": "", "position": ""},
        "director": {"name": "", "position": ""},
        "printed_on": "",
    }


def ict_record_sample() -> dict[str, Any]:
    return {
        "form_title": "แบบบันทึกพัฒนา ปรับปรุง และประยุกต์ใช้ ICT",
        "office_name": OFFICE,
        "fiscal_year": "2569",
        "number": "12/2569",
        "title": "ระบบจองห้องประชุมออนไลน์ของสำนักงานเขตพื้นที่การศึกษา",
        "unit": GROUP,
        "kind": "พัฒนาระบบงานใหม่",
        "started_on": "1 พฤศจิกายน 2568",
        "finished_on": "20 ธันวาคม 2568",
        "objective": "เพื่อให้บุคลากรในสำนักงานจองห้องประชุมได้ด้วยตนเองผ่านเว็บไซต์ ลดการจองซ้ำซ้อน"
        " และให้ผู้บริหารเห็นตารางการใช้ห้องประชุมทั้งหมดในที่เดียว",
        "description": "พัฒนาระบบจองห้องประชุมบนเว็บไซต์สำนักงาน เชื่อมต่อกับบัญชีผู้ใช้ของบุคลากร"
        " แสดงปฏิทินการใช้ห้องประชุมรายวันและรายสัปดาห์ แจ้งเตือนผู้จองทางอีเมลก่อนถึงเวลาประชุม"
        " และจัดทำรายงานสถิติการใช้ห้องประชุมรายเดือน ทดสอบการใช้งานร่วมกับกลุ่มอำนวยการ"
        " ก่อนเปิดใช้งานจริงทั้งสำนักงาน พร้อมจัดทำคู่มือการใช้งานและอบรมผู้ดูแลระบบของแต่ละกลุ่ม",
        "budget": "ไม่ใช้งบประมาณ",
        "outcome": "บุคลากรจองห้องประชุมผ่านระบบแล้ว 312 ครั้ง ไม่มีการจองซ้ำซ้อน"
        " ลดเวลาประสานงานของกลุ่มอำนวยการได้ประมาณสัปดาห์ละ 3 ชั่วโมง",
        "users": "บุคลากรของสำนักงานเขตพื้นที่การศึกษาทุกกลุ่ม (ประมาณ 80 คน) และผู้บริหาร",
        "recorder": REPORTER,
        "printed_on": "25 ธันวาคม 2568",
    }


def empty_ict_record() -> dict[str, Any]:
    return {
        "form_title": "",
        "office_name": "",
        "fiscal_year": "",
        "number": "",
        "title": "",
        "unit": "",
        "kind": "",
        "started_on": "",
        "finished_on": "",
        "objective": "",
        "description": "",
        "budget": "",
        "outcome": "",
        "users": "",
        "recorder": {"name": "", "position": ""},
        "printed_on": "",
    }


def ict_report_sample() -> dict[str, Any]:
    records = [
        {
            "number": "8/2569",
            "title": "ระบบลงทะเบียนอบรมครูออนไลน์",
            "unit": GROUP,
            "kind": "พัฒนาระบบงานใหม่",
            "period": "1 ต.ค. 2568 – 31 ต.ค. 2568",
            "budget": "0.00",
            "outcome": "ครูลงทะเบียนผ่านระบบ 1,240 คน ลดการใช้กระดาษ",
        },
        {
            "number": "9/2569",
            "title": "ปรับปรุงระบบเครือข่ายไร้สายภายในสำนักงาน",
            "unit": "กลุ่มอำนวยการ",
            "kind": "เครือข่ายและอินเทอร์เน็ต",
            "period": "1 พ.ย. 2568 – 30 พ.ย. 2568",
            "budget": "45,000.00",
            "outcome": "สัญญาณครอบคลุมทุกห้องทำงานและห้องประชุม",
        },
        {
            "number": "10/2569",
            "title": "นำระบบสารบรรณอิเล็กทรอนิกส์มาใช้กับโรงเรียนในสังกัด",
            "unit": "กลุ่มอำนวยการ",
            "kind": "ประยุกต์ใช้ระบบที่มีอยู่",
            "period": "1 ธ.ค. 2568 – 31 ม.ค. 2569",
            "budget": "0.00",
            "outcome": "โรงเรียน 98 โรงรับ–ส่งหนังสือราชการผ่านระบบ",
        },
        {
            "number": "11/2569",
            "title": "แดชบอร์ดข้อมูลนักเรียนรายโรงเรียน",
            "unit": "กลุ่มนโยบายและแผน",
            "kind": "พัฒนาระบบงานใหม่",
            "period": "5 ม.ค. 2569 – 28 ก.พ. 2569",
            "budget": "0.00",
            "outcome": "ผู้บริหารดูข้อมูลนักเรียนรายโรงเรียนได้ทันที",
        },
        {
            "number": "12/2569",
            "title": "ระบบจองห้องประชุมออนไลน์ของสำนักงานเขตพื้นที่การศึกษา",
            "unit": GROUP,
            "kind": "พัฒนาระบบงานใหม่",
            "period": "1 พ.ย. 2568 – 20 ธ.ค. 2568",
            "budget": "0.00",
            "outcome": "จองผ่านระบบ 312 ครั้ง ไม่มีการจองซ้ำซ้อน",
        },
    ]
    return {
        "form_title": "แบบรายงานผลการพัฒนา ปรับปรุง และประยุกต์ใช้ ICT",
        "office_name": OFFICE,
        "fiscal_year": "2569",
        "records": records,
        "totals": {"count": "5", "budget": "45,000.00"},
        "reporter": REPORTER,
        "director": DIRECTOR,
        "printed_on": "30 กันยายน 2569",
    }


def empty_ict_report() -> dict[str, Any]:
    return {
        "form_title": "",
        "office_name": "",
        "fiscal_year": "",
        "records": [],
        "totals": {"count": "", "budget": ""},
        "reporter": {"name": "", "position": ""},
        "director": {"name": "", "position": ""},
        "printed_on": "",
    }
