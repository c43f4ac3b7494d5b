"""Zero-configuration guesses from a field's name, for fields that have no ``[rules]``.

A plugin author's new ``chatops_service`` should read ``slack`` or ``teams`` at once, not
a random English word: the name is split into words (``chatops_service`` → chatops,
service), the head noun (the last word) or, when it is a generic noun (service, type,
name...), a modifier before it picks one of the curated lists in ``vocab/names.toml``. A
leaf named only ``name`` (or ``type``, ``label``...) takes its words from the record that
holds it (``chatops_commands.name`` → commands). Nothing here draws a value: ``values``
does, with the dataset's seed. ``docs/fake-data.md`` lists every guess.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

# Words that pick a list (singular and plural spellings both).
DOMAINS: dict[str, str] = {}
for _list, _words in {
    "chat_services": "chat chatops messaging im slack",
    "ci_services": "ci cd build builds pipeline pipelines",
    "vcs_hosts": "vcs scm git repo repository forge",
    "cloud_providers": "cloud provider iaas hosting hypervisor",
    "monitoring_services": "monitoring monitor metrics alerting observability apm",
    "databases": "db database sql rdbms",
    "auth_services": "auth authentication identity sso login idp",
    "storage_services": "storage backup blob object volume filesystem",
    "queue_services": "queue broker mq bus",
    "web_servers": "web http proxy webserver lb loadbalancer",
    "notification_services": "notification notifier alert email",
    "system_services": "service daemon unit",
    "environments": "env environment",
    "architectures": "arch architecture",
    "regions": "region zone datacenter",
    "locales": "locale language lang",
    "statuses": "status state result outcome",
    "commands": "command cmd subcommand action",
    "features": "feature flag toggle",
    "plugins": "plugin extension addon integration",
    "tags": "tag label",
    "types": "type kind",
    "components": "name component",
}.items():
    for _word in _words.split():
        DOMAINS[_word] = _list
        DOMAINS[_word + "s"] = _list
# Generic head nouns: a modifier before them says more (``chat_service``), else their own list.
GENERIC = {"service", "type", "kind", "name", "label", "provider", "backend", "integration",
           "tool", "system", "engine", "server", "client", "title", "key", "action"}  # fmt: skip
# Leaves that name the item of the record holding them: the record's words come first.
ITEM_LEAVES = {"name", "type", "kind", "label", "title", "key", "value"}
# Leaves that identify an item of a REPEATED RECORD: unique within one list unless a rule says
# ``unique = false``.
UNIQUE_LEAVES = {"name", "slug", "key", "id", "title"}
ENABLED = {"enabled", "active", "installed", "configured", "available", "supported"}


@cache
def vocabularies() -> dict[str, tuple[str, ...]]:
    """The curated lists of ``vocab/names.toml``, most popular first."""
    text = resources.files("fakedata").joinpath("vocab/names.toml").read_text("utf-8")
    return {k: tuple(v) for k, v in tomllib.loads(text)["lists"].items()}


def words(name: str) -> list[str]:
    """``chatopsService`` or ``chatops_service`` → ["chatops", "service"]."""
    out, current = [], ""
    for ch in name:
        if ch == "_" or ch == "-":
            out.append(current)
            current = ""
        elif ch.isupper() and current and not current[-1].isupper():
            out.append(current)
            current = ch.lower()
        else:
            current += ch.lower()
    out.append(current)
    return [w for w in out if w]


def vocabulary_for(name: str, parent: str = "") -> str | None:
    """The list a STRING field's values come from (a key of ``vocabularies()``), or None.

    ``parent``: the name of the record that holds the field ('' at the top level).
    """
    tokens = words(name)
    if tokens and tokens[-1] in ITEM_LEAVES and len(tokens) == 1 and parent:
        tokens = words(parent) + tokens
    if not tokens:
        return None
    head, modifiers = tokens[-1], tokens[:-1]
    if head in DOMAINS and head not in GENERIC and head not in ("names", "types", "kinds"):
        return DOMAINS[head]
    for word in reversed(modifiers):
        if word in DOMAINS and word not in GENERIC:
            return DOMAINS[word]
    if head in DOMAINS:
        return DOMAINS[head]
    return None


def is_url(name: str) -> bool:
    tokens = words(name)
    return bool(tokens) and tokens[-1] in ("url", "uri", "endpoint", "homepage", "webhook")


def is_time_text(name: str) -> bool:
    """A STRING that holds a moment (``created_at``): ISO 8601 text."""
    tokens = words(name)
    return len(tokens) > 1 and tokens[-1] == "at"


def true_share(name: str) -> float:
    """How often a BOOLEAN is true: a feature is mostly ``enabled``, seldom ``disabled``."""
    tokens = words(name)
    if tokens and tokens[-1] in ENABLED:
        return 0.8
    if tokens and tokens[-1] in ("disabled", "deprecated", "failed", "error", "errors"):
        return 0.15
    return 0.5


def unique_by_name(name: str) -> bool:
    """Whether a leaf of a REPEATED RECORD identifies its item (one list never repeats it)."""
    return name.lower() in UNIQUE_LEAVES
