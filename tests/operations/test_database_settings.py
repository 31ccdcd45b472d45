"""What every database connection is opened with."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_connections_compile_no_jit():
    """JIT compilation added 50-100 ms to statements PostgreSQL thought costly, while the pages
    read a few rows through indexes (settings.database_from_url)."""
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's; SQLite has none")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_sqlite_connections_write_ahead_and_take_the_write_lock_at_once():
    from sangtao.settings import database_from_url

    options = database_from_url("sqlite:////tmp/x.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert database_from_url("postgres://u@h:5432/n")["OPTIONS"] == {"options": "-c jit=off"}
