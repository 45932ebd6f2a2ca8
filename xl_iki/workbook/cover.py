"""The cover sheet: placeholders of the template filled from the catalogue."""

from __future__ import annotations

import re

from openpyxl.workbook import Workbook

from ..formatting import tanggal_id
from ..model.catalogue import Catalogue
from .cells import put_text

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(cat: Catalogue) -> dict[str, str]:
    """The values a template may refer to as {name}."""
    inst = cat.instansi
    kep, sign = inst.keputusan, inst.penandatangan
    n_ind = sum(len(j.indikator) for j in cat.jabatan)
    return {
        "instansi": inst.nama,
        "pemda": inst.pemda,
        "tahun": str(inst.tahun),
        "keputusan_nomor": kep.nomor if kep and kep.nomor else "-",
        "keputusan_tanggal": tanggal_id(kep.tanggal) if kep and kep.tanggal else "-",
        "keputusan_tempat": kep.tempat if kep else "",
        "penandatangan_jabatan": sign.jabatan if sign else "",
        "penandatangan_nama": sign.nama if sign else "",
        "penandatangan_pangkat": sign.pangkat if sign else "",
        "penandatangan_nip": sign.nip if sign else "",
        "jumlah_jabatan": str(len(cat.jabatan)),
        "jumlah_indikator": str(n_ind),
        "predikat": "; ".join(f"{b.label}: capaian ≥ {b.min:g}%" for b in cat.predikat),
        "batas_capaian": f"{inst.batas_capaian:g}%" if inst.batas_capaian else "tidak dibatasi",
    }


def fill_placeholders(wb: Workbook, cat: Catalogue) -> None:
    """Replace {name} in every text cell of the template's own sheets."""
    values = placeholders(cat)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "{" in cell.value:
                    put_text(cell, PLACEHOLDER.sub(
                        lambda m: values.get(m[1], m[0]), cell.value))
