"""The xl-iki Excel add-in: what its ribbon buttons run, and how it is packaged.

Excel calls ``run_button(<button id>, <add-in version>)`` through xlwings' ``RunPython`` from
the single VBA callback in ``macros/IKI.bas``; :mod:`.build` assembles ``xl_iki.xlam``. The
add-in is a convenience: the workbooks xl-iki writes are macro-free and work without it.

Importing this package loads only xlwings and :mod:`.actions` (the button path): a button's
handler module is imported on its first click, the builder only by ``xl-iki addin``.
"""

from .actions import ACTIONS, run_button

__all__ = ["ACTIONS", "run_button"]
