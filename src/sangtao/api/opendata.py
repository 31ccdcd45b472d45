"""The open data: every public record as one CSV file (UTF-8 with BOM, for Excel) and one JSON
file, with a manifest saying when they were built, how many rows and under which licence.

The CSV's cells go through sangtao.formats.tabular (a text that a spreadsheet would read as a
formula gets a leading '); the JSON keeps the text exactly as recorded.

The files are written beside their final names and renamed into place (atomic on one file
system), so a download never sees half a file. Rows are read in batches of `batch` (two
queries each) and streamed to both files at once, so memory does not grow with the rows.
"""

import json
import os
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from sangtao.formats.tabular import CsvWriter

from .selectors import RECORD_FIELDS, public_queryset, public_rows_batched

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"
CSV_NAME = "initiatives.csv"
JSON_NAME = "initiatives.json"
MANIFEST_NAME = "manifest.json"
AUTHORS = RECORD_FIELDS.index("authors")
BUFFER = 1 << 20
FILES = {
    CSV_NAME: "text/csv; charset=utf-8",
    JSON_NAME: "application/json",
    MANIFEST_NAME: "application/json",
}


def opendata_dir() -> Path:
    """MEDIA_ROOT/opendata/ (the private media root when MEDIA_ROOT is not set)."""
    root = settings.MEDIA_ROOT or settings.STORAGES["default"]["OPTIONS"]["location"]
    return Path(root) / "opendata"


def opendata_manifest() -> dict | None:
    """What the last build wrote, or None before the first build."""
    try:
        return json.loads((opendata_dir() / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def opendata_build(*, batch: int = 5000, progress: Callable[[int], None] | None = None) -> dict:
    """Rebuild the files from the public records; returns the manifest."""
    folder = opendata_dir()
    folder.mkdir(parents=True, exist_ok=True)
    built_at = timezone.now()
    suffix = f".tmp-{os.getpid()}"
    csv_tmp, json_tmp = folder / (CSV_NAME + suffix), folder / (JSON_NAME + suffix)
    count = 0
    try:
        with (
            open(csv_tmp, "w", encoding="utf-8-sig", newline="", buffering=BUFFER) as csv_file,
            open(json_tmp, "w", encoding="utf-8", buffering=BUFFER) as json_file,
        ):
            writer = CsvWriter(csv_file)
            writer.writerow(RECORD_FIELDS)
            json_file.write("[")
            encode = json.JSONEncoder(ensure_ascii=False).encode
            lines: list[list] = []
            for row in public_rows_batched(public_queryset(), batch=batch):
                record = {name: row[name] for name in RECORD_FIELDS}
                json_file.write(("\n" if count == 0 else ",\n") + encode(record))
                line = list(record.values())
                line[AUTHORS] = "; ".join(line[AUTHORS])
                lines.append(line)
                count += 1
                if len(lines) >= batch:
                    writer.writerows(lines)
                    lines.clear()
                    if progress:
                        progress(count)
            writer.writerows(lines)
            json_file.write("\n]\n")
        os.replace(csv_tmp, folder / CSV_NAME)
        os.replace(json_tmp, folder / JSON_NAME)
    finally:
        csv_tmp.unlink(missing_ok=True)
        json_tmp.unlink(missing_ok=True)
    manifest = {
        "built_at": built_at.isoformat(),
        "rows": count,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "columns": RECORD_FIELDS,
        "files": {
            name: {"bytes": (folder / name).stat().st_size} for name in (CSV_NAME, JSON_NAME)
        },
    }
    manifest_tmp = folder / (MANIFEST_NAME + suffix)
    manifest_tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(manifest_tmp, folder / MANIFEST_NAME)
    return manifest
