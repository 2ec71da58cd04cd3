#!/bin/sh
# Builds a Timewarrior 1.4.3 database in Australia/Lord_Howe (a 30-minute DST
# shift: 24.5-hour and 23.5-hour days) and prints its export.
set -eu
export TZ=Australia/Lord_Howe
export TIMEWARRIORDB="${TIMEWARRIORDB:-$(mktemp -d)}"
touch "$TIMEWARRIORDB/timewarrior.cfg"
t() { timew "$@" >/dev/null; }
t track 2025-04-05T20:00 - 2025-04-07T06:00 "Réseaux sociaux – LinkedIn"
t annotate @1 "Conférence : deux jours"
t track 2025-10-04T18:00 - 2025-10-06T06:15 "marketing blog"
t track 2026-04-05T00:00 - 2026-04-05T23:45 "marketing blog"
t track 2026-04-06T21:10 - 2026-04-07T02:05 "Réseaux sociaux – LinkedIn" "late night"
timew export
