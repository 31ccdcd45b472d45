"""Structured logs: one JSON object a line, for a log collector to read without parsing text.

Every line has `time` (ISO 8601 with the offset), `level`, `logger` and `message`; a line
written while a request is served also has that request's `request_id`
(see `sangtao.core.middleware.RequestLogMiddleware`), and the request log line itself adds
`method`, `path`, `status` and `duration_ms`. An exception adds `exception` (the traceback).
"""

import contextvars
import datetime
import json
import logging

# The id of the request being served in this thread or task, "" outside a request.
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# What `logger.info(..., extra={...})` may add to a line (other extras are left out, so a
# line never carries a password or a whole object by accident).
EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "ip", "user_id")


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created)
            .astimezone()
            .isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id:
            line["request_id"] = request_id
        for name in EXTRA_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)
