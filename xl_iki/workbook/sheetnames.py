"""Sheet names that obey Excel's rules and stay unique, made from long jabatan names."""

from __future__ import annotations

import re

MAX_LEN = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
RESERVED = {"history"}

#: common words of Indonesian position titles and their customary abbreviations
ABBREVIATIONS = (
    (r"\bKepala Sub\.? ?Bagian\b", "Kasubag"),
    (r"\bKepala Subbagian\b", "Kasubag"),
    (r"\bKepala Sub Bag\b", "Kasubag"),
    (r"\bKepala Bidang\b", "Kabid"),
    (r"\bKepala Seksi\b", "Kasi"),
    (r"\bKepala Dinas\b", "Kadis"),
    (r"\bKepala Unit Pelaksana Teknis\b", "Ka UPT"),
    (r"\bSekretaris Dinas\b", "Sekretaris"),
    (r"\bKomunikasi dan Informatika\b", "Kominfo"),
    (r"\bAplikasi Informatika\b", "Aptika"),
    (r"\bPerangkat Daerah\b", "PD"),
    (r"\bInformasi dan Komunikasi Publik\b", "IKP"),
    (r"\bSistem Pemerintahan Berbasis Elektronik\b", "SPBE"),
    (r"\bTeknologi Informasi dan Komunikasi\b", "TIK"),
    (r"\bdan\b", "&"),
)


_OFFICE_SUFFIX = re.compile(
    r"\s+(Dinas\s+)?(Komunikasi dan Informatika|Kominfo)\b.*$", re.IGNORECASE
)


def shorten(name: str) -> str:
    """A short, readable form of a jabatan name (full name stays in the sheet header)."""
    out = " ".join(name.split())
    if len(out) > MAX_LEN:
        stripped = _OFFICE_SUFFIX.sub("", out)
        out = "Kepala Dinas" if stripped.casefold() == "kepala" else stripped
    for pattern, short in ABBREVIATIONS:
        if len(out) <= MAX_LEN:
            break
        out = re.sub(pattern, short, out, flags=re.IGNORECASE)
    if len(out) > MAX_LEN:  # cut at a word boundary
        out = out[: MAX_LEN + 1].rsplit(" ", 1)[0]
        out = re.sub(r"[\s,&.-]+$|\s+dan$", "", out)
    return out


def clean(name: str) -> str:
    out = FORBIDDEN.sub(" ", name)
    out = " ".join(out.split()).strip("'")
    return out or "Jabatan"


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid sheet name for ``name``, not in ``taken`` (case-insensitive); adds it there."""
    base = clean(shorten(clean(name)))[:MAX_LEN].rstrip()
    if base.casefold() in RESERVED:
        base = f"{base} (1)"
    folded = {t.casefold() for t in taken}
    candidate, n = base, 2
    while candidate.casefold() in folded:
        suffix = f" ({n})"
        candidate = base[: MAX_LEN - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(candidate)
    return candidate
