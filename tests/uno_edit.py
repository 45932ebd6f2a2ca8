"""Edit an .xlsx file with LibreOffice Calc (headless, over UNO), the way a person would.

Run it with the system interpreter, which has Debian's ``python3-uno``::

    /usr/bin/python3 tests/uno_edit.py SRC.xlsx DST.xlsx OPS.json

``OPS.json`` is a JSON list of operations applied in order (sheets by title, rows 1-based,
columns as letters):

- ``{"op": "unprotect", "sheet": S}``, ``{"op": "unprotect_all"}`` (empty password)
- ``{"op": "insert_rows", "sheet": S, "before": ROW, "count": N}``
- ``{"op": "delete_rows", "sheet": S, "row": ROW, "count": N}``
- ``{"op": "copy_sheet", "sheet": S, "new_name": T, "position": P}`` (P 0-based, optional)
- ``{"op": "rename_sheet", "sheet": S, "new_name": T}``
- ``{"op": "move_sheet", "sheet": S, "position": P}``
- ``{"op": "add_sheet", "name": T, "position": P}`` (P optional)
- ``{"op": "remove_sheet", "sheet": S}``
- ``{"op": "set", "sheet": S, "cell": "K12", "value": V}`` (number -> value, string -> text)
- ``{"op": "set_formula", "sheet": S, "cell": C, "formula": "=IF(A1>0,1,2)"}``: the formula in
  Excel's syntax, as stored in .xlsx and shown by openpyxl (``,`` separators, ``'Sheet'!A1``);
  add ``"syntax": "calc"`` for LibreOffice's own (``;`` separators, ``$Sheet.A1``, setFormula)
- ``{"op": "type", "sheet": S, "cell": C, "text": "85%"}``: the text entered as a person types it
  (Calc recognises numbers, percentages and dates and formats the cell, as its input line does)
- ``{"op": "clear", "sheet": S, "cell": C}`` (contents only, formats stay)
- ``{"op": "unhide_columns", "sheet": S, "first": "A", "last": "Z"}``
- ``{"op": "recalculate"}``

Exit code 0 on success; 1 with a message on stderr otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from office_session import OfficeError, office_document, props

EDIT_TIMEOUT = 150.0  # the whole edit; tests/office.py waits 180 s
XLSX_FILTER = "Calc MS Excel 2007 XML"

# com.sun.star.sheet.CellFlags: what the Delete key clears (contents, not formats)
_VALUE, _DATETIME, _STRING, _FORMULA = 1, 2, 4, 16
CLEAR_FLAGS = _VALUE | _DATETIME | _STRING | _FORMULA

_CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]*$")
_COLUMN = re.compile(r"^[A-Z]{1,3}$")


class EditError(OfficeError):
    """A problem the user must see (printed on stderr, exit code 1)."""


# --- the operations ---------------------------------------------------------------------------

#: op name -> (required keys, optional keys)
SPECS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "unprotect": (("sheet",), ()),
    "unprotect_all": ((), ()),
    "insert_rows": (("sheet", "before", "count"), ()),
    "delete_rows": (("sheet", "row", "count"), ()),
    "copy_sheet": (("sheet", "new_name"), ("position",)),
    "rename_sheet": (("sheet", "new_name"), ()),
    "move_sheet": (("sheet", "position"), ()),
    "add_sheet": (("name",), ("position",)),
    "remove_sheet": (("sheet",), ()),
    "set": (("sheet", "cell", "value"), ()),
    "set_formula": (("sheet", "cell", "formula"), ("syntax",)),
    "type": (("sheet", "cell", "text"), ()),
    "clear": (("sheet", "cell"), ()),
    "unhide_columns": (("sheet", "first", "last"), ()),
    "recalculate": ((), ()),
}

_INT_KEYS = {"before": 1, "row": 1, "count": 1, "position": 0}
_TEXT_KEYS = ("sheet", "new_name", "name", "formula", "text")


def validate(ops: object) -> list[dict[str, Any]]:
    """Check the shape of every operation before LibreOffice is started."""
    if not isinstance(ops, list):
        raise EditError("OPS.json must hold a JSON list of operations")
    for i, op in enumerate(ops):
        where = f"operation #{i}"
        if not isinstance(op, dict):
            raise EditError(f"{where}: not a JSON object: {op!r}")
        name = op.get("op")
        if name not in SPECS:
            raise EditError(f"{where} ({name}): unknown op {name!r} "
                            f"(known: {', '.join(sorted(SPECS))})")
        where = f"operation #{i} ({name})"
        required, optional = SPECS[name]
        missing = [k for k in required if k not in op]
        if missing:
            raise EditError(f"{where}: missing {', '.join(missing)}")
        extra = sorted(set(op) - {"op", *required, *optional})
        if extra:
            raise EditError(f"{where}: unexpected {', '.join(extra)}")
        for key, low in _INT_KEYS.items():
            value = op.get(key)
            if value is not None and (type(value) is not int or value < low):
                raise EditError(f"{where}: {key} must be an integer >= {low}, not {value!r}")
        for key in _TEXT_KEYS:
            if key in op and not (isinstance(op[key], str) and op[key]):
                raise EditError(f"{where}: {key} must be a non-empty string, not {op[key]!r}")
        for key in ("cell", "first", "last"):
            if isinstance(op.get(key), str):
                op[key] = op[key].upper()
        if "cell" in op and not (isinstance(op["cell"], str) and _CELL.match(op["cell"])):
            raise EditError(f"{where}: cell must look like 'K12', not {op['cell']!r}")
        for key in ("first", "last"):
            if key in op and not (isinstance(op[key], str) and _COLUMN.match(op[key])):
                raise EditError(f"{where}: {key} must be a column letter, not {op[key]!r}")
        if op.get("syntax", "excel") not in ("excel", "calc"):
            raise EditError(f"{where}: syntax must be 'excel' or 'calc', not {op['syntax']!r}")
        if name == "set":
            value = op["value"]
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise EditError(f"{where}: value must be a number or a string, not {value!r}")
    return ops


def column_index(letters: str) -> int:
    """0-based index of a column given by its letters ('A' -> 0, 'AA' -> 26)."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


