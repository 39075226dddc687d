"""Describe a schema in Markdown, so docs/imports.md is generated from the code it documents."""

from __future__ import annotations

from candour.lib.tabular.columns import Choice
from candour.lib.tabular.schema import Schema


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def schema_table(schema: Schema) -> str:
    """A Markdown table of the schema's columns: heading, required, type, aliases, example."""
    lines = [
        "| column | required | type | other headings accepted | example | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for column in schema.columns:
        aliases = ", ".join(f"`{alias}`" for alias in column.aliases) or "—"
        example = f"`{column.example}`" if column.example else "—"
        lines.append(
            "| "
            + " | ".join(
                _cell(part)
                for part in (
                    f"`{column.name}`",
                    "yes" if column.required else "no",
                    column.kind.describe(),
                    aliases,
                    example,
                    column.description,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def choice_tables(schema: Schema) -> str:
    """For each choice column, its codes and every other spelling accepted for each."""
    parts: list[str] = []
    for column in schema.columns:
        if not isinstance(column.kind, Choice):
            continue
        parts.append(f"Values of `{column.name}`:\n\n| code | also accepted |\n|---|---|")
        for code, spellings in column.kind.options.items():
            accepted = ", ".join(f"`{spelling}`" for spelling in spellings) or "—"
            parts.append(f"| `{code}` | {_cell(accepted)} |")
        parts.append("")
    return "\n".join(parts)
