"""Names the add-in's parts agree on, in a module without imports: the ribbon's button path
(:mod:`.actions`) reads them without loading the builder (:mod:`.build`, with pyopenvba and
openpyxl) or the workbook writer."""

ADDIN_FILE = "xl_iki.xlam"
XLSM_FILE = "xl_iki_addin.xlsm"
#: xlwings' PROJECT_NAME: names the config sheet ("xl_iki.conf") and the per-user config
#: file (%USERPROFILE%\.xl_iki\xl_iki.conf)
PROJECT_NAME = "xl_iki"
CONFIG_SHEET = f"{PROJECT_NAME}.conf"
#: the guide sheet of a generated workbook (xl_iki.workbook.template.GUIDE; a test binds them)
GUIDE = "Petunjuk"
