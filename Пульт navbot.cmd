@echo off
chcp 65001 >nul
rem Пульт navbot: двойной щелчок открывает пульт в браузере. Окно не закрывайте, пока работаете с пультом.
cd /d "%~dp0"
call npm run console
pause
