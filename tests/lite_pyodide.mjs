// Runs tests/lite_driver.py's answer() under Pyodide (Node), offline:
//   node lite_pyodide.mjs PYODIDE_DIR SITE_PACKAGES.zip MAIN.py DRIVER.py REQUEST.json
// PYODIDE_DIR holds the `pyodide` npm package; SITE_PACKAGES.zip the pure-Python packages
// (unpacked into site-packages); the answer (JSON) goes to stdout, a Python error to stderr.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, sitePackages, mainPy, driverPy, requestJson] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: pyodideDir, stdout: () => {}, stderr: () => {} });
const bytes = (path) => new Uint8Array(readFileSync(path));
const version = py.runPython("import sys; f'{sys.version_info[0]}.{sys.version_info[1]}'");
py.unpackArchive(bytes(sitePackages), "zip",
                 { extractDir: `/lib/python${version}/site-packages` });
py.FS.mkdirTree("/work");
for (const [name, path] of [["main.py", mainPy], ["lite_driver.py", driverPy],
                            ["request.json", requestJson]]) {
  py.FS.writeFile(`/work/${name}`, bytes(path));
}
try {
  const answer = await py.runPythonAsync(`
import os, sys
os.environ["XLWINGS_ON_SERVER"] = "true"  # Lite's decorators
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"  # the remote engine, tests only
sys.path.insert(0, "/work")
from lite_driver import answer
await answer("/work/main.py", "/work/request.json")
`);
  process.stdout.write(answer);
} catch (e) {
  process.stderr.write(String(e.message));
  process.exitCode = 1;
}
