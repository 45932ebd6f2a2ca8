@echo off
rem xl-iki: installs xl-iki and its Excel add-in from this bundle, without internet.
rem Finds a Python 3.10-3.13 (an activated venv, the py launcher, python.org per user or
rem for all users, then PATH without the Microsoft Store placeholder) and runs pasang.py.
setlocal EnableExtensions EnableDelayedExpansion
set "HERE=%~dp0"
set "PYEXE="
set "PYARG="
set "STORE="

rem 1. a virtual environment the user has activated
if defined VIRTUAL_ENV if exist "%VIRTUAL_ENV%\Scripts\python.exe" set "PYEXE=%VIRTUAL_ENV%\Scripts\python.exe"

rem 2. the py launcher of python.org, newest supported version first
if not defined PYEXE for %%V in (3.13 3.12 3.11 3.10) do (
    if not defined PYEXE (
        py -%%V -c "import sys" >nul 2>&1
        if !errorlevel! equ 0 (
            set "PYEXE=py"
            set "PYARG=-%%V"
        )
    )
)

rem 3. python.org installs: per user, then for all users
if not defined PYEXE for %%V in (313 312 311 310) do (
    for %%D in ("%LOCALAPPDATA%\Programs\Python\Python%%V" "%ProgramFiles%\Python%%V") do (
        if not defined PYEXE if exist "%%~D\python.exe" set "PYEXE=%%~D\python.exe"
    )
)

rem 4. python on PATH, except the Microsoft Store placeholder in WindowsApps
if not defined PYEXE for /f "delims=" %%P in ('where python 2^>nul') do (
    if not defined PYEXE (
        echo %%P| findstr /i /l "WindowsApps" >nul
        if !errorlevel! equ 0 (
            set "STORE=%%P"
        ) else (
            set "PYEXE=%%P"
        )
    )
)

if not defined PYEXE (
    echo.
    if defined STORE (
        echo Python yang ditemukan hanya pintasan Microsoft Store:
        echo     !STORE!
        echo Pintasan itu membuka Microsoft Store, bukan menjalankan Python.
    ) else (
        echo Python 3.10 sampai 3.13 tidak ditemukan di komputer ini.
    )
    echo Pasang Python 3.12 dari python.org - cukup untuk pengguna ini, tanpa hak
    echo administrator - lalu jalankan pasang.bat lagi. Panduan: pasang-add-in.md.
    echo.
    pause
    exit /b 1
)

echo Memakai Python: %PYEXE% %PYARG%
"%PYEXE%" %PYARG% "%HERE%pasang.py"
set "CODE=%errorlevel%"
echo.
pause
exit /b %CODE%
