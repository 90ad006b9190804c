"""The data schema explained for contributors, generated from the pydantic models so it cannot drift."""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from components.data import schema

# File (as a contributor sees it) -> model of its whole content.
DOCUMENTED_FILES: dict[str, type[BaseModel]] = {
    "about.yaml": schema.About,
    "sources.yaml": schema.SourcesFile,
    "themes.yaml": schema.ThemesFile,
    "frameworks/<id>.yaml": schema.Framework,
    "commitments.yaml": schema.CommitmentsFile,
    "assessments.yaml": schema.AssessmentsFile,
    "crosswalk.yaml": schema.CrosswalkFile,
    "timeline.yaml": schema.TimelineFile,
    "indicators/<id>.yaml": schema.Indicator,
}


def _type_name(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        optional = " or null" if type(None) in args else ""
        return " | ".join(names) + optional
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is typing.Literal:
        return " | ".join(str(a) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    return getattr(annotation, "__name__", str(annotation))


def _nested_models(annotation: object) -> list[type[BaseModel]]:
    """The models inside an annotation (list[Pillar] -> [Pillar]; Meeting | None -> [Meeting])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(_nested_models(arg))
    return found


def field_rows(
    model: type[BaseModel], prefix: str = "", seen: frozenset[type] = frozenset()
) -> list[dict[str, str]]:
    """One row per field, nested models flattened as dotted paths ('phases[].pillars[].title')."""
    rows = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        rows.append(
            {
                "field": path,
                "type": _type_name(info.annotation),
                "required": "yes" if info.is_required() else "no",
                "description": info.description or "",
            }
        )
        for nested in _nested_models(info.annotation):
            if issubclass(nested, schema.Text) or nested in seen:
                continue  # Text is always {en, es}; explained once on the page
            is_list = typing.get_origin(info.annotation) is list
            rows.extend(field_rows(nested, f"{path}{'[]' if is_list else ''}.", seen | {model}))
    return rows
