"""Every page and paper of the demo reads as Vietnamese a Front office would write.

The demo is loaded once, then each demo person (the officer, a clerk, the council's chair, a
member, an author, and someone not signed in) opens their home page and follows every link of
the site they are shown, as they would click through it: each page once per kind of page (its
URL name) and a few objects of each kind. DOCX, PDF and XLSX files reached that way are read
as text too. The text a person sees fails on:

- a known-wrong phrase (WRONG: the phrase and the right wording beside it);
- English left in it (ENGLISH: common words of the interface);
- a raw code (a choice's stored value such as "in_appraisal" or "recognised");
- a Vietnamese word written without its marks ("lien lac");
- a date not written dd/mm/yyyy (2026-12-06, 6/12/2026).
"""

import html
import io
import json
import os
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from sangtao.demo import story as demo

pytestmark = pytest.mark.django_db

# (kind of page or None for every page, wrong phrase, right wording)
WRONG = [
    (None, "Bản ghi nhớ", "Lịch sử"),
    (None, "Tác vụ của tôi", "Tệp đã chuẩn bị cho tôi"),
    (None, "Uỷ ban", "Ủy ban"),
    (None, "UỶ BAN", "ỦY BAN"),
    (None, "Site quản trị", "Quản trị hệ thống"),
    (None, "Lưu lại", "Lưu"),
    (None, "Nhập một số tổng thể", "Hãy nhập một số nguyên"),
    (None, "người sử dụng", "người dùng"),
    (None, "Ủy ban MTTQ Việt Nam Tỉnh", "Ủy ban MTTQ Việt Nam tỉnh"),
    (None, "Ủy ban MTTQ Việt Nam Huyện", "Ủy ban MTTQ Việt Nam huyện"),
    (None, "Ủy ban MTTQ Việt Nam Thành phố", "Ủy ban MTTQ Việt Nam thành phố"),
    (None, "Ủy ban MTTQ Việt Nam Thị xã", "Ủy ban MTTQ Việt Nam thị xã"),
    (None, "Ủy ban MTTQ Việt Nam Xã", "Ủy ban MTTQ Việt Nam xã"),
    (None, "Ủy ban MTTQ Việt Nam Phường", "Ủy ban MTTQ Việt Nam phường"),
    (None, "Ủy ban MTTQ Việt Nam Thị trấn", "Ủy ban MTTQ Việt Nam thị trấn"),
    (None, "quý vị", "bạn"),
    (None, "Anh/chị", "Bạn"),
    (None, "anh/chị", "bạn"),
    ("honours:ledger", "Tổng điểm", "Cộng"),
    ("honours:ledger_xlsx", "Tổng điểm", "Cộng"),
    ("honours:book", "Tên sáng kiến", "Tên ấn phẩm"),
    ("honours:book_create", "Tên sáng kiến", "Tên ấn phẩm"),
    ("appraisal:members", "Người thực hiện", "Họ tên"),
]

# Interface words a Vietnamese page never shows in English (whole words, case as written).
ENGLISH = re.compile(
    r"(?<![\w./-])(the|and|of|to|for|with|this|that|your|you|is|are|"
    r"Submit|Save|Delete|Cancel|Edit|Add|Back|Next|Previous|Search|Filter|Clear|Close|Open|"
    r"None|True|False|Yes|No|Name|Title|Date|Status|State|Total|Page|Pages|Home|Login|Logout|"
    r"Sign in|Log in|Password|Username|Required|Error|Download|Upload|Export|Import|"
    r"January|February|March|April|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|a\.m|p\.m|midnight|noon)(?![\w/-])"
)
# Vowel groups that Vietnamese writes only with a mark: iê, uô/ươ, yê.
TONELESS = re.compile(r"(?<![\w@./:-])[a-z]*(ie|uo|ye)[a-z]*(?![\w@./:-])")
# Toneless syllables English never writes: one of them beside another is a fragment.
TONELESS_WORDS = {"lien", "lac", "nguoi", "duoc", "khong", "cua", "nhung", "mot", "thuc", "hien"}
ISO_DATE = re.compile(r"(?<![\w/-])\d{4}-\d{2}-\d{2}(?![\w/-])")
SHORT_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})/(\d{1,2})/(\d{2,4})(?![\w/-])")
# Acronyms and names that are the same in both languages.
ALLOWED = {"API", "PDF", "DOCX", "XLSX", "CSV", "JSON", "QR", "OTP", "URL", "Email"}

