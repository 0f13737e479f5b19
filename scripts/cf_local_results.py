"""What the builder reads from buildpacks and writes for the platform, for scripts/cf-local:
config.yml into result.json's buildpacks (B11), launch.yml and process merging (B9). Each follows
the upstream function its docstring names (code.cloudfoundry.org/buildpackapplifecycle)."""
import yaml

from cf_local_go import GoMap, yaml_fields, yaml_first_node, yaml_str


def any_value(node):
    """yaml.v2 into interface{}: scalars typed as YAML 1.1 resolves them, a mapping unencodable."""
    if isinstance(node, yaml.MappingNode):
        return Unencodable()
    if isinstance(node, yaml.SequenceNode):
        return [any_value(n) for n in node.value]
    value = yaml.SafeLoader("").construct_object(node)
    return value if isinstance(value, (bool, int, float, str, type(None))) else node.value


class Unencodable:
    """A map[interface{}]interface{} (a nested YAML mapping): encoding/json refuses it."""


def encodable(value):
    """Whether encoding/json can write the value (no nested YAML mapping, no NaN or infinity)."""
    if isinstance(value, Unencodable):
        return False
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, (list, dict)):
        return all(encodable(v) for v in (value.values() if isinstance(value, dict) else value))
    return True


def read_metadata(key, path):
    """B11: deps/IDX/config.yml as yaml.v2 fills BuildpackMetadata (errors ignored, field by field)."""
    meta = {"key": key, "name": ""}
    try:
        root = yaml_first_node(open(path, encoding="utf-8", errors="surrogateescape").read())
    except (OSError, yaml.YAMLError):
        return meta
    for name, node in yaml_fields(root):
        if name in ("key", "name", "version") and yaml_str(node) is not None:
            meta[name] = yaml_str(node)
        elif name == "config" and yaml_str(node) != "":
            fields = dict(yaml_fields(node))
            prefix = yaml_str(fields["entrypoint_prefix"]) if "entrypoint_prefix" in fields else None
            meta["config"] = {"entrypoint_prefix": prefix} if prefix else {}
        elif name == "output_metadata" and isinstance(node, yaml.MappingNode):
            meta["output_metadata"] = GoMap((k, any_value(v)) for k, v in yaml_fields(node))
    keep = {"key": True, "name": True, "version": bool(meta.get("version")), "config": "config" in meta,
            "output_metadata": bool(meta.get("output_metadata"))}  # the omitempty fields
    return {f: meta[f] for f in keep if keep[f]}


def launch_processes(path):
    """B9: deps/IDX/launch.yml as resources.LaunchData (type, command, sidecar_for, memory)."""
    doc = yaml.safe_load(open(path, encoding="utf-8", errors="surrogateescape").read()) or {}
    out = []
    for p in (doc.get("processes") or []) if isinstance(doc, dict) else []:
        cf = ((p.get("platforms") or {}).get("cloudfoundry") or {}) if isinstance(p, dict) else {}
        out.append({"type": str(p.get("type") or ""), "command": str(p.get("command") or ""),
                    "sidecar_for": [str(s) for s in cf.get("sidecar_for") or []],
                    "memory": int((p.get("limits") or {}).get("memory") or 0)})
    return out


def merge_processes(a, b):
    """resources/launch.go MergeProcesses: b replaces a's processes of the same type, or is added."""
    result = list(a)
    for proc in b:
        hits = [i for i, old in enumerate(a) if old["type"] == proc["type"]]
        for i in hits:
            result[i] = proc
        if not hits:
            result.append(proc)
    return result


def as_processes(types):
    return [{"type": t, "command": c, "sidecar_for": [], "memory": 0} for t, c in sorted(types.items())]