def _sheet(doc: Any, name: str) -> Any:
    sheets = doc.Sheets
    if not sheets.hasByName(name):
        raise EditError(f"no sheet {name!r} (sheets: {', '.join(sheets.ElementNames)})")
    return sheets.getByName(name)


def _editable_cell(sheet: Any, op: dict[str, Any]) -> Any:
    """The cell of ``op``; refused, as Calc refuses a person, when locked on a protected sheet.

    (The UNO cell API itself would write through the protection.)
    """
    cell = sheet.getCellRangeByName(op["cell"])
    if sheet.isProtected() and cell.CellProtection.IsLocked:
        raise EditError(f"cell {op['cell']} of sheet {op['sheet']!r} is locked and the sheet is "
                        "protected: add an unprotect op first")
    return cell


def _free_name(doc: Any, name: str) -> None:
    if doc.Sheets.hasByName(name):
        raise EditError(f"a sheet named {name!r} already exists")


def _position(doc: Any, op: dict[str, Any]) -> int:
    count = doc.Sheets.Count
    position = op.get("position")
    if position is None:
        return count
    if position > count:
        raise EditError(f"position {position} is beyond the {count} sheets")
    return position


def apply(doc: Any, op: dict[str, Any]) -> None:
    """Apply one (validated) operation to the open document."""
    name = op["op"]
    if name == "unprotect_all":
        sheets = doc.Sheets
        for index in range(sheets.Count):
            sheet = sheets.getByIndex(index)
            if sheet.isProtected():
                sheet.unprotect("")
        return
    if name == "recalculate":
        doc.calculateAll()
        return
    if name == "add_sheet":
        _free_name(doc, op["name"])
        doc.Sheets.insertNewByName(op["name"], _position(doc, op))
        return

    sheet = _sheet(doc, op["sheet"])
    if name == "unprotect":
        sheet.unprotect("")
        if sheet.isProtected():
            raise EditError(f"sheet {op['sheet']!r} stays protected (it has a password)")
    elif name == "insert_rows":
        sheet.Rows.insertByIndex(op["before"] - 1, op["count"])
    elif name == "delete_rows":
        sheet.Rows.removeByIndex(op["row"] - 1, op["count"])
    elif name == "copy_sheet":
        _free_name(doc, op["new_name"])
        doc.Sheets.copyByName(op["sheet"], op["new_name"], _position(doc, op))
    elif name == "rename_sheet":
        _free_name(doc, op["new_name"])
        sheet.Name = op["new_name"]
    elif name == "move_sheet":
        if op["position"] >= doc.Sheets.Count:
            raise EditError(f"position {op['position']} is beyond the {doc.Sheets.Count} sheets")
        doc.Sheets.moveByName(op["sheet"], op["position"])
    elif name == "remove_sheet":
        doc.Sheets.removeByName(op["sheet"])
    elif name == "set":
        cell = _editable_cell(sheet, op)
        if isinstance(op["value"], str):
            cell.setString(op["value"])
        else:
            cell.setValue(op["value"])
    elif name == "set_formula":
        cell = _editable_cell(sheet, op)
        if op.get("syntax", "excel") == "calc":
            cell.setFormula(op["formula"])
        else:
            set_excel_formula(doc, cell, op["formula"])
    elif name == "type":
        type_into(doc, sheet, _editable_cell(sheet, op), op["text"])
    elif name == "clear":
        _editable_cell(sheet, op).clearContents(CLEAR_FLAGS)
    elif name == "unhide_columns":
        first, last = column_index(op["first"]), column_index(op["last"])
        if last < first:
            raise EditError(f"last column {op['last']} comes before first {op['first']}")
        columns = sheet.Columns
        for index in range(first, last + 1):
            columns.getByIndex(index).IsVisible = True
    else:  # pragma: no cover - validate() knows every op
        raise EditError(f"unknown op {name!r}")


