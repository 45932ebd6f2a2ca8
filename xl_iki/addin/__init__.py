"""The xl-iki Excel add-in: what its ribbon buttons run, and how it is packaged.

Excel calls ``run_button(<button id>)`` through xlwings' ``RunPython`` from the single VBA
callback in ``macros/IKI.bas``; :mod:`.build` assembles ``xl_iki.xlam``. The add-in is a
convenience: the workbooks xl-iki writes are macro-free and work without it.
"""

from .actions import ACTIONS, run_button

__all__ = ["ACTIONS", "run_button"]
