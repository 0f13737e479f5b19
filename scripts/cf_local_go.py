"""What the Go libraries under Cloud Foundry's lifecycle do, for scripts/cf-local.

The builder and launcher (code.cloudfoundry.org/buildpackapplifecycle) are Go programs: names of
cache directories, the platform's DATABASE_URL, result.json and staging_info.yml come out of
xxhash, net/url, encoding/json and gopkg.in/yaml.v2. Each function here reproduces the one
behaviour cf-local needs, written from those libraries' documented and observed behaviour (Go
1.19; no code of theirs). Strings from the environment are str with surrogateescape; byte-level
work encodes them back first.
"""
import decimal
import json
import re

import yaml

_M = (1 << 64) - 1
_P1, _P2, _P3 = 11400714785074694791, 14029467366897019727, 1609587929392839161
_P4, _P5 = 9650029242287828579, 2870177450012600261


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & _M


def _round(acc, lane):
    return (_rotl((acc + lane * _P2) & _M, 31) * _P1) & _M


def xxh64(data: bytes) -> int:
    """XXH64 with seed 0 (github.com/cespare/xxhash/v2 Sum64String)."""
    n, i = len(data), 0
    lane = lambda at, size: int.from_bytes(data[at:at + size], "little")  # noqa: E731
    if n >= 32:
        v = [(_P1 + _P2) & _M, _P2, 0, (-_P1) & _M]
        while i + 32 <= n:
            v = [_round(v[k], lane(i + 8 * k, 8)) for k in range(4)]
            i += 32
        h = (_rotl(v[0], 1) + _rotl(v[1], 7) + _rotl(v[2], 12) + _rotl(v[3], 18)) & _M
        for k in range(4):
            h = (((h ^ _round(0, v[k])) * _P1) + _P4) & _M
    else:
        h = _P5
    h = (h + n) & _M
    while i + 8 <= n:
        h = (_rotl(h ^ _round(0, lane(i, 8)), 27) * _P1 + _P4) & _M
        i += 8
    if i + 4 <= n:
        h = (_rotl(h ^ ((lane(i, 4) * _P1) & _M), 23) * _P2 + _P3) & _M
        i += 4
    while i < n:
        h = (_rotl(h ^ ((data[i] * _P5) & _M), 11) * _P1) & _M
        i += 1
    h = ((h ^ (h >> 33)) * _P2) & _M
    h = ((h ^ (h >> 29)) * _P3) & _M
    return h ^ (h >> 32)


# --- encoding/json Marshal ------------------------------------------------------------------
class GoMap(dict):
    """A Go map: Marshal writes its keys sorted. A plain dict is a struct: fields in order."""


def _go_string(s: str) -> str:
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif c < 0x20 or ch in "<>&" or c in (0x2028, 0x2029):
            out.append("\\u%04x" % c)
        elif 0xD800 <= c <= 0xDFFF:  # a byte that was not UTF-8
            out.append("\\ufffd")
        else:
            out.append(ch)
    return "".join(out) + '"'


def _go_float(x: float) -> str:
    a = abs(x)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        return re.sub(r"e-0(\d)$", r"e-\1", repr(x))  # Go writes 1e-07 as 1e-7
    return format(decimal.Decimal(repr(x)).normalize(), "f") if x != int(x) else str(int(x))


def go_json(v) -> str:
    """encoding/json.Marshal: compact, HTML-safe escapes, maps sorted, structs in field order."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _go_float(v)
    if isinstance(v, str):
        return _go_string(v)
    if isinstance(v, list):
        return "[" + ",".join(go_json(e) for e in v) + "]"
    keys = sorted(v, key=lambda k: k.encode("utf-8", "surrogateescape")) if isinstance(v, GoMap) else list(v)
    return "{" + ",".join(_go_string(k) + ":" + go_json(v[k]) for k in keys) + "}"


def _reject_constant(name):
    raise ValueError("invalid JSON value " + name)


def go_json_loads(text: str, **kw):
    """encoding/json.Unmarshal's grammar: no NaN/Infinity; objects as (key, value) pair lists."""
    return json.loads(text, parse_constant=_reject_constant, **kw)


def go_map_of(doc):
    """A decoded interface{} value as Marshal sees it again: objects become sorted maps."""
    if isinstance(doc, dict):
        return GoMap({k: go_map_of(x) for k, x in doc.items()})
    if isinstance(doc, list):
        return [go_map_of(x) for x in doc]
    return doc


