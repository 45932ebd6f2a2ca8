"""Mutation check of the numbers: does a test fail when the model or a formula builder is wrong?

Each mutant is one small textual change to the model (xl_iki/model/numbers.py), the formula
builders (xl_iki/workbook/formulas.py) or the consolidation check; it is applied to a copy of
the project in a temporary folder and the fast tests that guard the numbers are run there
(stopping at the first failure). A surviving mutant is a change no test notices: either a
missing test, or an equivalent mutant (same numbers by construction; the list says which).

    python -m bench.mutation [--only NAME ...] [--tests TEST ...] [--office]

``--office`` also runs office-marked tests (LibreOffice, Gnumeric), and the ones a mutant names.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUMBERS, FORMULAS = "xl_iki/model/numbers.py", "xl_iki/workbook/formulas.py"
COLLECT = "xl_iki/consolidate/collect.py"
FAST_TESTS = ("tests/test_formula_text.py", "tests/test_numbers.py", "tests/test_udfs.py",
              "tests/test_band_edges.py", "tests/test_oracle.py", "tests/test_engines.py")


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    old: str
    new: str
    equivalent: str = ""  # why the numbers cannot change, for a mutant expected to survive
    office_tests: tuple[str, ...] = ()


MUTANTS = (
    # the four survivors of the first mutation run (issue 11)
    Mutant("quote_sheet: apostrophe not doubled", FORMULAS,
           """return "'" + title.replace("'", "''") + "'\"""", """return "'" + title + "'\""""),
    Mutant("text_literal: quote not doubled", FORMULAS,
           """return '"' + text.replace('"', '""') + '"'""", """return '"' + text + '"'"""),
    Mutant("num: 6 significant digits (:g)", FORMULAS,
           'return repr(float(value)).removesuffix(".0") if float(value).is_integer() '
           "else repr(value)", 'return f"{float(value):g}"'),
    Mutant("formula ada_tidak: >= instead of =", FORMULAS,
           "IF({y}={lo},100,0)", "IF({y}>={lo},100,0)"),
    # the same rules in the model
    Mutant("model ada_tidak: >= instead of ==", NUMBERS,
           "value = 100.0 if real == lo else 0.0", "value = 100.0 if real >= lo else 0.0"),
    Mutant("model: no rounding of capaian", NUMBERS,
           "return round_capaian(value if cap is None else min(cap, value))",
           "return value if cap is None else min(cap, value)"),
    Mutant("model: banker's rounding", NUMBERS,
           "return float(hundredths.quantize(WHOLE, ROUND_HALF_UP, context=WIDE)) / 100",
           'return float(hundredths.quantize(WHOLE, "ROUND_HALF_EVEN", context=WIDE)) / 100'),
    Mutant("model: no noise removal before rounding", NUMBERS,
           "hundredths = Decimal(repr(scaled)).quantize(NOISE, ROUND_HALF_UP, context=WIDE)",
           "hundredths = Decimal(scaled)"),
    Mutant("model: mean capaian not rounded", NUMBERS,
           "mean = round_capaian(sum_left(filled) / len(filled)) if filled else None",
           "mean = sum_left(filled) / len(filled) if filled else None"),
    Mutant("model predikat: > instead of >=", NUMBERS,
           "for b in bands if value >= b.min", "for b in bands if value > b.min"),
    Mutant("model turun: no floor at 0", NUMBERS,
           "value = max(0.0, (2 * t - real) / t * 100)", "value = (2 * t - real) / t * 100"),
    Mutant("model range: hi bound used below the range", NUMBERS,
           "t = hi if real > hi else lo", "t = hi"),
    Mutant("model ratio: sum of quarter ratios", NUMBERS,
           "if JENIS[ind.jenis].is_ratio:  # a ratio of sums, never a sum of ratios",
           "if False:"),
    Mutant("formula: plain ROUND(x,2)", FORMULAS,
           'return f"ROUND(ROUND({expr}*100,6),0)/100"', 'return f"ROUND({expr},2)"'),
    Mutant("formula: no rounding", FORMULAS,
           'return f"ROUND(ROUND({expr}*100,6),0)/100"', 'return expr'),
    Mutant("formula: cap not rounded", FORMULAS,
           'f"MIN({num(round_capaian(cap))},{expr})"', 'f"MIN({num(cap)},{expr})"'),
    Mutant("formula predikat: > instead of >=", FORMULAS,
           'out = f"IF({cell}>={num(band.min)},', 'out = f"IF({cell}>{num(band.min)},'),
    Mutant("formula ratio: every quarter summed", FORMULAS,
           'return "+".join(f"IF(ISNUMBER({v.letter}{row}),{tw.letter}{part},0)"',
           'return "+".join(f"{tw.letter}{part}"'),
    Mutant("formula turun: no floor at 0", FORMULAS,
           'rule = rounded(f"MAX(0,(2*{t}-{y})/{t}*100)")',
           'rule = rounded(f"(2*{t}-{y})/{t}*100")'),
    Mutant("formula: target used >= instead of >", FORMULAS,
           "IF({y}>{hi},{hi},{lo})", "IF({y}>={hi},{hi},{lo})",
           equivalent="at y = hi a range is inside (capaian 100 either way) and a single target "
                      "has lo = hi"),
    Mutant("formula mean: not rounded", FORMULAS,
           '{rounded(f"AVERAGE({cells})")}', '{f"AVERAGE({cells})"}'),
    Mutant("consolidate: predikat not compared", COLLECT,
           'if isinstance(label, str) and label.strip() and label.strip() != ours["predikat"]:',
           "if False:", office_tests=("tests/test_consolidate_predikat.py",)),
)