USERNAMES = {account.username for account in demo.ROLE_ACCOUNTS}
ROLES = {
    "officer": "phongtrao",
    "clerk": "vanthu",
    "chair": "lanhdao",
    "member": "uyvien",
    "author": "tacgia",
    "anonymous": None,
}
PER_KIND = 3  # pages opened per kind of page and person
SKIP = {
    "logout",
    "set_language",
    "healthz",
    "notification_read",
}
SKIP_PREFIXES = ("/admin/", "/api/v1", "/static/", "/media/", "/i18n/")
SKIP_NAMESPACES = {"api:v1"}
# Buttons that prepare a paper (URL names), pressed once each.
PAPER = re.compile(r"(_docx|_pdf|_xlsx|_file|_batch|_export)$")
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def _raw_codes() -> set[str]:
    """Stored values of the project's choices that are words a person could mistake for text."""
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("sangtao."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z_]{3,}", value):
                    codes.add(value)
    return codes


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style|template|code|pre)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    # what a person reads also in attributes: placeholders, titles and labels for readers
    attributes = " ".join(
        re.findall(r'\s(?:placeholder|title|aria-label|alt)="([^"]*)"', page, flags=re.I)
    )
    text = html.unescape(re.sub(r"<[^>]+>", " ", page)) + " " + html.unescape(attributes)
    return " ".join(text.split())


def _document_text(kind: str, content: bytes) -> str:
    if kind == "docx":
        import docx

        document = docx.Document(io.BytesIO(content))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        for section in document.sections:
            parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        return " ".join(" ".join(parts).split())
    if kind == "pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(content))
        return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    return " ".join(" ".join(cells).split())


def _problems(kind: str, text: str, codes: set[str]) -> list[str]:
    found = []
    for where, wrong, right in WRONG:
        if (where is None or where == kind) and wrong in text:
            found.append(f"“{wrong}” (write “{right}”)")
    words = [m.group(0) for m in ENGLISH.finditer(text) if m.group(0) not in ALLOWED]
    found += [f"English “{word}”" for word in sorted(set(words))]
    found += [
        f"raw code “{code}”"
        for code in sorted(codes)
        if re.search(rf"(?<![\w./:-]){code}(?![\w/:-])", text)
    ]
    toneless = {m.group(0) for m in TONELESS.finditer(text)}
    tokens = re.findall(r"[a-z]+", text)
    toneless |= {
        f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False) if {a, b} <= TONELESS_WORDS
    }
    toneless -= USERNAMES
    found += [f"without marks “{word}”" for word in sorted(toneless)]
    found += [f"date “{m}” (dd/mm/yyyy)" for m in ISO_DATE.findall(text)]
    for day, month, year in SHORT_DATE.findall(text):
        if len(day) != 2 or len(month) != 2 or len(year) != 4:
            found.append(f"date “{day}/{month}/{year}” (dd/mm/yyyy)")
    return found


def _links(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'\shref="([^"#][^"]*)"', page)]


