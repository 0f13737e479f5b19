#pragma once
// Reading one binding's credential fields (with the aliases real brokers and CUPS users write)
// and merging a uri/url/jdbcUrl with the discrete fields. Used by database.cc.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bindings/bindings.h"
#include "db/postgres/pg_url.h"

namespace rdsca {

/// A credential value and the key it was found under.
struct Field {
  std::string key;
  std::string value;
};

/// Read access to one binding's credentials.
class Credentials {
 public:
  explicit Credentials(const Binding& binding) : binding_(binding) {}

  /// "service 'NAME'", the prefix of every message about this binding.
  std::string Where() const;

  /// The first of `keys` holding a non-empty string, or a number (as its JSON text). With
  /// `strict`, a boolean, object or array there, or a NUL byte in the value, throws Failure
  /// naming the key; without, such a key is skipped.
  std::optional<Field> Text(std::initializer_list<const char*> keys, bool strict = true) const;

  /// `port` as a number or a string of digits; nothing when absent or empty. Throws Failure
  /// "port 'abc' is not a number" / "port 70000 is out of range", each with the fix.
  std::optional<int> Port() const;

 private:
  const Binding& binding_;
};

/// A uri, url or jdbcUrl credential, parsed.
struct UrlSource {
  bool present = false;  ///< the key is there (non-empty)
  bool bare = false;     ///< it is only "SCHEME://"
  std::string key;       ///< uri, url or jdbcUrl
  PgUrl url;             ///< empty when `error` is set
  std::string error;     ///< "uri is not a valid PostgreSQL URL (reason)" or "uri has scheme ..."
  std::string fix;       ///< what to do about `error`
};

/// Parses the first of `keys` present (a postgres URL, or with `jdbc` a jdbc:postgresql one).
/// A malformed or non-PostgreSQL value sets `error` rather than throwing: the discrete fields
/// may make it moot.
UrlSource ParseUrlCredential(const Credentials& creds, std::initializer_list<const char*> keys,
                             bool jdbc);

/// The discrete connection fields, each under the first alias present.
struct Discrete {
  std::optional<Field> host;      ///< hostname, host
  std::optional<int> port;        ///< port
  std::optional<Field> user;      ///< username, user
  std::optional<Field> password;  ///< password
  std::optional<Field> dbname;    ///< dbname, database, db_name, name
};

/// Reads the discrete fields (throws on a bad port or a NUL byte).
Discrete ReadDiscrete(const Credentials& creds);

/// Merges field by field: discrete > uri > jdbcUrl. Adds a note (no secret in it) for each
/// discrete field that disagrees with the uri, and for a uri the discrete fields complete.
/// Params are the uri's.
PgUrl MergeFields(const Discrete& discrete, const UrlSource& uri, const UrlSource& jdbc,
                  std::vector<std::string>& notes);

}  // namespace rdsca
