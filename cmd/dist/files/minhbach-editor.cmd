@echo off
rem minhbach {{.Version}}: opens the form editor of the site in the folder
rem {{.Site}} in the default browser. Keep this window open while you work;
rem close it to stop. (ASCII only: cmd.exe reads this file in the code page
rem of the console, not in UTF-8.)
title minhbach {{.Version}}
cd /d "%~dp0{{.Site}}"
echo minhbach: dang mo trinh soan thao... / opening the editor...
echo Giu cua so nay mo khi lam viec; dong cua so de dung.
echo Keep this window open while you work; close it to stop.
echo.
"%~dp0{{.Binary}}" serve -open
echo.
pause