def _kind(url: str) -> str | None:
    path = urlsplit(url).path
    if path.startswith(SKIP_PREFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace in SKIP_NAMESPACES or match.url_name in SKIP:
        return None
    return match.view_name


def _walk(
    client: Client, codes: set[str], papers: set[str], run_jobs
) -> tuple[dict, Counter, Counter]:
    """Follow the person's links from the home page, and press each button that prepares a
    paper (once for all people: `papers`); (problems by URL, pages seen, files read)."""
    problems: dict[str, list[str]] = {}
    seen_kinds: Counter = Counter()
    files: Counter = Counter()
    queue, visited = ["/"], set()
    while queue:
        url = queue.pop(0)
        kind = _kind(url)
        limit = PER_KIND if kind not in ("jobs:detail", "jobs:download") else len(papers) + 1
        if url in visited or kind is None or seen_kinds[kind] >= limit:
            continue
        visited.add(url)
        if url in papers:
            with run_jobs():
                response = client.post(url, follow=True)
            if response.redirect_chain:  # to the job that prepared the paper
                queue.insert(0, response.redirect_chain[-1][0])
                continue
        else:
            response = client.get(url)
        if response.status_code != 200:
            continue
        seen_kinds[kind] += 1
        content_type = response.get("Content-Type", "").split(";")[0]
        if content_type in DOCUMENT_TYPES:
            document = DOCUMENT_TYPES[content_type]
            files[document] += 1
            content = b"".join(response) if response.streaming else response.content
            text = _document_text(document, content)
        elif content_type == "text/html":
            page = response.content.decode()
            text = _visible_text(page)
            base = urlsplit(url).path
            for href in _links(page) + _paper_buttons(page, papers):
                parts = urlsplit(href)
                if parts.netloc or parts.scheme:
                    continue
                path = parts.path if parts.path.startswith("/") else base
                queue.append(path + (f"?{parts.query}" if parts.query else ""))
        else:
            continue
        found = _problems(kind, text, codes)
        if found:
            problems[url] = found
    return problems, seen_kinds, files


def _paper_buttons(page: str, papers: set[str]) -> list[str]:
    """The actions of the forms that prepare a paper (minutes, decisions, books, workbooks),
    not pressed yet by anyone: added to `papers`."""
    found = []
    for form in re.findall(r"<form\b[^>]*>", page, flags=re.I):
        action = re.search(r'\saction="([^"]+)"', form)
        if not action or 'method="post"' not in form.lower():
            continue
        url = html.unescape(action.group(1))
        kind = _kind(url) or ""
        if PAPER.search(kind) and url not in papers:
            papers.add(url)
            found.append(url)
    return found


def test_demo_pages_and_papers_read_as_vietnamese_for_every_role(run_jobs):
    started = time.process_time()
    call_command("demo_data", stdout=io.StringIO())
    codes = _raw_codes()
    problems, kinds, files, papers = {}, defaultdict(set), Counter(), set()
    for role, username in ROLES.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="vi")
        if username:
            assert client.login(username=username, password=demo.DEMO_PASSWORD), role
        found, seen, documents = _walk(client, codes, papers, run_jobs)
        problems.update({f"{role} {url}": words for url, words in found.items()})
        for kind in seen:
            kinds[kind].add(role)
        files += documents

    if os.environ.get("WORDS_DUMP"):  # WORDS_DUMP=file.json: what was read and found, to fix
        dump = {
            "problems": problems,
            "kinds": {k: sorted(v) for k, v in kinds.items()},
            "files": files,
            "papers": sorted(papers),
            "cpu_seconds": time.process_time() - started,
        }
        Path(os.environ["WORDS_DUMP"]).write_text(json.dumps(dump, ensure_ascii=False, indent=1))
    assert problems == {}
    assert len(kinds) >= 125  # kinds of page opened (135 on 07/12/2026)
    assert kinds["portal:list"] == set(ROLES)
    assert {"appraisal:council", "appraisal:ranking", "honours:ledger"} <= set(kinds)
    assert "jobs:download" in kinds  # the papers prepared in the background were read
    assert files["docx"] >= 30 and files["pdf"] >= 10 and files["xlsx"] >= 30  # 44, 17, 49


def test_demo_words_checks_find_each_kind_of_mistake():
    text = (
        "Tác vụ của tôi · Total: 3 · Trạng thái: in_appraisal · Từ trùng nhau: lien lac, "
        "nguoi · Ngày 2026-12-06 và 6/12/2026 · Ủy ban MTTQ Việt Nam Phường Tân Ninh"
    )

    assert _problems("initiatives:detail", text, {"in_appraisal", "recognised"}) == [
        "“Tác vụ của tôi” (write “Tệp đã chuẩn bị cho tôi”)",
        "“Ủy ban MTTQ Việt Nam Phường” (write “Ủy ban MTTQ Việt Nam phường”)",
        "English “Total”",
        "raw code “in_appraisal”",
        "without marks “lac nguoi”",
        "without marks “lien”",
        "without marks “lien lac”",
        "without marks “nguoi”",
        "date “2026-12-06” (dd/mm/yyyy)",
        "date “6/12/2026” (dd/mm/yyyy)",
    ]
    assert _problems("initiatives:detail", "Ngày 06/12/2026, tổng 1.250.000 đ", set()) == []
