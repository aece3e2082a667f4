"""Sections that apps above this one add to the public cycle page.

The cycle page belongs here, but a cycle's governance record (stages, involvement, commissions)
belongs to the app above. That app registers a section from its AppConfig.ready, and the page
renders each one, so the import runs one way: down.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CycleSection:
    template: str
    context: Callable[[object], dict]


_sections: list[CycleSection] = []


def register_cycle_section(*, template: str, context: Callable[[object], dict]) -> None:
    section = CycleSection(template, context)
    if section not in _sections:
        _sections.append(section)


def cycle_sections(cycle) -> list[tuple[str, dict]]:
    """Each registered section's template with what it shows of this cycle."""
    return [(section.template, section.context(cycle)) for section in _sections]
