Attribute VB_Name = "IKI"
' xl-iki add-in: the one ribbon callback. Every button of the IKI tab runs
' xl_iki.addin.run_button in Python with the button's id (see customUI14.xml);
' a new button needs XML and Python only, no VBA.
' Before the first call to Python of an Excel session, the Python the add-in will run is
' checked here: present, not the Microsoft Store placeholder, xlwings' DLL beside it, and
' xl_iki importable in this add-in's version. Each problem is explained in Indonesian
' with what to do, instead of a raw message from cmd, xlwings or Python.
Option Explicit

' set by xl_iki/addin/build.py to the xl-iki version the add-in is built with
Private Const XL_IKI_VERSION As String = "dev"
Private Const TITLE As String = "xl-iki"
Private Const STORE_FOLDER As String = "\microsoft\windowsapps\"
Private Const REINSTALL As String = "Jalankan lagi pasang.bat dari paket pemasangan xl-iki " & _
    "(atau perintah 'xl-iki addin install'), tutup semua jendela Excel, lalu buka lagi. " & _
    "Panduan: pasang-add-in.md, bagian 'Bila tombol tidak bekerja'."

' the Python that passed the checks in this Excel session
Private Checked As String

Public Sub IKI_OnAction(control As IRibbonControl)
    ' xlwings' RunPython needs an open workbook: without one, Python is never reached
    If ActiveWorkbook Is Nothing Then
        MsgBox "Buka dulu workbook IKI, lalu tekan tombol ini lagi.", vbInformation, TITLE
        Exit Sub
    End If
    If Not PythonReady() Then Exit Sub
    RunPython "import xl_iki.addin as a; a.run_button('" & control.Id & _
        "', addin_version='" & XL_IKI_VERSION & "')"
End Sub

Private Function PythonReady() As Boolean
    Dim exe As String, problem As String
    exe = PythonPath()
    If exe <> "" And exe = Checked Then
        PythonReady = True
        Exit Function
    End If
    problem = InterpreterProblem(exe)
    If problem = "" Then problem = DllProblem(exe)
    If problem = "" Then problem = PackageProblem(exe)
    If problem <> "" Then
        MsgBox problem, vbCritical, TITLE
        Exit Function
    End If
    Checked = exe
    PythonReady = True
End Function

' The Python xlwings will run: INTERPRETER_WIN of the config (the add-in's sheet, then
' %USERPROFILE%\.xl_iki\xl_iki.conf), else the first pythonw.exe on PATH
Private Function PythonPath() As String
    PythonPath = GetConfig("INTERPRETER_WIN", "")
    If PythonPath = "" Then PythonPath = GetConfig("INTERPRETER", "")
    If PythonPath = "" Or LCase$(PythonPath) = "pythonw" Or LCase$(PythonPath) = "python" Then
        PythonPath = OnPath("pythonw.exe")
    End If
End Function