# --- net/url Parse and URL.String -----------------------------------------------------------
class UrlError(ValueError):
    pass


_HOST, _ZONE, _PATH, _USER, _FRAG = "host", "zone", "path", "user", "frag"


def _unreserved_alnum(c):
    return 0x61 <= c <= 0x7A or 0x41 <= c <= 0x5A or 0x30 <= c <= 0x39


def _should_escape(c: int, mode: str) -> bool:
    if _unreserved_alnum(c):
        return False
    if mode in (_HOST, _ZONE) and chr(c) in "!$&'()*+,;=:[]<>\"":
        return False
    if chr(c) in "-_.~":
        return False
    if chr(c) in "$&+,/:;=?@":
        return {_PATH: c == 0x3F, _USER: chr(c) in "@/?:", _FRAG: False}.get(mode, True)
    if mode == _FRAG and chr(c) in "!()*":
        return False
    return True


def _unescape(s: bytes, mode: str) -> bytes:
    out, i = bytearray(), 0
    hexd = b"0123456789abcdefABCDEF"
    while i < len(s):
        c = s[i]
        if c == 0x25:
            if i + 2 >= len(s) or s[i + 1] not in hexd or s[i + 2] not in hexd:
                raise UrlError("invalid URL escape")
            v = int(s[i + 1:i + 3], 16)
            if mode == _HOST and v < 0x80 and s[i:i + 3] != b"%25":
                raise UrlError("invalid URL escape")
            if mode == _ZONE and s[i:i + 3] != b"%25" and v != 0x20 and _should_escape(v, _HOST):
                raise UrlError("invalid URL escape")
            out.append(v)
            i += 3
            continue
        if mode in (_HOST, _ZONE) and c < 0x80 and _should_escape(c, mode):
            raise UrlError("invalid character in host name")
        out.append(c)
        i += 1
    return bytes(out)


def _escape(s: bytes, mode: str) -> bytes:
    return b"".join(b"%%%02X" % c if _should_escape(c, mode) else bytes([c]) for c in s)


def _valid_encoded(s: bytes, mode: str) -> bool:
    return all(chr(c) in "!$&'()*+,;=:@[]%" or not _should_escape(c, mode) for c in s)


def _valid_port(p: bytes) -> bool:
    return p == b"" or (p[:1] == b":" and all(0x30 <= c <= 0x39 for c in p[1:]))


def _parse_host(host: bytes) -> bytes:
    if host.startswith(b"["):
        i = host.rfind(b"]")
        if i < 0:
            raise UrlError("missing ']' in host")
        if not _valid_port(host[i + 1:]):
            raise UrlError("invalid port after host")
        zone = host[:i].find(b"%25")
        if zone >= 0:
            return _unescape(host[:zone], _HOST) + _unescape(host[zone:i], _ZONE) + _unescape(host[i:], _HOST)
    elif b":" in host and not _valid_port(host[host.rfind(b":"):]):
        raise UrlError("invalid port after host")
    return _unescape(host, _HOST)


def _valid_userinfo(s: bytes) -> bool:
    try:
        text = s.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch.isascii() and (ch.isalnum() or ch in "-._:~!$&'()*+,;=%@") for ch in text)


