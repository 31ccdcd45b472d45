"""The demo's certificates: the Tây Ninh committee sets up its certificates (signer, place and a
drawn seal and signature) and issues those of its sealed 2019 council."""

import math
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from sangtao.appraisal.models import Council

from . import services

RED = (200, 16, 24)
BLUE = (20, 40, 150)


def png(width: int, height: int, ink) -> bytes:
    """An RGBA PNG drawn by `ink(x, y) -> (r, g, b, alpha)`, written without any library."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(ink(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def seal_png(size: int = 160) -> bytes:
    """A red round seal: two rings and a star."""
    middle = size / 2

    def ink(x, y):
        dx, dy = x - middle, y - middle
        radius = math.hypot(dx, dy)
        angle = math.atan2(dy, dx)
        # A five-pointed star: its edge radius swings between 12 and 30 pixels with the angle.
        star = 12 + 18 * abs(math.cos(2.5 * (angle + math.pi / 2)))
        if middle - 6 <= radius <= middle - 1 or middle - 16 <= radius <= middle - 13:
            return (*RED, 230)
        if radius <= star:
            return (*RED, 230)
        return (0, 0, 0, 0)

    return png(size, size, ink)


def signature_png(width: int = 220, height: int = 90) -> bytes:
    """A blue hand-written stroke."""

    def ink(x, y):
        curve = height / 2 + 22 * math.sin(x / 17) * math.exp(-x / 260) - (x - 110) / 12
        return (*BLUE, 255) if abs(y - curve) <= 1.6 and 10 <= x <= width - 10 else (0, 0, 0, 0)

    return png(width, height, ink)


def demo_extend(context) -> None:
    province = context.units["province"]
    officer = context.people["phongtrao"]
    services.certificate_settings_update(
        unit=province,
        by=officer,
        data={
            "signer_title": "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH",
            "signer_name": "Nguyễn Thành Tâm",
            "place": "Tây Ninh",
            "symbol": "GCN-MTTQ",
        },
        seal=SimpleUploadedFile("con-dau.png", seal_png(), content_type="image/png"),
        signature=SimpleUploadedFile("chu-ky.png", signature_png(), content_type="image/png"),
    )
    for council in Council.objects.filter(
        unit=province, round=context.rounds[2019], sealed_at__isnull=False
    ):
        # They cite the board's recognition decision recorded on the council (appraisal demo).
        services.certificate_issue_for_council(council=council, by=officer)


STEPS = [(70, demo_extend)]
