#include "db/url.h"

#include <cstddef>

#include "base/error.h"

namespace rdsca {

namespace {

// Raw in query values: '/' and ':' keep sslrootcert paths readable; every parser takes them.
constexpr std::string_view kQueryKeep = "/:";

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Decode(std::string_view text, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return false;
    out += c;
  }
  return true;
}

std::string DecodeOrThrow(std::string_view text, bool plus_is_space, std::string_view what) {
  std::string out;
  if (!Decode(text, plus_is_space, out)) {
    throw Failure("bad percent-encoding in the " + std::string(what) +
                  " (a '%' must start %XX, and %00 is not allowed)");
  }
  return out;
}

int ParsePort(std::string_view text) {
  // The text itself is not shown: with an unencoded '/' in a password, it may be a password.
  for (char c : text) {
    if (c < '0' || c > '9') throw Failure("the port is not a number");
  }
  if (text.size() > 5) throw Failure("the port is out of range 1-65535");
  int port = 0;
  for (char c : text) port = port * 10 + (c - '0');
  if (port < 1 || port > 65535) throw Failure("the port is out of range 1-65535");
  return port;
}

void ParseHostPort(std::string_view hostport, Connection& url) {
  std::string_view host = hostport, port;
  if (!hostport.empty() && hostport.front() == '[') {
    auto close = hostport.find(']');
    if (close == std::string_view::npos) throw Failure("an IPv6 host has no closing ']'");
    host = hostport.substr(1, close - 1);
    std::string_view after = hostport.substr(close + 1);
    if (!after.empty() && after.front() != ':') throw Failure("unexpected text after the IPv6 host");
    if (!after.empty()) port = after.substr(1);
  } else {
    if (hostport.find(',') != std::string_view::npos) {
      throw Failure("it names several hosts, which this buildpack does not support: give one host");
    }
    auto colon = hostport.find(':');
    if (colon != std::string_view::npos && hostport.find(':', colon + 1) != std::string_view::npos) {
      throw Failure("an IPv6 host must be written in brackets, as [2001:db8::1]");
    }
    if (colon != std::string_view::npos) {
      host = hostport.substr(0, colon);
      port = hostport.substr(colon + 1);
    }
  }
  url.host = DecodeOrThrow(host, false, "host");
  if (!port.empty()) url.port = ParsePort(port);
}

void ParseQuery(std::string_view query, bool plus_is_space, Connection& url) {
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    std::string key = DecodeOrThrow(item.substr(0, eq), plus_is_space, "query");
    std::string value =
        eq == std::string_view::npos ? "" : DecodeOrThrow(item.substr(eq + 1), plus_is_space, "query");
    if (key == "user") {
      if (url.user.empty()) url.user = value;
    } else if (key == "password") {
      if (url.password.empty()) url.password = value;
    } else {
      url.params.emplace_back(std::move(key), std::move(value));
    }
  }
}

bool IsSchemeChar(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

}  // namespace

std::string UrlScheme(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return "";
  std::string scheme;
  for (std::size_t i = 0; i < sep; ++i) {
    char c = url[i];
    // ':' only in "jdbc:": anything else before "://" may be a user and password.
    if (!IsSchemeChar(c, i == 0) && !(c == ':' && scheme == "jdbc")) return "";
    scheme += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return scheme;
}

Connection ParseAuthorityUrl(std::string_view rest, bool form_query) {
  Connection url;
  auto qmark = rest.find('?');
  std::string_view query = qmark == std::string_view::npos ? "" : rest.substr(qmark + 1);
  rest = rest.substr(0, qmark);
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    url.database = DecodeOrThrow(rest.substr(slash + 1), form_query, "database name");
  }
  auto at = authority.rfind('@');
  if (at == std::string_view::npos && slash != std::string_view::npos &&
      rest.find('@', slash) != std::string_view::npos) {
    // "postgres://user:12/34@host/db": a raw '/' in the password moved it into the database
    // name, which staging logs. Refused, so no such part of a password is ever shown.
    throw Failure("an '@' follows the first '/', as when a '/' in the password is not encoded: "
                  "write '/' as %2F in the user name and password");
  }
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    auto colon = userinfo.find(':');
    url.user = DecodeOrThrow(userinfo.substr(0, colon), false, "user name");
    if (colon != std::string_view::npos) {
      url.password = DecodeOrThrow(userinfo.substr(colon + 1), false, "password");
    }
    authority = authority.substr(at + 1);
  }
  ParseHostPort(authority, url);
  ParseQuery(query, form_query, url);
  return url;
}

