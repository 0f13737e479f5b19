#pragma once
// The parts of database URLs every engine shares (RFC 3986): the scheme, percent-encoding, the
// host in an authority, and the SCHEME://[user[:password]@]host[:port][/database][?query] form.
// Each engine's codec (db/<engine>/) checks its schemes and builds its own URLs with these.
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"

namespace rdsca {

/// The scheme of `url` lower-cased (`postgres`, `jdbc:postgresql`, `mysql`...), or "" when
/// `url` has no `://`.
std::string UrlScheme(std::string_view url);

/// Parses what follows "SCHEME://": [user[:password]@]host[:port][/database][?query], one host.
/// `user` and `password` query parameters fill the fields when the URL has no userinfo; with
/// `form_query` (JDBC) a '+' in the database name or the query is a space. Throws Failure whose
/// message is the reason only ("bad percent-encoding in the password"); it never repeats the
/// URL, which may hold a password.
Connection ParseAuthorityUrl(std::string_view after_scheme, bool form_query);

/// `?key=value&...` for `params` (nothing when empty), keys and values percent-encoded, '/' and
/// ':' kept raw in values (sslrootcert paths stay readable; every parser takes them).
std::string QueryString(const UrlParams& params);

/// `url` with each of `params` set in its `?key=value&...` query: replaced where the query has the
/// key (later duplicates dropped), appended where not, values percent-encoded ('/' and ':' kept
/// raw). Every other byte is kept: user info, host, port, path, the other parameters, their
/// order and encoding.
std::string SetQueryParams(std::string_view url, const UrlParams& params);

/// The decoded keys of `url`'s `?key=value&...` query, in order ("" for one that does not decode).
std::vector<std::string> QueryKeys(std::string_view url);

/// Percent-encodes every byte except RFC 3986's unreserved ones (A-Z a-z 0-9 - . _ ~) and
/// those in `keep`.
std::string PercentEncode(std::string_view text, std::string_view keep = "");

/// Decodes %XX escapes ('+' stays '+', as in libpq). Returns false on a malformed escape or
/// a decoded NUL byte, leaving `out` unspecified.
bool PercentDecode(std::string_view text, std::string& out);

/// "USER[:PASSWORD]@" percent-encoded ("USER:***@" with `redact`), or "" when both are empty.
std::string UserInfo(const Connection& url, bool redact);

/// `host` as it goes into a URL's authority: bracketed when it is an IPv6 literal (a zone's
/// '%' encoded as %25).
std::string UrlHost(std::string_view host);

}  // namespace rdsca
