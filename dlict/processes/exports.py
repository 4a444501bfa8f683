"""The reports as spreadsheets: the same data the PDFs are printed from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dlict.core.exports import Exporter


class _DocumentExporter(Exporter):
    def __init__(self, data: dict[str, Any], *, filename: str) -> None:
        self.data = data
        self.filename = filename


class SummaryReportExporter(_DocumentExporter):
    """แบบรายงานสรุปผลการดำเนินงาน as rows of (part, item, value, detail)."""

    sheet_title = "สรุปผลการดำเนินงาน"

    def headers(self) -> list[str]:
        return ["ส่วน", "รายการ", "ค่า", "รายละเอียด"]

    def rows(self) -> Iterable[list[Any]]:
        data = self.data
        plan = data["plan"]
        yield ["ข้อมูลทั่วไป", "สำนักงาน", data["office_name"], ""]
        yield ["ข้อมูลทั่วไป", "ปีงบประมาณ", data["fiscal_year"], ""]
        yield ["ข้อมูลทั่วไป", data["process"]["heading"], data["process"]["title"], ""]
        yield ["ข้อมูลทั่วไป", "งาน/โครงการ", data["project_title"], ""]
        yield ["ข้อมูลทั่วไป", "ผู้รับผิดชอบ", data["responsible"], ""]
        committee = data["committee"]
        yield ["คณะทำงาน", "คำสั่งเลขที่", committee["order_number"], committee["order_date"]]
        for member in committee["members"]:
            yield ["คณะทำงาน", member["role"], member["name"], member["position"]]
        yield ["แผนงาน", "สถานะ", plan["status"], plan["approved_on"]]
        for objective in plan["objectives"]:
            yield ["แผนงาน", "วัตถุประสงค์", objective, ""]
        for target in plan["targets"]:
            yield ["เป้าหมาย", target["target"], target["goal"], target["indicator"]]
            yield ["ผลตามเป้าหมาย", target["target"], target["result"], ""]
        yield ["งบประมาณ", "ตามแผน", plan["budget"], plan["budget_source"]]
        yield ["งบประมาณ", "ใช้จริง", plan["budget_spent"], ""]
        for row in plan["timeline"]:
            yield ["ระยะเวลา", row["activity"], row["start"], row["end"]]
        for step in data["steps"]:
            dates = " – ".join(value for value in (step["started"], step["finished"]) if value)
            yield ["ขั้นตอน", f"{step['number']}. {step['text']}", step["status"], dates]
        for section in data["figures"]:
            for item in section["items"]:
                yield [section["section"], item["label"], item["value"], ""]
        evaluation = data["evaluation"]
        yield ["สรุปผล", "ผลการดำเนินงาน", evaluation["outcome"], ""]
        yield ["สรุปผล", "ปัญหาและอุปสรรค", evaluation["problems"], ""]
        yield ["สรุปผล", "ข้อเสนอแนะ", evaluation["suggestions"], ""]


class AnnualReportExporter(_DocumentExporter):
    sheet_title = "สรุปผลรอบปี"

    def headers(self) -> list[str]:
        return [
            "กระบวนการ", "งาน/โครงการ", "ผู้รับผิดชอบ", "สถานะแผน", "วันที่อนุมัติ",
            "ขั้นตอนที่เสร็จ", "ขั้นตอนทั้งหมด", "งบประมาณตามแผน", "งบประมาณที่ใช้",
            "ผลการดำเนินงาน", "ปัญหาและอุปสรรค", "ข้อเสนอแนะ",
        ]  # fmt: skip

    def rows(self) -> Iterable[list[Any]]:
        for row in self.data["projects"]:
            yield [
                row["heading"], row["title"], row["responsible"], row["plan_status"],
                row["approved_on"], int(row["steps_done"]), int(row["steps_total"]),
                row["budget"], row["budget_spent"], row["outcome"], row["problems"],
                row["suggestions"],
            ]  # fmt: skip


class IctReportExporter(_DocumentExporter):
    sheet_title = "พัฒนา ICT"

    def headers(self) -> list[str]:
        return ["ที่", "งาน", "หน่วยงาน", "ประเภท", "ระยะเวลา", "งบประมาณ", "ผลที่ได้รับ"]

    def rows(self) -> Iterable[list[Any]]:
        for r in self.data["records"]:
            yield [
                r["number"],
                r["title"],
                r["unit"],
                r["kind"],
                r["period"],
                r["budget"],
                r["outcome"],
            ]