def go_url_reformat(raw: str):
    """(scheme, url.Parse(raw).String()), or UrlError where url.Parse fails."""
    b = raw.encode("utf-8", "surrogateescape")
    b, sep, frag = b.partition(b"#")
    if any(c < 0x20 or c == 0x7F for c in b):
        raise UrlError("invalid control character in URL")
    m = re.match(rb"([A-Za-z][A-Za-z0-9+.-]*):", b)
    if b.startswith(b":"):
        raise UrlError("missing protocol scheme")
    scheme, rest = (m.group(1).lower(), b[m.end():]) if m else (b"", b)
    force_query = rest.endswith(b"?") and rest.count(b"?") == 1
    rest, _, query = (rest[:-1], b"", b"") if force_query else rest.partition(b"?")
    opaque, user, host, omit_host = None, None, b"", False
    if not rest.startswith(b"/"):
        if scheme:
            opaque, rest = rest, b""
        elif b":" in rest.split(b"/", 1)[0]:
            raise UrlError("first path segment in URL cannot contain colon")
    if opaque is None and rest.startswith(b"//") and (scheme or not rest.startswith(b"///")):
        authority, slash, tail = rest[2:].partition(b"/")
        rest = slash + tail
        at = authority.rfind(b"@")
        host = _parse_host(authority[at + 1:] if at >= 0 else authority)
        if at >= 0:
            info = authority[:at]
            if not _valid_userinfo(info):
                raise UrlError("net/url: invalid userinfo")
            name, colon, password = info.partition(b":")
            user = (_unescape(name, _USER), _unescape(password, _USER) if colon else None)
    elif opaque is None and scheme and rest.startswith(b"/"):
        omit_host = True
    path = _unescape(rest, _PATH)
    raw_path = b"" if _escape(path, _PATH) == rest else rest
    fragment = _unescape(frag, _FRAG) if sep else b""
    raw_frag = b"" if _escape(fragment, _FRAG) == frag else frag
    out = (scheme + b":") if scheme else b""
    if opaque is not None:
        out += opaque
    else:
        if (scheme or host or user) and not (omit_host and not host and not user):
            if host or path or user:
                out += b"//"
            if user:
                out += _escape(user[0], _USER) + (b":" + _escape(user[1], _USER) if user[1] is not None else b"") + b"@"
            out += _escape(host, _HOST)
        esc = _escape(path, _PATH)
        if raw_path and _valid_encoded(raw_path, _PATH) and _unescape(raw_path, _PATH) == path:
            esc = raw_path
        if esc and not esc.startswith(b"/") and host:
            out += b"/"
        if not out and b":" in esc.split(b"/", 1)[0]:
            out += b"./"
        out += esc
    if force_query or query:
        out += b"?" + query
    if fragment:
        esc = _escape(fragment, _FRAG)
        if raw_frag and _valid_encoded(raw_frag, _FRAG) and _unescape(raw_frag, _FRAG) == fragment:
            esc = raw_frag
        out += b"#" + esc
    return scheme.decode(), out.decode("utf-8", "surrogateescape")


# --- gopkg.in/yaml.v2 Unmarshal into string fields ------------------------------------------
def yaml_first_node(text: str):
    """The first document's root node (yaml.v2 reads only the first), or None when empty."""
    for node in yaml.compose_all(text, Loader=yaml.SafeLoader):
        return node
    return None


def yaml_str(node):
    """A scalar decoded into a Go string field: its text as written (null gives ""), else None."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    return "" if node.tag == "tag:yaml.org,2002:null" else node.value


def yaml_fields(node):
    """A mapping node's (key text, value node) pairs; nothing for any other node."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(yaml_str(k), v) for k, v in node.value if yaml_str(k) is not None]


class YamlTypeError(ValueError):
    """yaml.v2's *TypeError: every value of the wrong type, one line each."""

    def __init__(self, errors):
        super().__init__("yaml: unmarshal errors:\n  " + "\n  ".join(errors))


def yaml_type_error(node, into):
    """One line of a YamlTypeError, worded as yaml.v2 words it (decoder.terror)."""
    value = ""
    if isinstance(node, yaml.ScalarNode):
        value = " `%s...`" % node.value[:7] if len(node.value) > 10 else " `%s`" % node.value
    return "line %d: cannot unmarshal !!%s%s into %s" % (node.start_mark.line + 1, node.tag.rsplit(":", 1)[-1], value, into)


def yaml_syntax_message(error):
    """A YAML syntax error as one line: "yaml: line N: PROBLEM"."""
    mark = getattr(error, "problem_mark", None)
    return "yaml: line %d: %s" % (mark.line + 1, error.problem) if mark else "yaml: " + str(error).splitlines()[0]


def yaml_string_map(node, into="map[string]string"):
    """A map[string]string field (named INTO in errors); YamlTypeError where yaml.v2 fails."""
    if node is None or (isinstance(node, yaml.ScalarNode) and yaml_str(node) == ""):
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise YamlTypeError([yaml_type_error(node, into)])
    out, errors = {}, []
    for key, value in yaml_fields(node):
        text = yaml_str(value)
        if text is None:
            errors.append(yaml_type_error(value, "string"))
        out[key] = text
    if errors:
        raise YamlTypeError(errors)
    return out
