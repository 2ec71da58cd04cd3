"""The studio's blog posts as contents (SPEC 13): what each article cost and brought.

Every post of `habits.BLOG_POSTS` published in the two years is declared on
its publication day, on the blog, at its address on the studio's site. The
steps of writing it and the LinkedIn share on the day name it already
(`timelog`); `with_diffusion` adds how Camille spreads it in the days after:
a carousel or a post on LinkedIn or Instagram, and the newsletter when an
issue is written right after. The few touches, the invoice and the boosted
post that name a post are in `clients` and `costs`; `check_contents` holds
every one of them to the declarations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from beancount_timeroi.example.demo.habits import BLOG_POSTS
from beancount_timeroi.example.demo.timelog import TimeEntry
from beancount_timeroi.example.ledger_text import OWNER, Directive, content, slug

SITE = "https://studiocamille.example"
"""The studio's web site (a reserved name: the studio is fictional)."""
BLOG = "blog"
"""The channel the posts are published on."""
SPREAD = timedelta(days=5)
"""How long after its publication a social post may spread an article."""
NEWSLETTER_LAG = timedelta(days=3)
"""A newsletter written this soon after a publication leads with the new article."""

DIFFUSION_NOTES = {  # (channel, activity): the (French, English) note, {title} the post's
    ("linkedin", "writing"): ("Texte du carrousel : {title}", "Carousel text: {title}"),
    ("linkedin", "design"): ("Visuels du carrousel : {title}", "Carousel visuals: {title}"),
    ("instagram", "design"): ("Carrousel : {title}", "Carousel: {title}"),
    ("instagram", "writing"): ("Légende : {title}", "Caption: {title}"),
}


@dataclass(frozen=True)
class Post:
    """A blog post as published: its slug, title, language and day."""

    slug: str
    title: str
    language: str  # "fr" or "en": the part of the site it is on
    published: date

    @property
    def url(self) -> str:
        """Its address: French posts under /blogue/, English ones under /en/blog/."""
        folder = "blogue" if self.language == "fr" else "en/blog"
        return f"{SITE}/{folder}/{self.slug}/"

    def declaration(self) -> Directive:
        """The ``custom "content"`` directive that declares it."""
        return content(self.published, self.slug, BLOG, self.title, self.url)


def post_titles() -> dict[str, tuple[str, str]]:
    """Every post's slug -> (language, title); two titles with one slug are an error."""
    titles = {slug(title): (language, title) for language, title in BLOG_POSTS}
    if len(titles) != len(BLOG_POSTS):
        raise ValueError("two BLOG_POSTS titles make the same slug")
    return titles


def published_posts(entries: list[TimeEntry]) -> list[Post]:
    """The posts whose publishing step is in the time log, in publication order."""
    titles = post_titles()
    return [
        Post(entry.content, titles[entry.content][1], titles[entry.content][0], entry.day)
        for entry in entries
        if entry.channel == BLOG and entry.activity == "publishing" and entry.content
    ]


def with_diffusion(entries: list[TimeEntry], posts: list[Post]) -> list[TimeEntry]:
    """The entries, with each post's diffusion naming it: the first LinkedIn or
    Instagram post or carousel of the days after its publication (its note now
    says which article), and a newsletter written just after it."""
    result = list(entries)
    for post in posts:
        later = [
            index
            for index, entry in enumerate(result)
            if post.published <= entry.day <= post.published + SPREAD and entry.content is None
        ]
        social = next((i for i in later if spreads(result[i], post)), None)
        if social is not None:
            entry = result[social]
            french, english = DIFFUSION_NOTES[(entry.channel, entry.activity or "")]
            english_note = post.language == "en" and entry.who == OWNER
            note = (english if english_note else french).format(title=post.title)
            result[social] = replace(entry, description=note, content=post.slug)
        letter = next((i for i in later if leads_newsletter(result[i], post)), None)
        if letter is not None:
            result[letter] = replace(result[letter], content=post.slug)
    return result


def spreads(entry: TimeEntry, post: Post) -> bool:
    """A post or carousel on LinkedIn or Instagram after the publication day."""
    return entry.day > post.published and (entry.channel, entry.activity) in DIFFUSION_NOTES


def leads_newsletter(entry: TimeEntry, post: Post) -> bool:
    """The writing of a newsletter issue just after the publication."""
    return (
        entry.channel == "newsletter"
        and entry.activity == "writing"
        and entry.day <= post.published + NEWSLETTER_LAG
    )


Use = tuple[date, str, str]
"""Something that names a content after the fact: (day, slug, what it is)."""


def check_contents(posts: list[Post], entries: list[TimeEntry], uses: Iterable[Use]) -> None:
    """Every slug named is a published post's; a diffusion, a touch, an invoice or a
    cost that names a post comes on or after its publication."""
    published = {post.slug: post.published for post in posts}
    if len(published) != len(posts):
        raise ValueError("a post is declared twice")
    later_uses = [
        (entry.day, entry.content, f"{entry.channel} time: {entry.description}")
        for entry in entries
        if entry.content and entry.channel != BLOG
    ]
    for entry in entries:
        if entry.content and entry.content not in published:
            raise ValueError(f"time on {entry.day} names an unpublished post {entry.content!r}")
    for day, name, what in [*later_uses, *uses]:
        if name not in published or day < published[name]:
            raise ValueError(f"{what} ({day}) names {name!r} before it is published")
