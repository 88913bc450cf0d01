"""The brief language: Argdown's syntax, read into occurrences and relations."""

from argmap.syntax.parser import Occurrence, ParseResult, RelationOccurrence, Section, parse

__all__ = ["Occurrence", "ParseResult", "RelationOccurrence", "Section", "parse"]
