"""Reading the discovery data files: YAML checked by a strict pydantic model, refused whole with file, path and reason.

Pure Python (no Django), so the scanners can run anywhere, including outside a configured Django project.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

DATA_DIR = Path(__file__).resolve().parent / "data"

Model = TypeVar("Model", bound=BaseModel)


class StrictModel(BaseModel):
    # strict: a YAML `yes` or `1` is not silently turned into a string or a boolean of another field.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class DataFileError(ValueError):
    """A discovery data file is malformed or inconsistent."""

    def __init__(self, file_name: str, path: str, reason: str):
        self.file_name, self.path, self.reason = file_name, path, reason
        super().__init__(f"{file_name}: {path}: {reason}")


def load_model(path: Path, model: type[Model]) -> Model:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(path.name, "(file)", f"cannot be read: {exc.strerror or exc}") from exc
    return parse_model(raw, model, path.name)


def parse_model(raw: bytes | str, model: type[Model], file_name: str) -> Model:
    try:
        document = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(document)"
        raise DataFileError(file_name, where, f"not valid YAML: {getattr(exc, 'problem', None) or exc}") from exc
    if not isinstance(document, dict):
        raise DataFileError(file_name, "(document)", "the file must contain a mapping at the top level")
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        error = exc.errors()[0]
        location = _readable_path(error["loc"]) or "(document)"
        message = error["msg"].removeprefix("Value error, ")
        raise DataFileError(file_name, location, message) from exc


def _readable_path(location: tuple) -> str:
    # pydantic reports list indexes as separate parts (sdks, 3, packages); print them as sdks[3].packages.
    parts: list[str] = []
    for part in location:
        if isinstance(part, int) and parts:
            parts[-1] = f"{parts[-1]}[{part}]"
        else:
            parts.append(str(part))
    return ".".join(parts)