def type_into(doc: Any, sheet: Any, cell: Any, text: str) -> None:
    """Enter ``text`` into ``cell`` through Calc's own input handling (.uno:EnterString)."""
    import uno
    from com.sun.star.beans import PropertyValue

    controller = doc.getCurrentController()
    controller.setActiveSheet(sheet)
    controller.select(cell)
    url = uno.createUnoStruct("com.sun.star.util.URL")
    url.Complete = url.Main = ".uno:EnterString"
    url.Protocol, url.Path = ".uno:", "EnterString"
    dispatch = controller.getFrame().queryDispatch(url, "_self", 0)
    if dispatch is None:
        raise EditError("Calc offers no input dispatch for this document")
    dispatch.dispatch(url, (PropertyValue(Name="StringName", Value=text),))


_PARSERS: dict[int, Any] = {}


def set_excel_formula(doc: Any, cell: Any, formula: str) -> None:
    """Give ``cell`` a formula written in Excel's syntax (as Calc's OOXML import reads it).

    ``XCell.setFormula`` takes Calc's own syntax and silently misreads Excel's: ``IF(A1>0,1,2)``
    becomes ``IF(A1>0,1,2,TRUE())`` there. The FormulaParser with the OOXML op-code map reads
    the text the way the .xlsx import does.
    """
    import uno

    parser = _PARSERS.get(id(doc))
    if parser is None:
        const = uno.getConstantByName
        mapper = doc.createInstance("com.sun.star.sheet.FormulaOpCodeMapper")
        entries = mapper.getAvailableMappings(
            const("com.sun.star.sheet.FormulaLanguage.OOXML"),
            const("com.sun.star.sheet.FormulaMapGroup.ALL_EXCEPT_SPECIAL"))
        parser = doc.createInstance("com.sun.star.sheet.FormulaParser")
        uno.invoke(parser, "setPropertyValue", ("OpCodeMap", uno.Any(
            "[]com.sun.star.sheet.FormulaOpCodeMapEntry", tuple(entries))))
        parser.setPropertyValue("FormulaConvention",
                                const("com.sun.star.sheet.AddressConvention.XL_OOX"))
        parser.setPropertyValue("CompileEnglish", True)
        _PARSERS[id(doc)] = parser
    tokens = parser.parseFormula(formula, cell.CellAddress)
    uno.invoke(cell, "setTokens", (uno.Any("[]com.sun.star.sheet.FormulaToken", tokens),))


def _hint(doc: Any, op: dict[str, Any]) -> str:
    """Why LibreOffice may have refused ``op`` (its exceptions rarely say)."""
    try:
        name = op.get("sheet")
        if name and doc.Sheets.hasByName(name) and doc.Sheets.getByName(name).isProtected():
            return f" (sheet {name!r} is protected: add an unprotect op first)"
    except Exception:
        pass
    return ""


# --- LibreOffice ------------------------------------------------------------------------------


def edit(src: Path, dst: Path, ops: list[dict[str, Any]]) -> None:
    """Open ``src`` in LibreOffice, apply ``ops`` and save the result as ``dst`` (xlsx)."""
    with office_document(src, EDIT_TIMEOUT) as doc:
        if not hasattr(doc, "Sheets"):
            raise EditError(f"LibreOffice could not open {src} as a spreadsheet")
        for i, op in enumerate(ops):
            try:
                apply(doc, op)
            except EditError as exc:
                raise EditError(f"operation #{i} ({op['op']}): {exc}") from None
            except Exception as exc:  # UNO exceptions: IllegalArgument, Runtime, ...
                raise EditError(f"operation #{i} ({op['op']}) failed in LibreOffice: "
                                f"{type(exc).__name__}: {exc}{_hint(doc, op)}") from None
        out = dst.with_name(f".~{dst.name}")
        doc.storeToURL(out.resolve().as_uri(), props(FilterName=XLSX_FILTER, Overwrite=True))
        if not out.is_file():
            raise EditError(f"LibreOffice did not write {dst}")
        out.replace(dst)


def main(argv: list[str]) -> int:
    """Command line entry point."""
    if len(argv) != 3:
        print("usage: /usr/bin/python3 uno_edit.py SRC.xlsx DST.xlsx OPS.json", file=sys.stderr)
        return 1
    src, dst, ops_path = (Path(a) for a in argv)
    try:
        try:
            ops = json.loads(ops_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EditError(f"cannot read operations from {ops_path}: {exc}") from None
        edit(src, dst, validate(ops))
    except OfficeError as exc:
        print(f"uno_edit: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        print(f"uno_edit: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