std::string QueryString(const UrlParams& params) {
  std::string out;
  char sep = '?';
  for (const auto& [key, value] : params) {
    out += sep;
    out += PercentEncode(key);
    out += '=';
    out += PercentEncode(value, kQueryKeep);
    sep = '&';
  }
  return out;
}

std::string PercentEncode(std::string_view text, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (IsUnreserved(u) || keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

bool PercentDecode(std::string_view text, std::string& out) { return Decode(text, false, out); }

std::string UserInfo(const Connection& url, bool redact) {
  if (url.user.empty() && url.password.empty()) return "";
  std::string out = PercentEncode(url.user);
  if (!url.password.empty()) out += ":" + (redact ? std::string("***") : PercentEncode(url.password));
  return out + '@';
}

std::string UrlHost(std::string_view host) {
  if (host.find(':') == std::string_view::npos) return PercentEncode(host);
  std::string out = "[";
  for (char c : host) {
    if (c == '%') {
      out += "%25";
    } else {
      out += c;
    }
  }
  return out + "]";
}

namespace {

std::vector<std::string_view> SplitQuery(std::string_view query) {
  std::vector<std::string_view> items;
  while (true) {
    const auto amp = query.find('&');
    items.push_back(query.substr(0, amp));
    if (amp == std::string_view::npos) return items;
    query = query.substr(amp + 1);
  }
}

/// The decoded key of one `key=value` item ("" when it does not decode: such keys are kept).
std::string ItemKey(std::string_view item) {
  std::string key;
  if (!PercentDecode(item.substr(0, item.find('=')), key)) return "";
  return key;
}

}  // namespace

std::vector<std::string> QueryKeys(std::string_view url) {
  std::vector<std::string> keys;
  const auto qmark = url.find('?');
  if (qmark == std::string_view::npos) return keys;
  for (std::string_view item : SplitQuery(url.substr(qmark + 1))) keys.push_back(ItemKey(item));
  return keys;
}

std::string SetQueryParams(std::string_view url, const UrlParams& params) {
  // Raw in values, as QueryString writes them: everything else is encoded.
  constexpr std::string_view kValueKeep = "/:";
  std::vector<std::pair<std::string, std::string>> wanted;
  for (const auto& [key, value] : params) wanted.emplace_back(key, PercentEncode(value, kValueKeep));
  std::vector<bool> seen(wanted.size(), false);
  const auto qmark = url.find('?');
  std::string out(url.substr(0, qmark));
  std::vector<std::string> items;
  if (qmark != std::string_view::npos) {
    for (std::string_view item : SplitQuery(url.substr(qmark + 1))) {
      const std::string key = ItemKey(item);
      std::size_t i = 0;
      while (i < wanted.size() && wanted[i].first != key) ++i;
      if (i == wanted.size()) {
        items.emplace_back(item);
      } else if (!seen[i]) {
        seen[i] = true;
        items.push_back(std::string(item.substr(0, item.find('='))) + "=" + wanted[i].second);
      }
    }
  }
  bool appending = false;
  for (const bool s : seen) appending = appending || !s;
  if (appending && !items.empty() && items.back().empty()) items.pop_back();
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (!seen[i]) items.push_back(wanted[i].first + "=" + wanted[i].second);
  }
  char sep = '?';
  for (const auto& item : items) {
    out += sep;
    out += item;
    sep = '&';
  }
  return out;
}

}  // namespace rdsca
