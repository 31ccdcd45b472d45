"""The fields of a page's POST forms, as a browser would send them (locustfile.py, saves.py)."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    """The fields of every POST form of a page, in order."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._inside, self._select, self._textarea = False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._inside = True
            self.forms.append({})
        if not self._inside:
            return
        fields, name = self.forms[-1], a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file", "image"):
                fields[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, "")
        elif tag == "option" and self._select:
            if "selected" in a or not fields.get(self._select):
                fields[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_data(self, data):
        if self._inside and self._textarea:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_of(html: str, field: str) -> dict:
    """The POST form of the page that has a field named `field` (or whose name starts so)."""
    parser = _Forms()
    parser.feed(html)
    for fields in parser.forms:
        if any(name.startswith(field) for name in fields):
            return dict(fields)
    return {}
