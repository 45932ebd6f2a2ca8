"""The fills of the generator's cell roles as RRGGBB, without openpyxl: :mod:`.styles` makes
its named styles from them, the add-in's buttons paint and restore cells with them."""

INPUT = "FFF9DB"
FORMULA = "EEF3F8"
HEADER = "D9E2F3"
PART = "F7F7F7"
