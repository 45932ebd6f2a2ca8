"""Runs a Lite main.py the way xlwings Lite does (run in a subprocess by tests/test_lite.py,
with XLWINGS_ON_SERVER=true so that xlwings' decorators are the Lite/Server ones):

    python lite_driver.py MAIN.py REQUEST.json  ->  JSON on stdout

REQUEST: {"payload": <workbook JSON>, "scripts": [names], "functions": [[name, args], ...]}.
Each script runs on a fresh remote-engine book of the payload; its recorded actions are
returned, with the scripts' and functions' metadata as Lite reads it. tests/lite_pyodide.mjs
runs the same :func:`answer` under Pyodide.
"""

from __future__ import annotations

import asyncio
import copy
import importlib.util
import json
import sys

import xlwings as xw
from xlwings.server import (
    custom_functions_call,
    custom_functions_meta,
    custom_scripts_call,
    custom_scripts_meta,
)


def load(path: str):
    spec = importlib.util.spec_from_file_location("main", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def call(main, name: str, args: list) -> object:
    data = {"version": xw.__version__, "client": "Office.js", "runtime": "1.4",
            "culture_info_name": "id-ID", "func_name": name, "args": [[[a]] for a in args]}
    return await custom_functions_call(data, main)


async def run(main, name: str, payload: dict) -> list[dict]:
    book = xw.Book(json=copy.deepcopy(payload))
    await custom_scripts_call(main, name, typehint_to_value={xw.Book: book})
    return book.json()["actions"]


async def answer(main_path: str, request_path: str) -> str:
    """The JSON answer to a request (awaited directly under Pyodide, whose event loop is the
    browser's or Node's)."""
    main = load(main_path)
    with open(request_path, encoding="utf-8") as f:
        request = json.load(f)
    import xl_iki

    return json.dumps({
        "package": xl_iki.__file__,
        "python": "{}.{}".format(*sys.version_info),
        "scripts_meta": custom_scripts_meta(main),
        "functions_meta": custom_functions_meta(main)["functions"],
        "functions": [await call(main, name, args) for name, args in request["functions"]],
        "scripts": {name: await run(main, name, request["payload"])
                    for name in request["scripts"]},
    }, default=str)


if __name__ == "__main__":
    print(asyncio.run(answer(sys.argv[1], sys.argv[2])))
