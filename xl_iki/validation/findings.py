"""What validation reports: one finding per problem, with its code, severity and cell."""

from __future__ import annotations

from dataclasses import asdict, dataclass

GALAT, PERINGATAN, INFO = "galat", "peringatan", "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    sheet: str
    cell: str
    message: str
    suggestion: float | str | None = None

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Options:
    """Knobs of validation."""

    batas_capaian_wajar: float = 200.0  # capaian (%) above this is worth a second look
