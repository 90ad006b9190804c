"""Export the JSON Schema of every data file kind to data/schema/, so editors can autocomplete.

Run `python -m components.data.json_schema` after changing schema.py; a test keeps them in sync.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from components.data import schema
from components.data.loader import DATA_DIR

SCHEMA_DIR = DATA_DIR / "schema"

# Output file name -> the model of one data file of that kind.
FILE_MODELS: dict[str, type[BaseModel]] = {
    "about.schema.json": schema.About,
    "sources.schema.json": schema.SourcesFile,
    "themes.schema.json": schema.ThemesFile,
    "framework.schema.json": schema.Framework,
    "commitments.schema.json": schema.CommitmentsFile,
    "assessments.schema.json": schema.AssessmentsFile,
    "crosswalk.schema.json": schema.CrosswalkFile,
    "timeline.schema.json": schema.TimelineFile,
    "indicator.schema.json": schema.Indicator,
}


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, deterministic so the sync test can compare bytes."""
    out = {}
    for name, model in FILE_MODELS.items():
        document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        out[name] = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(path)
