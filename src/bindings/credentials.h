#pragma once
// Reading one binding's credential fields, with the aliases real brokers and CUPS users write
// (db/resolve.cc merges them into a connection).
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bindings/bindings.h"

namespace rdsca {

/// The keys a binding's host is under, first wins: hostname, host, and the AWS Service Broker's
/// ENDPOINT_ADDRESS.
inline const std::vector<const char*> kHostKeys = {"hostname", "host", "ENDPOINT_ADDRESS"};

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
  std::optional<Field> Text(const std::vector<const char*>& keys, bool strict = true) const;

  /// The first of `keys` present (`port`, then the AWS Service Broker's `PORT`) as a number or a
  /// string of digits; nothing when absent or empty. Throws Failure "port 'abc' is not a number" /
  /// "port 70000 is out of range" (the key as written), each with the fix.
  std::optional<int> Port(std::initializer_list<const char*> keys = {"port", "PORT"}) const;

 private:
  std::optional<Field> FirstText(const char* const* first, const char* const* last, bool strict) const;
  const Binding& binding_;
};

}  // namespace rdsca
