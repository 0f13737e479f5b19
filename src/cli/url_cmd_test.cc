#include <doctest/doctest.h>

#include "cli/commands.h"
#include "cli_run.h"

namespace rdsca {

using testing::CliError;
using testing::RunCli;

namespace {

constexpr const char* kTail = "sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem";

std::string Url(const std::vector<std::string>& args) {
  const auto r = RunCli(RunUrl, args);
  REQUIRE(r.code == 0);
  REQUIRE(r.out.back() == '\n');
  return r.out.substr(0, r.out.size() - 1);
}

}  // namespace

TEST_CASE("rds-ca url: seed 000's URL gets verify-full and the mounted bundle") {
  const auto r = RunCli(RunUrl, {"postgres://user:password@my-rds-instance.us-east-1.rds.amazonaws.com/db_name?sslmode=disable"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "postgres://user:password@my-rds-instance.us-east-1.rds.amazonaws.com/db_name"
        "?sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem\n");
  CHECK(r.err.empty());
}

TEST_CASE("rds-ca url: parameters are appended, or replaced in place") {
  CHECK(Url({"postgresql://u@h:5433/db"}) == std::string("postgresql://u@h:5433/db?") + kTail);
  CHECK(Url({"postgres://h/db?"}) == std::string("postgres://h/db?") + kTail);
  CHECK(Url({"postgres://h/db?a=1&"}) == std::string("postgres://h/db?a=1&") + kTail);
  CHECK(Url({"postgres://h"}) == std::string("postgres://h?") + kTail);
  CHECK(Url({"postgres://h/db?sslrootcert=/a.pem&x=1", "--root", "/b.pem"}) ==
        "postgres://h/db?sslrootcert=/b.pem&x=1&sslmode=verify-full");
  // the first one is rewritten where it stands, later duplicates dropped; the key's own bytes kept
  CHECK(Url({"postgres://h/db?ssl%6Dode=disable&a=1&sslmode=require&b=2", "--mode", "verify-ca"}) ==
        "postgres://h/db?ssl%6Dode=verify-ca&a=1&b=2&sslrootcert=/etc/rds-ca/bundle.pem");
}

TEST_CASE("rds-ca url: every other byte stays as it was") {
  CHECK(Url({"postgres://us%40er:p%2Fa%3Fs%20s@[::1]:5432/my%20db?application_name=a%20b+c&sslrootcert=/old.pem"
             "&connect_timeout=10&sslmode=require&sslmode=prefer",
             "--root", "/my certs/ca+x.pem", "--mode", "verify-ca"}) ==
        "postgres://us%40er:p%2Fa%3Fs%20s@[::1]:5432/my%20db?application_name=a%20b+c&sslrootcert=/my%20certs/ca%2Bx.pem"
        "&connect_timeout=10&sslmode=verify-ca");
  CHECK(Url({"POSTGRES://U:P@Host.Example:6432/Db?Options=-c%20x%3Dy"}) ==
        std::string("POSTGRES://U:P@Host.Example:6432/Db?Options=-c%20x%3Dy&") + kTail);
}

TEST_CASE("rds-ca url: a JDBC URL stays a JDBC URL") {
  CHECK(Url({"jdbc:postgresql://mydb.c9akciq32.us-west-2.rds.amazonaws.com:5432/app?user=u&password=p+w&ssl=true"}) ==
        std::string("jdbc:postgresql://mydb.c9akciq32.us-west-2.rds.amazonaws.com:5432/app?user=u&password=p+w&ssl=true&") +
            kTail);
  CHECK(Url({"jdbc:postgresql://h/db?sslmode=require", "--root", "/etc/ssl/rds.pem"}) ==
        "jdbc:postgresql://h/db?sslmode=verify-full&sslrootcert=/etc/ssl/rds.pem");
}

TEST_CASE("rds-ca url: a pgjdbc sslfactory is reported, since it makes sslrootcert useless") {
  const auto r = RunCli(RunUrl, {"jdbc:postgresql://h/db?sslfactory=org.postgresql.ssl.NonValidatingFactory"});
  CHECK(r.out == std::string("jdbc:postgresql://h/db?sslfactory=org.postgresql.ssl.NonValidatingFactory&") + kTail + "\n");
  CHECK(r.err ==
        "rds-ca url: WARNING: the URL sets sslfactory, which makes pgjdbc ignore sslrootcert: remove it to verify "
        "against the bundle\n");
}

TEST_CASE("rds-ca url: errors are one line and never repeat the URL") {
  CHECK(CliError(RunUrl, {"mysql://u:secret@h/db"}) ==
        "the URL is not a PostgreSQL URL: give one that starts postgres://, postgresql:// or jdbc:postgresql://");
  CHECK(CliError(RunUrl, {"u:secret@h/db"}) ==
        "the URL is not a PostgreSQL URL: give one that starts postgres://, postgresql:// or jdbc:postgresql://");
  CHECK(CliError(RunUrl, {"postgres://u:se%zzcret@h/db"}) ==
        "the URL cannot be used: bad percent-encoding in the password (a '%' must start %XX, and %00 is not allowed)");
  CHECK(CliError(RunUrl, {"postgres://h1,h2/db"}) ==
        "the URL cannot be used: it names several hosts, which this buildpack does not support: give one host");
  CHECK(CliError(RunUrl, {"postgres://h/db", "--mode", "verify"}) ==
        "--mode 'verify' is not an sslmode: use one of disable, allow, prefer, require, verify-ca, verify-full");
  CHECK(CliError(RunUrl, {}) == "give the URL to rewrite: run rds-ca url --help");
  CHECK(CliError(RunUrl, {"postgres://a:secret@h/db", "postgres://h/db"}) ==
        "too many arguments (2, at most 1): run rds-ca url --help");
  CHECK(CliError(RunUrl, {"postgres://h/db", "--root"}) == "--root needs a value: run rds-ca url --help");
  CHECK(CliError(RunUrl, {"postgres://h/db", "--port", "1"}) ==
        "unknown option '--port': run rds-ca url --help for the options");
}

TEST_CASE("rds-ca url --help") {
  const auto r = RunCli(RunUrl, {"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("usage: rds-ca url URL [--root PATH] [--mode MODE]\n", 0) == 0);
  CHECK(r.out.find("Example:\n") != std::string::npos);
}

}  // namespace rdsca
