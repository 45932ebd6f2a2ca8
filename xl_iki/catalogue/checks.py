"""Checks across the whole catalogue: references between jabatan and indicators, cycles."""

from __future__ import annotations

from collections.abc import Callable

from ..model.catalogue import Catalogue
from .fields import Problems

# where a field was written (a line or a cell), by the position of its jabatan in the catalogue
# and of its indicator in the jabatan (None for a field of the jabatan itself)
Place = Callable[[int, "int | None", str], "int | str"]


def _nowhere(jab: int, ind: int | None, field: str) -> int:
    return 0


def _position(cat: Catalogue, node: str) -> tuple[int, int | None]:
    """The positions of the jabatan and indicator named by 'jabatan_id.indikator_id'."""
    jab_id, _, ind_id = node.partition(".")
    for j, jab in enumerate(cat.jabatan):
        if jab.id == jab_id:
            return j, next((i for i, ind in enumerate(jab.indikator) if ind.id == ind_id), None)
    return 0, None


def check_catalogue(cat: Catalogue, problems: Problems, place: Place = _nowhere) -> None:
    jab_ids = {j.id for j in cat.jabatan}
    seen_pairs: dict[tuple[str, str], str] = {}
    for j, jab in enumerate(cat.jabatan):
        where = f"jabatan '{jab.id}'"
        atasan = place(j, None, "atasan")
        if jab.atasan and jab.atasan not in jab_ids:
            problems.add(atasan, where, f"atasan '{jab.atasan}' tidak ada di katalog; tulis id "
                         "jabatan atasan yang benar atau hapus 'atasan'")
        if jab.atasan == jab.id:
            problems.add(atasan, where, "jabatan tidak bisa menjadi atasan dirinya sendiri")
        pair = (jab.nama.casefold(), jab.unit_kerja.casefold())
        if pair in seen_pairs:
            problems.add(place(j, None, "nama"), where,
                         f"nama '{jab.nama}' dengan unit kerja '{jab.unit_kerja}' sudah "
                         f"dipakai jabatan '{seen_pairs[pair]}'; bedakan dengan 'unit_kerja'")
        seen_pairs.setdefault(pair, jab.id)
        for i, ind in enumerate(jab.indikator):
            for n, k in enumerate(ind.komponen, start=1):
                if k.ref and cat.indikator(k.ref) is None:
                    problems.add(place(j, i, "komponen"),
                                 f"{where}, indikator '{ind.id}', komponen ke-{n}",
                                 f"ref '{k.ref}' merujuk indikator yang tidak ada; tulis "
                                 "id_jabatan.id_indikator yang ada di katalog")
    for cycle in ref_cycles(cat):
        problems.add(place(*_position(cat, cycle[0]), "komponen"), "",
                     "rujukan melingkar antar indikator: " + " -> ".join(cycle)
                     + "; sebuah indikator tidak boleh (lewat rujukan) bergantung pada dirinya")


def ref_cycles(cat: Catalogue) -> list[list[str]]:
    """Every reference cycle, each as a list of 'jabatan.indikator' ending where it started."""
    graph = {
        f"{j.id}.{i.id}": [r for r in (*(k.ref for k in i.komponen), i.salin)
                           if r and cat.indikator(r)]
        for j in cat.jabatan for i in j.indikator
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])
    return cycles
