"""Static files in production: whitenoise's compressed files with hashed names.

Django rewrites the `sourceMappingURL` comment of each CSS and JS file to the map's hashed name,
and refuses to collect when a map is missing. A vendored bundle may ship without its map
(Bootstrap's JS bundle here); browsers ask for maps only while their developer tools are open,
so the comments are left as they are instead.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    def keep(pattern) -> bool:
        regex = pattern[0] if isinstance(pattern, tuple) else pattern
        return "sourceMappingURL" not in regex

    return tuple(
        (extension, tuple(filter(keep, rules)))
        for extension, rules in patterns
        if any(keep(rule) for rule in rules)
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
