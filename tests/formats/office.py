"""LibreOffice, when installed, converting a file the platform wrote to PDF."""

import shutil
import subprocess

import pytest

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def soffice_pdf(source, tmp_path):
    """`source` converted to PDF by LibreOffice headless; the PDF's path."""
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / f"{source.stem}.pdf"
