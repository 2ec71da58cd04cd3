"""Contents: the articles and posts whose cost and revenue the report follows (SPEC 13).

A content is a slug like a channel (``accessible-forms``). It may be
declared, dated on its publication, with the channel it is published on and
its title::

    2025-03-10 custom "content" "accessible-forms" "blog" "Accessible forms: a checklist"
      url: "https://studio.example/blog/accessible-forms"

``content:`` metadata ties time entries, touches, and income or cost postings
to it, and match it whatever their case, as channel names do. When any
content is declared, only declared slugs are contents (an unknown one is an
error with a suggestion, as for channels); otherwise the contents are the
slugs used.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from beancount.core import data

from beancount_timeroi.errors import N_, Msg, TimeRoiError, error_at, incomplete, msg
from beancount_timeroi.names import SLUG_RE, ChannelLookup, slug_like, suggestion

CONTENT_USAGE = N_('custom "content" "accessible-forms" "blog" "Accessible forms: a checklist"')


class Content(NamedTuple):
    """A declared content: its slug, the channel it is published on, its title, the day
    it was published, and where it is (``url:``, optional)."""

    slug: str
    channel: str | None
    """None when the declaration names a channel that is not one (an error says so)."""
    title: str
    published: datetime.date
    url: str | None
    meta: data.Meta


class ContentRegistry:
    """The ledger's declared contents, and how a ``content:`` value is read."""

    def __init__(self, contents: Iterable[Content]) -> None:
        self.contents: dict[str, Content] = {content.slug: content for content in contents}
        self._read: dict[str, tuple[str | None, list[Msg]]] = {}

    @property
    def declared(self) -> bool:
        return bool(self.contents)

    def lookup(self, value: object) -> tuple[str | None, list[Msg]]:
        """The content a ``content:`` value names, or why it names none: not text, not a
        slug, or (when contents are declared) not one of them."""
        if not isinstance(value, str):
            return None, [
                msg(
                    'must be a content name in quotes, like content: "accessible-forms", got {got}',
                    got=str(value),
                )
            ]
        known = self._read.get(value)
        if known is None:
            known = self._read[value] = self._lookup(value)
        return known

    def _lookup(self, value: str) -> tuple[str | None, list[Msg]]:
        ref = value.strip()
        slug = ref.casefold()  # like a channel: "Accessible-Forms" is accessible-forms
        if not SLUG_RE.fullmatch(slug):
            return None, [not_a_content(ref)]
        if not self.contents or slug in self.contents:
            return slug, []
        hint = suggestion(ref, sorted(self.contents))
        if hint:
            return None, [msg("unknown content '{ref}'{hint}", ref=ref, hint=hint)]
        return None, [
            msg(
                "unknown content '{ref}': declare it, dated on its publication, with a line "
                'like \'custom "content" "{ref}" "blog" "Its title"\'',
                ref=ref,
            )
        ]


def not_a_content(ref: str) -> Msg:
    return msg(
        "'{ref}' is not a content name: use lowercase letters, digits, '-' and '_', like {example}",
        ref=ref,
        example=slug_like(ref),
    )


def parse_contents(
    directives: Iterable[data.Custom], channels: ChannelLookup
) -> tuple[ContentRegistry, list[TimeRoiError]]:
    """The declared contents, and one error per declaration that cannot be one."""
    contents: list[Content] = []
    errors: list[TimeRoiError] = []
    seen: dict[str, Content] = {}
    for entry in directives:
        content, problems = parse_content(entry, channels)
        if content is not None and content.slug in seen:
            first = seen[content.slug]
            problems = [
                msg(
                    "the content '{slug}' is already declared at {file}:{line}; declare each "
                    "content once",
                    slug=content.slug,
                    file=str(first.meta.get("filename")),
                    line=str(first.meta.get("lineno")),
                )
            ]
            content = None
        errors += [error_at(entry.meta, problem, entry) for problem in problems]
        if content is not None:
            seen[content.slug] = content
            contents.append(content)
    return ContentRegistry(contents), errors


def parse_content(entry: data.Custom, channels: ChannelLookup) -> tuple[Content | None, list[Msg]]:
    """The ``Content`` of one ``content`` directive (None when it cannot be one), and
    what is wrong with it."""
    values = [value.value for value in entry.values or []]
    usage = msg(CONTENT_USAGE)
    if not values:
        return None, [incomplete("content", CONTENT_USAGE)]
    if len(values) != 3 or not all(isinstance(value, str) for value in values):
        return None, [
            msg(
                "a content is declared with three quoted texts: its name, its channel, its "
                "title; write it as: {usage}",
                usage=usage,
            )
        ]
    slug, channel, title = (str(value).strip() for value in values)
    if not SLUG_RE.fullmatch(slug):
        return None, [not_a_content(slug)]
    # A bad channel or url is reported, and the content is kept: its uses stay valid.
    channel_slug, problems = channels.lookup(channel)
    url = entry.meta.get("url")
    if url is not None and not isinstance(url, str):
        problems = [
            *problems,
            msg(
                'url: must be text in quotes, like url: "https://example.com/blog/{slug}"',
                slug=slug,
            ),
        ]
        url = None
    return Content(slug, channel_slug, title, entry.date, url, entry.meta), problems