def copy_project(dest: Path) -> None:
    for part in ("xl_iki", "tests", "examples", "bench", "templates", "pyproject.toml"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)


def apply(dest: Path, mutant: Mutant) -> None:
    path = dest / mutant.path
    text = path.read_text(encoding="utf-8")
    count = text.count(mutant.old)
    if count != 1:
        raise SystemExit(f"{mutant.name}: the original text occurs {count} times in {mutant.path}")
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def run_tests(dest: Path, tests: tuple[str, ...], office: bool) -> tuple[bool, str]:
    """(killed, first failing test) for the copy in ``dest``."""
    env = {**os.environ, "PYTHONPATH": str(dest), "PYTHONDONTWRITEBYTECODE": "1"}
    marker = [] if office else ["-m", "not office"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *marker,
         "--hypothesis-seed=0", *tests], cwd=dest, env=env, capture_output=True, text=True)
    failed = next((line.split()[1] for line in proc.stdout.splitlines()
                   if line.startswith(("FAILED", "ERROR"))), "")
    return proc.returncode != 0, failed


def check_isolation(dest: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(dest)}
    where = subprocess.run([sys.executable, "-c", "import xl_iki; print(xl_iki.__file__)"],
                           cwd=dest, env=env, capture_output=True, text=True).stdout.strip()
    if not where.startswith(str(dest)):
        raise SystemExit(f"the copy is not the code under test (xl_iki from {where})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only mutants whose name contains this")
    parser.add_argument("--tests", nargs="*", default=list(FAST_TESTS),
                        help="the tests to run (default: the fast tests of the numbers)")
    parser.add_argument("--office", action="store_true", help="also run office-marked tests")
    args = parser.parse_args(argv)
    mutants = [m for m in MUTANTS if not args.only or any(o in m.name for o in args.only)]
    survivors = []
    for mutant in mutants:
        with tempfile.TemporaryDirectory(prefix="mutant-") as tmp:
            dest = Path(tmp)
            copy_project(dest)
            check_isolation(dest)
            apply(dest, mutant)
            start = time.perf_counter()
            tests = (*args.tests, *(mutant.office_tests if args.office else ()))
            killed, by = run_tests(dest, tests, args.office)
            seconds = time.perf_counter() - start
        if killed:
            state = f"killed    {seconds:5.1f} s  by {by}"
        elif mutant.office_tests and not args.office:
            state = f"not run   (needs --office: {', '.join(mutant.office_tests)})"
        else:
            state = f"SURVIVED  {seconds:5.1f} s" + (f"  equivalent: {mutant.equivalent}"
                                                     if mutant.equivalent else "")
            survivors.append(mutant)
        print(f"{mutant.name:50} {state}", flush=True)
    unexpected = [m for m in survivors if not m.equivalent]
    print(f"\n{len(mutants)} mutants, {len(survivors)} survived "
          f"({len(survivors) - len(unexpected)} equivalent)")
    return 1 if unexpected else 0


if __name__ == "__main__":
    raise SystemExit(main())
