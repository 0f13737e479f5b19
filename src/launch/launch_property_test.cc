// Property: any credential bytes (no NUL) survive the launch hook's output, bash's eval and the
// URL decoding of DATABASE_URL, by an independent decoder and by libpq's own parser.
#include <libpq-fe.h>

#include <cstdio>
#include <fstream>
#include <random>

#include <doctest/doctest.h>

#include "db/selection.h"
#include "launch/exports.h"
#include "launch/render_shell.h"
#include "base/shell_quote.h"
#include "test_util.h"

namespace {

struct Case {
  std::string user, password, dbname;
};

std::string RandomBytes(std::mt19937& rng) {
  static const std::string kNasty = "'\"$`\\\n\t %@:/?#&=+[]!*(),;~-._{}|<>^";
  std::uniform_int_distribution<int> len(0, 24), kind(0, 3), byte(1, 255), pick(0, 33);
  std::string out;
  for (int n = len(rng); n > 0; --n) {
    int k = kind(rng);
    out += k == 0 ? static_cast<char>(byte(rng))
                  : k == 1 ? kNasty[static_cast<std::size_t>(pick(rng)) % kNasty.size()]
                           : static_cast<char>('a' + byte(rng) % 26);
  }
  return out;
}

/// An independent decoder: split at the one '@' and first ':' of the userinfo, the first '/'
/// after the host, the first '?'; %XX to bytes.
std::string Unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Case DecodeUrl(const std::string& url) {
  Case c;
  std::string rest = url.substr(std::string("postgres://").size());
  rest = rest.substr(0, rest.find('?'));
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  c.dbname = Unescape(rest.substr(slash + 1));
  const auto at = authority.find('@');
  if (at != std::string::npos) {
    const std::string userinfo = authority.substr(0, at);
    const auto colon = userinfo.find(':');
    c.user = Unescape(userinfo.substr(0, colon));
    if (colon != std::string::npos) c.password = Unescape(userinfo.substr(colon + 1));
  }
  return c;
}

Case LibpqParse(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  Case c;
  if (!opts) {
    std::string why = err ? err : "?";
    PQfreemem(err);
    FAIL("libpq refused the URL: " << why);
    return c;
  }
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    const std::string key = o->keyword, val = o->val ? o->val : "";
    if (key == "user") c.user = val;
    if (key == "password") c.password = val;
    if (key == "dbname") c.dbname = val;
  }
  PQconninfoFree(opts);
  return c;
}

}  // namespace

TEST_CASE("property: random credentials survive render, bash eval and URL decoding") {
  constexpr int kCases = 200;
  std::mt19937 rng(20260924);
  rdsca::testing::TempDir dir;
  std::vector<Case> cases;
  std::string script;
  for (int i = 0; i < kCases; ++i) {
    Case c{RandomBytes(rng), RandomBytes(rng), RandomBytes(rng)};
    rdsca::Binding b;
    b.name = "db";
    b.label = "user-provided";
    b.credentials = {{"uri", "postgres://"}, {"hostname", "db.example.com"}, {"port", 5432}, {"username", c.user},
                     {"password", c.password}, {"dbname", c.dbname}};
    const auto exports = rdsca::ComputeExports({}, {}, rdsca::SelectDatabases({b}, {}), {});
    const auto file = dir.path() / ("exports-" + std::to_string(i));
    std::ofstream(file, std::ios::binary) << rdsca::RenderShell(exports);  // no fsync: fast
    // What the hook script does (eval of the output), with no fork per case: the machine is shared.
    script += "IFS= read -r -d '' out < " + rdsca::ShellQuote(file.string()) +
              "; eval \"$out\" && printf '%s\\0%s\\0%s\\0' \"$DATABASE_URL\" "
              "\"$JDBC_DATABASE_USERNAME\" \"$JDBC_DATABASE_PASSWORD\"\n";
    cases.push_back(std::move(c));
  }
  std::ofstream(dir.path() / "run.sh", std::ios::binary) << script;
  const std::string command = "env -i LC_ALL=C bash " + rdsca::ShellQuote((dir.path() / "run.sh").string());
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  REQUIRE(pclose(pipe) == 0);
  std::vector<std::string> fields;
  for (std::size_t start = 0, nul; (nul = out.find('\0', start)) != std::string::npos; start = nul + 1) {
    fields.push_back(out.substr(start, nul - start));
  }
  REQUIRE(fields.size() == 3 * cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    const std::string& url = fields[3 * i];
    CAPTURE(i);
    CHECK(fields[3 * i + 1] == c.user);
    CHECK(fields[3 * i + 2] == c.password);
    const Case ours = DecodeUrl(url);
    CHECK(ours.user == c.user);
    CHECK(ours.password == c.password);
    CHECK(ours.dbname == c.dbname);
    const Case libpq = LibpqParse(url);
    CHECK(libpq.user == c.user);
    CHECK(libpq.password == c.password);
    CHECK(libpq.dbname == c.dbname);
  }
}
