"""The agency's blog articles, as contents (SPEC 13) of the agency scenario.

Each article is written by one person over one to four of their blog
entries and goes online on the day of the last one: it is declared that day
(``custom "content"``, on the blog, with its address), and every blog entry
that went into it names it (``content:``). In the two weeks after, a small
share of the other time entries (a LinkedIn post, a reel, the newsletter)
spread the latest article, and a share of the clients' touches say they came
through the article of the month before.

Its draws come from a random generator of its own, seeded from the
scenario's seed: the agency's other draws, hence its hours, amounts and
dates, are the same as they would be without contents.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from datetime import date, timedelta

from beancount_timeroi.example.ledger_text import Directive, content, slug

BLOG = "blog"
"""The channel every article is published on."""
SITE = "https://agency.example"
"""The agency's web site (a reserved name: the agency is fictional)."""
ENTRIES_PER_ARTICLE = (1, 2, 2, 2, 3, 3, 4)
"""How many blog entries an article takes: about two and a half."""
SPREAD = timedelta(days=14)
SPREAD_SHARE = 0.05
"""The share of the other entries of the two weeks after a publication that spread it."""
TOUCH_WINDOW = timedelta(days=30)
TOUCH_SHARE = 0.2
"""The share of touches that name the latest article of the month before them."""

TITLE_DRAWS = 5
"""How many titles are drawn for an article before a used one starts a series."""
TOPICS = (
    "Instagram Reels", "LinkedIn carousels", "email newsletters", "local SEO", "short videos",
    "podcast guests", "brand voice", "content calendars", "customer reviews", "landing pages",
    "TikTok trends", "YouTube thumbnails", "Google Business profiles", "blog SEO",
    "case studies", "web analytics", "influencer partnerships", "event promotion",
    "seasonal campaigns", "accessible design",
)  # fmt: skip
AUDIENCES = (
    "bakeries", "law firms", "clinics", "bookshops", "breweries", "co-ops", "small shops",
    "non-profits", "restaurants", "garages", "galleries", "theatres", "pharmacies", "cafés",
    "start-ups", "yoga studios",
)  # fmt: skip
FORMS = (
    "{n} {topic} ideas for {audience}",
    "{Topic} for {audience}: where to start",
    "How {audience} can get more from {topic}",
    "What {audience} get wrong about {topic}",
    "{Topic}, explained for {audience}",
    "The {topic} checklist for {audience}",
    "{Topic} for {audience}: worth it?",
    "{n} lessons on {topic} from {audience}",
)


@dataclass(frozen=True)
class Article:
    """An article as published: its slug, title and day."""

    slug: str
    title: str
    published: date

    def declaration(self) -> Directive:
        """Its ``custom "content"`` directive, with its address."""
        return content(self.published, self.slug, BLOG, self.title, f"{SITE}/blog/{self.slug}/")


@dataclass
class Draft:
    """An article someone is writing: how many blog entries it still takes."""

    slug: str
    title: str
    entries_left: int
    last_day: date


class Articles:
    """The articles of the agency's blog, drawn as its time entries come, day after day."""

    def __init__(self, seed: int, blog_words: tuple[str, ...] = (BLOG,)) -> None:
        self.rng = random.Random(f"agency-contents-{seed}")
        self.blog_words = blog_words
        self.drafts: dict[str, Draft] = {}  # who: the article they are writing
        self.published: list[Article] = []  # by publication day
        self.slugs: set[str] = set()

    def content(self, day: date, who: str, channel: str) -> str | None:
        """The content a time entry names: on the blog, the article its person is
        writing; elsewhere, for a small share, the latest article if it is recent."""
        if channel in self.blog_words:
            return self.write(day, who)
        latest = self.published[-1] if self.published else None
        if latest and day - latest.published <= SPREAD and self.rng.random() < SPREAD_SHARE:
            return latest.slug
        return None

    def write(self, day: date, who: str) -> str:
        """An entry of ``who`` on the blog: a step of their article, the last one publishes it."""
        draft = self.drafts.get(who)
        if draft is None:
            title = self.title()
            draft = Draft(slug(title), title, self.rng.choice(ENTRIES_PER_ARTICLE), day)
            self.drafts[who] = draft
        draft.entries_left -= 1
        draft.last_day = day
        if draft.entries_left == 0:
            self.publish(who)
        return draft.slug

    def publish(self, who: str) -> None:
        """``who``'s article goes online on the day of its last entry."""
        draft = self.drafts.pop(who)
        article = Article(draft.slug, draft.title, draft.last_day)
        bisect.insort(self.published, article, key=lambda a: a.published)

    def finish(self) -> None:
        """At the end of the books, every article in progress goes online as it is."""
        for who in list(self.drafts):
            self.publish(who)

    def touch_content(self, day: date) -> str | None:
        """For a share of the touches, the latest article of the month before ``day``."""
        days = [article.published for article in self.published]
        index = bisect.bisect_right(days, day)
        if index == 0 or day - self.published[index - 1].published > TOUCH_WINDOW:
            return None
        return self.published[index - 1].slug if self.rng.random() < TOUCH_SHARE else None

    def declarations(self) -> list[str]:
        """Every article's declaration, by publication day."""
        return [article.declaration().render() for article in self.published]

    def title(self) -> str:
        """A new article's title: drawn again when it was used already, a few times,
        then the next part of a series."""
        for _ in range(TITLE_DRAWS):
            title = self.draw_title()
            if slug(title) not in self.slugs:
                break
        part, unique = 1, title
        while slug(unique) in self.slugs:
            part += 1
            unique = f"{title}, part {part}"
        self.slugs.add(slug(unique))
        return unique

    def draw_title(self) -> str:
        """A title from a form, a topic and an audience."""
        topic = self.rng.choice(TOPICS)
        return self.rng.choice(FORMS).format(
            n=self.rng.randint(3, 10),
            topic=topic,
            Topic=topic[0].upper() + topic[1:],
            audience=self.rng.choice(AUDIENCES),
        )
