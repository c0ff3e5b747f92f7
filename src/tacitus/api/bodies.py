"""The JSON bodies the write endpoints accept, validated before anything runs."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tacitus.sources import SourceArticle
from tacitus.sources.cleaning import clean_text

#: Articles one POST /articles may carry (the body size limit bounds their text).
MAX_ARTICLES_PER_REQUEST = 100


class TextIn(BaseModel):
    """An article text to extract from (POST /extract)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article text, paragraphs separated by blank lines.")
    published: date | None = Field(None, description="Publication date YYYY-MM-DD.")
    title: str | None = Field(None, max_length=1000)

    @field_validator("text")
    @classmethod
    def _has_words(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the text is empty")
        return text

    def source_article(self) -> SourceArticle:
        """The article as a source gives it: its text cleaned as `tacitus extract` cleans it."""
        fields = self.model_dump(exclude={"text"}, exclude_none=True)
        return SourceArticle(text=clean_text(self.text), origin="<api>", **fields)


class ArticleIn(TextIn):
    """An article to extract from and store (POST /articles)."""

    id: str | None = Field(
        None,
        min_length=1,
        max_length=128,
        description="The article's id in the store (default: a hash of its cleaned text).",
    )
    url: str | None = Field(None, max_length=2048)
    outlet: str | None = Field(None, max_length=256)
