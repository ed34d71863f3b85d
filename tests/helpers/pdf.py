"""Invented PDFs for the reader tests: a minimal PDF writer and a two-page paper."""
from __future__ import annotations


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF with one Helvetica text line per string (ASCII), one page per list."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, lines in enumerate(pages):
        body = "BT /F1 11 Tf 14 TL 72 740 Td " + " ".join(f"({esc(ln)}) Tj T*" for ln in lines) + " ET"
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                    f"/Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(f"<< /Length {len(body)} >>\nstream\n{body}\nendstream".encode())
    out, offsets = b"%PDF-1.4\n", []
    for k, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


PAPER_PAGES = [["Lenvatinib with chemoembolization in hepatocellular carcinoma: a retrospective study",
                "Example A, Sample B", "Abstract",
                "Methods: In this retrospective study, 60 patients were analysed."],
               ["Results: The objective response rate was 55.0% (33/60).",
                "Median overall survival was 20.1 months."]]
