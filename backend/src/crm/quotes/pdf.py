"""A quote as a PDF (fpdf2). Hangul needs a font that has it: `CRM_PDF_FONT_PATH`, else a system
Noto CJK or Nanum font; without one, the PDF falls back to Helvetica and non-Latin text shows as '?'."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from fpdf import FPDF

from crm.settings import get_settings

# (path, index in a .ttc collection): the Korean face first.
SYSTEM_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 1),
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 0),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 1),
)


@lru_cache
def unicode_font() -> tuple[str, int] | None:
    configured = get_settings().pdf_font_path
    if configured is not None and str(configured) not in ("", ".") and Path(configured).is_file():
        return str(configured), 1 if str(configured).lower().endswith(".ttc") else 0
    for path, index in SYSTEM_FONTS:
        if Path(path).is_file():
            return path, index
    return None


def _money(value: Any) -> str:
    return f"{Decimal(str(value)):,.2f}"


def render(quote: Any, *, deal_name: str, customer_name: str | None, status: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(f"Quote {quote.number} v{quote.revision}")
    pdf.set_creator("CRM")
    font = unicode_font()
    if font is not None:
        pdf.add_font("body", "", font[0], collection_font_number=font[1])
        family = "body"

        def text(value: str) -> str:
            return value
    else:
        family = "helvetica"

        def text(value: str) -> str:
            return value.encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    pdf.set_font(family, size=18)
    pdf.cell(0, 10, text(f"Quote {quote.number}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=10)
    rows = [
        ("Version", str(quote.revision)),
        ("Status", status),
        ("Deal", deal_name),
        ("Customer", customer_name or "-"),
        ("Valid until", quote.valid_until.isoformat()),
        ("Currency", quote.currency),
    ]
    for label, value in rows:
        pdf.cell(35, 6, text(label))
        pdf.cell(0, 6, text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    widths = (70, 18, 28, 16, 16, 32)
    headers = ("Description", "Qty", "Unit price", "Disc %", "Tax %", "Net")
    pdf.set_font(family, size=9)
    pdf.set_fill_color(235, 235, 235)
    for w, h in zip(widths, headers, strict=True):
        pdf.cell(w, 7, h, border=1, fill=True, align="L" if h == "Description" else "R")
    pdf.ln()
    for line in quote.lines:
        cells = (
            line["description"][:60],
            line["quantity"],
            _money(line["unit_price"]),
            line["discount_percent"],
            line["tax_percent"],
            _money(line["net_amount"]),
        )
        for i, (w, value) in enumerate(zip(widths, cells, strict=True)):
            pdf.cell(w, 7, text(str(value)), border=1, align="L" if i == 0 else "R")
        pdf.ln()
    pdf.ln(3)
    for label, value in (
        ("Subtotal", quote.subtotal),
        ("Discount", quote.discount_total),
        ("Tax", quote.tax_total),
        ("Total", quote.total),
    ):
        pdf.cell(sum(widths) - 40, 6, text(label), align="R")
        pdf.cell(40, 6, text(f"{_money(value)} {quote.currency}"), align="R", new_x="LMARGIN", new_y="NEXT")
    if quote.notes:
        pdf.ln(4)
        pdf.multi_cell(0, 5, text(quote.notes))
    if quote.accepted_at:
        pdf.ln(4)
        pdf.multi_cell(
            0,
            5,
            text(
                f"Accepted by {quote.accepted_name} on {quote.accepted_at.isoformat()} (SHA-256 {quote.content_sha256})"
            ),
        )
    return bytes(pdf.output())
