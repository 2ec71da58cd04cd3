"""The demo's marketing time: Camille's hour a day and Maude's three hours a week.

`plan_time` lays out two years of `TimeEntry` records: blog posts worked on
over several days, the monthly newsletter, social media in between, and Maude
from September 2024. A blog post's steps, and the LinkedIn share on its
publication day, name the post (``content:``). `time_directives` then writes
each entry as a ``custom "time"`` directive, its duration in one of the forms
of SPEC 2.3.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from beancount_timeroi.example.demo.habits import (
    BLOG_POSTS,
    BLOG_STEPS,
    DAILY_MINUTES,
    DURATION_FORMS,
    FORM_WEIGHTS,
    MAUDE_NOTES,
    MAUDE_WEEKS,
    OWNER_ACTIVITIES,
    OWNER_NOTES,
    SOCIAL,
    SOCIAL_WEIGHTS,
    SUJETS,
    TOPICS,
)
from beancount_timeroi.example.demo.studio import FRENCH_MONTHS, LAST_DAY, MAUDE_START
from beancount_timeroi.example.demo.workdays import months, working_days
from beancount_timeroi.example.ledger_text import (
    OWNER,
    Directive,
    Meta,
    quote,
    slug,
    time_entry,
    time_meta,
    weighted,
)

Notes = Mapping[tuple[str, str], tuple[str, ...]]


@dataclass(frozen=True)
class TimeEntry:
    """A piece of marketing work someone logs: a day, a channel, minutes."""

    day: date
    channel: str
    minutes: int
    description: str | None
    activity: str | None
    who: str = OWNER
    content: str | None = None  # the piece of content the time went into (SPEC 13)

    @property
    def hours(self) -> Fraction:
        """The duration in exact hours."""
        return Fraction(self.minutes, 60)

    def meta(self) -> Meta:
        """The entry's metadata in the ledger."""
        return time_meta(self.activity, self.who, self.content)


@dataclass(frozen=True)
class Task:
    """A planned piece of blog or newsletter work."""

    channel: str
    activity: str
    minutes: tuple[int, ...]
    description: str
    content: str | None = None


def plan_time(rng: random.Random) -> list[TimeEntry]:
    """Every time entry of the two years, by day, the owner's first."""
    days = working_days()
    tasks: dict[date, list[Task]] = defaultdict(list)
    for plan in (blog_tasks(rng, days), newsletter_tasks(days)):
        for day, planned in plan.items():
            tasks[day] += planned
    log = TimeLog(rng)
    entries = [entry for day in days for entry in log.owner_day(day, tasks.get(day, []))]
    entries += log.maude_weeks(set(days))
    return sorted(entries, key=lambda entry: (entry.day, entry.who != OWNER))


def blog_tasks(rng: random.Random, days: list[date]) -> dict[date, list[Task]]:
    """A post about every two weeks, worked on over several days."""
    plan: dict[date, list[Task]] = defaultdict(list)
    start = 2
    for language, title in BLOG_POSTS:
        if start + 6 >= len(days):
            break
        steps = [(0, "research"), (1, "writing"), (5, "layout"), (6, "publishing")]
        if rng.random() < 0.7:
            steps.insert(2, (3, "writing-2"))
        for offset, step in steps:
            french, english, minutes = BLOG_STEPS[step]
            if language == "fr":
                label = f"Article: {title} – {french}"
            else:
                label = f"Blog post: {title} – {english}"
            activity = "writing" if step == "writing-2" else step
            task = Task("blog", activity, minutes, label, slug(title))
            plan[days[start + offset]].append(task)
        start += rng.choice((9, 10, 10, 11))
    else:  # every title used before the end of 2025
        raise ValueError("not enough BLOG_POSTS titles for two years")
    return plan


def newsletter_tasks(days: list[date]) -> dict[date, list[Task]]:
    """The monthly newsletter: written, designed and sent early in the month."""
    plan: dict[date, list[Task]] = defaultdict(list)
    for year, month in months():
        in_month = [day for day in days if (day.year, day.month) == (year, month)]
        name = f"Infolettre de {FRENCH_MONTHS[month - 1]}"
        for day, activity, minutes, verb in (
            (in_month[1], "writing", (45, 50, 60), "rédaction"),
            (in_month[2], "design", (30, 40, 45), "design"),
            (in_month[3], "publishing", (15, 20), "envoi"),
        ):
            plan[day].append(Task("newsletter", activity, minutes, f"{name} – {verb}"))
    return plan


