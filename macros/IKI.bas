Attribute VB_Name = "IKI"
' xl-iki add-in: the one ribbon callback. Every button of the IKI tab runs
' xl_iki.addin.run_button in Python with the button's id (see customUI14.xml);
' a new button needs XML and Python only, no VBA.
Option Explicit

Public Sub IKI_OnAction(control As IRibbonControl)
    ' xlwings' RunPython needs an open workbook: without one, Python is never reached
    If ActiveWorkbook Is Nothing Then
        MsgBox "Buka dulu workbook IKI, lalu tekan tombol ini lagi.", vbInformation, "xl-iki"
        Exit Sub
    End If
    RunPython "import xl_iki.addin as a; a.run_button('" & control.Id & "')"
End Sub
