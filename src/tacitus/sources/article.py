"""The article as read from a source, before any extraction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from tacitus.schema import Article


@dataclass
class SourceArticle:
    """One article: its cleaned text and what the source says about it."""

    text: str
    origin: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def to_schema(self) -> Article:
        return Article(
            id=str(self.id),
            title=self.title,
            url=self.url,
            outlet=self.outlet,
            author=self.author,
            published=self.published.isoformat() if self.published else None,
            text=self.text,
        )


def content_id(text: str) -> str:
    """A stable id for the same cleaned text: the same article is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