' The first file of that name in a PATH folder, the Store placeholder only if nothing else
Private Function OnPath(exe As String) As String
    Dim folder As Variant, candidate As String
    For Each folder In Split(Environ$("PATH"), ";")
        candidate = Replace(folder, """", "")
        If Len(candidate) > 0 Then
            If Right$(candidate, 1) <> "\" Then candidate = candidate & "\"
            candidate = candidate & exe
            If Exists(candidate) Then
                If Not IsStore(candidate) Then
                    OnPath = candidate
                    Exit Function
                End If
                If OnPath = "" Then OnPath = candidate
            End If
        End If
    Next folder
End Function

Private Function Exists(path As String) As Boolean
    On Error Resume Next
    Exists = Len(Dir$(path, vbNormal Or vbHidden Or vbSystem Or vbReadOnly)) > 0
End Function

Private Function IsStore(path As String) As Boolean
    IsStore = InStr(1, LCase$(path), STORE_FOLDER) > 0
End Function

Private Function InterpreterProblem(exe As String) As String
    If exe = "" Then
        InterpreterProblem = "Python tidak ditemukan di komputer ini." & vbLf & vbLf & _
            "Tombol tab IKI dijalankan oleh Python yang memuat paket xl-iki, tetapi tidak " & _
            "ada Python yang dicatat untuk xl-iki maupun yang ada di PATH." & vbLf & vbLf & REINSTALL
    ElseIf IsStore(exe) Then
        InterpreterProblem = "Python yang ditemukan (" & exe & ") adalah pintasan Microsoft " & _
            "Store, bukan Python yang dipasang untuk xl-iki: pintasan itu membuka Microsoft " & _
            "Store, atau menjalankan Python yang tidak bisa dipakai add-in." & vbLf & vbLf & REINSTALL
    ElseIf Not Exists(exe) Then
        InterpreterProblem = "Python yang dicatat untuk xl-iki tidak ada lagi: " & exe & _
            " (mungkin sudah dilepas atau dipindahkan)." & vbLf & vbLf & REINSTALL & vbLf & _
            "Pengaturan Python ada di berkas " & GetConfigFilePath() & "."
    End If
End Function

' xlwings loads its DLL from the Python's folder or the one above it (a venv)
Private Function DllProblem(exe As String) As String
    Dim dll As String, folder As String
    #If Win64 Then
        dll = "xlwings64-" & XLWINGS_VERSION & ".dll"
    #Else
        dll = "xlwings32-" & XLWINGS_VERSION & ".dll"
    #End If
    If InStrRev(exe, "\") = 0 Then Exit Function
    folder = Left$(exe, InStrRev(exe, "\") - 1)
    If Exists(folder & "\" & dll) Then Exit Function
    If InStrRev(folder, "\") > 0 Then
        If Exists(Left$(folder, InStrRev(folder, "\")) & dll) Then Exit Function
    End If
    DllProblem = "Berkas " & dll & " (penghubung Excel dengan Python, dari xlwings " & _
        XLWINGS_VERSION & ") tidak ada di samping Python " & exe & "." & vbLf & vbLf & _
        "Ini terjadi bila xlwings versi lain yang terpasang, atau bila xlwings dipasang " & _
        "dengan 'pip install --user' atau pada Python dari Microsoft Store (berkasnya lalu " & _
        "berada di folder data pengguna)." & vbLf & vbLf & REINSTALL
End Function

' Runs the Python once, hidden: it writes "<xl-iki version> <xlwings version>" to a file
Private Function PackageProblem(exe As String) As String
    Dim answer As String, found As String, code As String, f As Integer
    answer = Environ$("TEMP") & "\xl-iki-periksa.txt"
    code = "import sys, xl_iki; from importlib.metadata import version; " & _
        "open(sys.argv[1], 'w').write(xl_iki.__version__ + ' ' + version('xlwings'))"
    On Error Resume Next
    Kill answer
    CreateObject("WScript.Shell").Run Chr(34) & exe & Chr(34) & " -c " & Chr(34) & code & _
        Chr(34) & " " & Chr(34) & answer & Chr(34), 0, True
    If Exists(answer) Then
        f = FreeFile
        Open answer For Input As #f
        Line Input #f, found
        Close #f
        Kill answer
    End If
    On Error GoTo 0
    If found = "" Then
        PackageProblem = "Paket Python xl-iki tidak dapat dimuat oleh Python " & exe & _
            " (belum dipasang di Python itu, atau pemasangannya rusak)." & vbLf & vbLf & REINSTALL
    ElseIf found <> XL_IKI_VERSION & " " & XLWINGS_VERSION Then
        PackageProblem = "Add-in ini dibuat untuk xl-iki " & XL_IKI_VERSION & " dengan xlwings " & _
            XLWINGS_VERSION & ", tetapi Python " & exe & " memuat xl-iki dan xlwings versi " & _
            Replace(found, " ", " dan ") & "." & vbLf & vbLf & REINSTALL
    End If
End Function
