#pragma once
// A database connection as the bindings describe it, whatever the engine: the value every URL
// codec parses into and builds from. Holds the password: never log it (Engine::Redacted is the
// loggable form).
#include <string>
#include <utility>
#include <vector>

namespace rdsca {

/// Query parameters in their order, decoded.
using UrlParams = std::vector<std::pair<std::string, std::string>>;

/// Empty strings mean "not given"; port 0 means "not given".
struct Connection {
  std::string user;
  std::string password;
  std::string host;  ///< an IPv6 literal without its brackets
  int port = 0;
  std::string database;
  UrlParams params;  ///< without `user` and `password` (those fill the fields above)
};

}  // namespace rdsca
