"""Message ids that two catalogues translate differently, and which translation wins.

Django merges every catalogue into one per language: its own (django/conf/locale), then each
installed app's, the first app in INSTALLED_APPS winning, then LOCALE_PATHS, which win over
all. One English msgid therefore has one Vietnamese text on the whole site, whatever the app
that asks for it: when two apps mean two things by "Total" or "History", the one that loses
shows the other's words. `.venv/bin/python scripts/msgid_collisions.py [--all]` prints the
list (compile the catalogues first); tests/language/test_collisions.py keeps the project's own
list empty.

A msgid with a context (`pgettext("money", "Total")`) is a different key ("money\\x04Total"),
which is how such a word gets two meanings.
"""

import gettext
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings

CONTEXT_SEPARATOR = "\x04"


@dataclass(frozen=True)
class Collision:
    """One msgid (with its context, if any) that catalogues translate differently."""

    msgid: str
    context: str
    texts: dict  # source ("sangtao.budget", "django.contrib.admin", "django") -> msgstr
    winner: str  # the msgstr Django shows at run time
    source: str  # the catalogue it comes from

    def losers(self) -> list[str]:
        """The sources whose translation is not the one shown."""
        return [source for source, text in self.texts.items() if text != self.winner]


def _catalog(localedir: Path, language: str) -> dict:
    mo = localedir / language / "LC_MESSAGES" / "django.mo"
    if not mo.exists():
        return {}
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def catalogues(language: str = "vi") -> list[tuple[str, dict]]:
    """(source, catalog) in the order Django merges them: later ones win."""
    import django

    merged = [("django", _catalog(Path(django.__file__).parent / "conf" / "locale", language))]
    for config in reversed(list(apps.get_app_configs())):
        localedir = Path(config.path) / "locale"
        if localedir.is_dir():
            merged.append((config.name, _catalog(localedir, language)))
    for path in reversed(list(settings.LOCALE_PATHS)):
        merged.append((f"LOCALE_PATHS:{Path(path).parent.name}", _catalog(Path(path), language)))
    return merged


def _key(msgid) -> tuple[str, str]:
    if isinstance(msgid, tuple):  # (msgid, plural index)
        msgid = f"{msgid[0]}[{msgid[1]}]"
    context, _, text = msgid.rpartition(CONTEXT_SEPARATOR)
    return context, text


def collisions(language: str = "vi", *, ours_only: bool = False) -> list[Collision]:
    """Every msgid given two or more different translations, with the one that wins.

    `ours_only`: only the msgids that at least one project app (sangtao.*) translates.
    """
    texts: dict[tuple[str, str], dict[str, str]] = {}
    winner: dict[tuple[str, str], tuple[str, str]] = {}
    for source, catalog in catalogues(language):
        for msgid, msgstr in catalog.items():
            if msgid == "" or not msgstr:
                continue
            key = _key(msgid)
            texts.setdefault(key, {})[source] = msgstr
            winner[key] = (msgstr, source)
    found = []
    for (context, msgid), by_source in sorted(texts.items()):
        if len(set(by_source.values())) < 2:
            continue
        if ours_only and not any(
            s.startswith(("sangtao.", "LOCALE_PATHS:")) for s in by_source
        ):
            continue
        found.append(Collision(msgid, context, by_source, *winner[(context, msgid)]))
    return found


def main(argv: list[str]) -> int:
    """Print each collision: the msgid, every source's text, and the text shown ("<=" marks it)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
    found = collisions(ours_only="--all" not in argv)
    for collision in found:
        context = f" [context {collision.context!r}]" if collision.context else ""
        print(f"{collision.msgid!r}{context}")
        for source, text in collision.texts.items():
            mark = "<=" if text == collision.winner else "  "
            print(f"    {mark} {source}: {text!r}")
    print(f"{len(found)} msgids translated differently by different catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