class TimeLog:
    """Fills the days around the planned tasks: Camille's social media, Maude's weeks."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def note(self, notes: Notes, channel: str, activity: str) -> str:
        """A description from the person's notes for that channel and activity."""
        template = self.rng.choice(notes[(channel, activity)])
        return template.format(
            n=self.rng.randint(3, 8),
            topic=self.rng.choice(TOPICS),
            sujet=self.rng.choice(SUJETS),
        )

    def social_entry(
        self, day: date, minutes: int, avoid: tuple[str, str] | None = None
    ) -> TimeEntry:
        """Camille on LinkedIn, Instagram or Facebook (not ``avoid`` again)."""
        weights = next(w for until, w in SOCIAL_WEIGHTS if until is None or day < until)
        while True:
            channel = weighted(self.rng, SOCIAL, weights)
            shares = OWNER_ACTIVITIES[channel]
            activity = weighted(self.rng, [a for a, _ in shares], [w for _, w in shares])
            if (channel, activity) != avoid:
                break
        description: str | None = self.note(OWNER_NOTES, channel, activity)
        if activity == "engagement" and self.rng.random() < 0.01:
            description = None  # a quick log without a description: narration "time"
        logged_activity = None if self.rng.random() < 0.03 else activity
        return TimeEntry(day, channel, minutes, description, logged_activity)

    def owner_day(self, day: date, tasks: list[Task]) -> list[TimeEntry]:
        """Camille's day: the planned tasks, topped up with social media."""
        budget = self.rng.choice(DAILY_MINUTES)
        entries = [
            TimeEntry(
                day,
                task.channel,
                self.rng.choice(task.minutes),
                task.description,
                task.activity,
                content=task.content,
            )
            for task in tasks
        ]
        remaining = budget - sum(entry.minutes for entry in entries)
        if not entries:
            if budget >= 50 and self.rng.random() < 0.45:
                first = self.rng.choice(range(20, budget - 15, 5))
                entry = self.social_entry(day, first)
                avoid = (entry.channel, entry.activity or "")
                entries = [entry, self.social_entry(day, budget - first, avoid)]
            else:
                entries = [self.social_entry(day, budget)]
        elif len(entries) == 1 and remaining >= 15:
            task = tasks[0]
            if task.activity == "publishing" and task.channel == "blog":
                shared = "Shared the new article on LinkedIn"
                minutes = min(remaining, 30)
                entry = TimeEntry(day, "linkedin", minutes, shared, "writing", content=task.content)
                entries.append(entry)
            else:
                entries.append(self.social_entry(day, remaining))
        return entries

    def maude_weeks(self, workdays: set[date]) -> list[TimeEntry]:
        """Maude's design and scheduling on Instagram and Facebook, week after week."""
        entries: list[TimeEntry] = []
        monday = MAUDE_START - timedelta(days=MAUDE_START.weekday())
        while monday <= LAST_DAY:
            for weekday, minutes in self.rng.choice(MAUDE_WEEKS):
                day = monday + timedelta(days=weekday)
                if day < MAUDE_START or day not in workdays:
                    continue
                if minutes >= 90 and self.rng.random() < 0.5:
                    first = self.rng.choice((40, 45, 60))
                    parts = [("instagram", first), ("facebook", minutes - first)]
                else:
                    parts = [(weighted(self.rng, ("instagram", "facebook"), (6, 4)), minutes)]
                for channel, part in parts:
                    activity = self.rng.choice(("design", "scheduling"))
                    note = self.note(MAUDE_NOTES, channel, activity)
                    entries.append(TimeEntry(day, channel, part, note, activity, who="maude"))
            monday += timedelta(days=7)
        return entries


def decimal_hours(minutes: int) -> str:
    """90 -> '1.5', 45 -> '0.75', 60 -> '1' (only for whole quarter hours)."""
    return f"{(Decimal(minutes) / 60).normalize():f}"


def format_duration(minutes: int, form: str) -> str | None:
    """Write a duration in one of the forms of SPEC 2.3, or None if it does not fit."""
    hours, rest = divmod(minutes, 60)
    quarter = minutes % 15 == 0
    match form:
        case "number":
            return decimal_hours(minutes) if quarter else None
        case "number-string":
            return quote(decimal_hours(minutes)) if quarter else None
        case "H" | "HR":
            return f"{decimal_hours(minutes)} {form}" if quarter else None
        case "HRS" | "HOURS":
            return f"{decimal_hours(minutes)} {form}" if quarter and minutes != 60 else None
        case "HOUR":
            return "1 HOUR" if minutes == 60 else None
        case "MIN" | "MINS" | "MINUTE" | "MINUTES":
            return f"{minutes} {form}"
        case "1h30":
            return quote(f"{hours}h{rest:02d}") if hours and rest else None
        case "1h30m":
            return quote(f"{hours}h{rest:02d}m") if hours and rest else None
        case "2h":
            return quote(f"{hours}h") if not rest else None
        case "45m":
            return quote(f"{minutes}m")
        case "90min":
            return quote(f"{minutes}min")
        case "1.5h":
            return quote(f"{decimal_hours(minutes)}h") if quarter else None
        case "1:15":
            return quote(f"{hours}:{rest:02d}")
    raise ValueError(f"unknown duration form {form!r}")


def time_directives(rng: random.Random, entries: list[TimeEntry]) -> list[Directive]:
    """Each entry as a ``custom "time"`` directive, its duration written in a form its
    person likes; every form of SPEC 2.3 shows up at least once."""
    directives, used = [], set()
    for entry in entries:
        forms = [form for form in DURATION_FORMS if format_duration(entry.minutes, form)]
        weights = [FORM_WEIGHTS[entry.who][DURATION_FORMS.index(form)] for form in forms]
        form = weighted(rng, forms, weights)
        used.add(form)
        duration = str(format_duration(entry.minutes, form))
        directives.append(
            time_entry(entry.day, entry.channel, duration, entry.description, entry.meta())
        )
    missing = [form for form in DURATION_FORMS if form not in used]
    if missing:
        raise ValueError(f"duration forms never used: {missing}")
    return directives
