#!/bin/sh
# Builds a Timewarrior 1.4.3 database in a temporary folder and prints its export.
set -eu
export TZ=America/Toronto
export TIMEWARRIORDB="${TIMEWARRIORDB:-$(mktemp -d)}"
touch "$TIMEWARRIORDB/timewarrior.cfg"
t() { timew "$@" >/dev/null; }
t track 2025-03-02T09:00 - 2025-03-02T10:07 linkedin engagement
t annotate @1 "Replied to comments"
t track 2025-03-03T23:30 - 2025-03-04T01:00 newsletter
t annotate @1 "Late issue, « draft » 2"
t track 2025-03-05T20:00 - 2025-03-08T11:30 blog "deep work"
t track 2025-03-08T22:00 - 2025-03-10T01:00 "Social - LinkedIn"
t track 2025-03-11T10:00 - 2025-03-11T10:20
t track 2025-03-11T11:00 - 2025-03-11T11:45 errands
t track 2025-03-11T14:00 - 2025-03-11T15:00 linkedin blog
t track 2025-03-12T10:00:00 - 2025-03-12T10:00:20 linkedin
t track 2025-03-13T00:00 - 2025-03-14T00:00 blog
t track 2025-03-15T12:00 - 2025-03-16T12:00 blog
t track 2025-04-01T08:00:20 - 2025-04-03T09:15:50 newsletter
t annotate @1 "Newsletter sprint"
t track 2025-06-01T00:00 - 2025-06-08T00:00 blog
t track 2024-11-02T22:00 - 2024-11-04T02:00 blog
t track 2025-11-01T12:00 - 2025-11-02T10:00 instagram
t track 2025-11-02T23:40:31 - 2025-11-03T00:20:29 instagram
t start 2025-12-01T09:00 linkedin
timew export
