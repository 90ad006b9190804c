"""Whole-dataset and on-screen exports: CSV text of a frame, a ZIP of every frame, and the JSON of the Dataset."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

from components.data.frames import Frames
from components.data.loader import Dataset


def _flat(value: object) -> object:
    """Tuples of ids become 'a; b' so a CSV cell stays one value."""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return value


def frame_csv(frame: pd.DataFrame) -> str:
    """CSV text of a frame as shown: list columns joined with '; ', dates as ISO text."""
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].dtype == object:
            flat[column] = flat[column].map(_flat)
    return flat.to_csv(index=False, date_format="%Y-%m-%d")


def dataset_csv_zip(frames: Frames) -> bytes:
    """A ZIP holding one CSV per frame (themes.csv, sources.csv, events.csv, …)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in Frames.__dataclass_fields__:
            archive.writestr(f"{name}.csv", frame_csv(getattr(frames, name)))
    return buffer.getvalue()


def dataset_json(ds: Dataset) -> str:
    """The whole validated dataset as JSON, with the same keys as the YAML files.

    With a framework the reader uploaded, an extra key `uploaded` lists the ids of that framework and of
    the sources it declared, so the file says which items are not the project's.
    """
    document = {
        "about": ds.about.model_dump(mode="json") if ds.about else None,
        "sources": [s.model_dump(mode="json") for s in ds.sources],
        "themes": [t.model_dump(mode="json") for t in ds.themes],
        "frameworks": [f.model_dump(mode="json") for f in ds.frameworks],
        "commitments": [c.model_dump(mode="json") for c in ds.commitments],
        "assessments": [a.model_dump(mode="json") for a in ds.assessments],
        "crosswalk": [link.model_dump(mode="json") for link in ds.crosswalk],
        "timeline": {
            "events": [e.model_dump(mode="json") for e in ds.events],
            "spans": [s.model_dump(mode="json") for s in ds.spans],
        },
        "indicators": [i.model_dump(mode="json") for i in ds.indicators],
    }
    if ds.uploaded:
        document["uploaded"] = sorted(ds.uploaded)
    return json.dumps(document, ensure_ascii=False, indent=2)
