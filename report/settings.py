"""The council's site settings, read from ``extra:`` in mkdocs.yml and checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fmt import YEAR_STYLES, HouseStyle
from .stats import STATISTIC_BY_NAME

__all__ = ["Council", "Settings", "SettingsError", "read_settings"]


class SettingsError(ValueError):
    """A setting in mkdocs.yml is wrong; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Council:
    name: str
    service: str
    committee: str = ""
    contact_url: str = ""
    contact_text: str = ""
    contact_email: str = ""  # a role address only, never a person's


@dataclass(frozen=True, slots=True)
class Settings:
    council: Council
    style: HouseStyle = field(default_factory=HouseStyle)


def _text(section: dict, key: str, where: str, required: bool = False) -> str:
    value = section.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise SettingsError(f"mkdocs.yml: extra.{where}.{key}: expected text, got {value!r}")
    if required and not value.strip():
        raise SettingsError(f"mkdocs.yml: extra.{where}.{key}: is required (e.g. the council's name)")
    return value.strip()


def read_settings(extra: dict) -> Settings:
    """Settings from mkdocs.yml ``extra``; raise SettingsError naming the setting."""
    council = extra.get("council") or {}
    style = extra.get("house_style") or {}
    if not isinstance(council, dict) or not isinstance(style, dict):
        raise SettingsError("mkdocs.yml: extra.council and extra.house_style must be groups of settings")
    contact = council.get("contact") or {}
    if not isinstance(contact, dict):
        raise SettingsError("mkdocs.yml: extra.council.contact: expected url, text and email settings")
    url = _text(contact, "url", "council.contact")
    if url and not url.startswith(("https://", "http://", "mailto:")):
        raise SettingsError(f"mkdocs.yml: extra.council.contact.url: expected a web address starting https://, got {url!r}")
    year_style = style.get("year_style", "2022 to 2023")
    if year_style not in YEAR_STYLES:
        raise SettingsError(f"mkdocs.yml: extra.house_style.year_style: expected one of {', '.join(repr(s) for s in YEAR_STYLES)}, got {year_style!r}")
    words = style.get("number_words", True)
    if not isinstance(words, bool):
        raise SettingsError(f"mkdocs.yml: extra.house_style.number_words: expected true or false, got {words!r}")
    places = style.get("decimal_places") or {}
    if not isinstance(places, dict):
        raise SettingsError("mkdocs.yml: extra.house_style.decimal_places: expected statistic names with a number of places")
    for name, value in places.items():
        if name not in STATISTIC_BY_NAME:
            raise SettingsError(f"mkdocs.yml: extra.house_style.decimal_places.{name}: not a statistic (expected one of {', '.join(STATISTIC_BY_NAME)})")
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3:
            raise SettingsError(f"mkdocs.yml: extra.house_style.decimal_places.{name}: expected 0 to 3, got {value!r}")
    return Settings(
        Council(
            name=_text(council, "name", "council", required=True),
            service=_text(council, "service", "council", required=True),
            committee=_text(council, "committee", "council"),
            contact_url=url,
            contact_text=_text(contact, "text", "council.contact"),
            contact_email=_text(contact, "email", "council.contact"),
        ),
        HouseStyle(year_style=year_style, number_words=words, places=dict(places)),
    )
