#include "db/engines.h"

#include <algorithm>

#include "db/mysql/mysql.h"
#include "db/postgres/postgres.h"
#include "db/url.h"

namespace rdsca {

const std::vector<const Engine*>& Engines() {
  static const std::vector<const Engine*> engines = {&Postgres(), &Mysql()};
  return engines;
}

std::string KnownEngines() {
  std::string out;
  for (const Engine* e : Engines()) out += (out.empty() ? "" : " or ") + std::string(e->Name());
  return out;
}

std::string EnginesNamed(const std::vector<const Engine*>& present) {
  const bool first_only = std::all_of(present.begin(), present.end(), [](const Engine* e) { return e == Engines().front(); });
  return first_only ? std::string(Engines().front()->Name()) : KnownEngines();
}

std::string Engine::WithTlsParams(std::string_view url, TlsMode mode, const std::string& ca_file, bool jdbc) const {
  return SetQueryParams(url, TlsUrlParams(mode, ca_file, jdbc ? UrlScheme(url) : ""));
}

}  // namespace rdsca
