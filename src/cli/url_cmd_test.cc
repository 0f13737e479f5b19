#include <doctest/doctest.h>

#include <sstream>

#include "cli/commands.h"
#include "cli_run.h"
#include "base/error.h"

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
  CHECK(CliError(RunUrl, {"redis://u:secret@h/db"}) ==
        "the URL is not a PostgreSQL or MySQL URL: give one that starts postgres://, postgresql://, jdbc:postgresql://, mysql://, mysql2://, jdbc:mysql:// or jdbc:mariadb://");
  CHECK(CliError(RunUrl, {"u:secret@h/db"}) ==
        "the URL is not a PostgreSQL or MySQL URL: give one that starts postgres://, postgresql://, jdbc:postgresql://, mysql://, mysql2://, jdbc:mysql:// or jdbc:mariadb://");
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
  CHECK(r.out.rfind("usage: rds-ca url URL|- [--root PATH] [--mode MODE]\n", 0) == 0);
  CHECK(r.out.find("Example:\n") != std::string::npos);
  CHECK(r.out.find("With - instead of URL, the URL is read from standard input (one line, at most 128 KiB)") !=
        std::string::npos);
  CHECK(r.out.find("  printf '%s\\n' \"$DATABASE_URL\" | rds-ca url - --root /etc/ssl/rds.pem\n") != std::string::npos);
}

namespace {

/// `rds-ca url ARGS` with `input` on standard input.
testing::CliRun UrlFromStdin(const std::vector<std::string>& args, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out, err;
  const Env env;
  testing::CliRun r;
  r.code = RunUrl(args, Io{out, err, env, &in});
  r.out = out.str();
  r.err = err.str();
  return r;
}

/// The UsageError message of UrlFromStdin ("" when none).
std::string StdinError(const std::string& input) {
  try {
    (void)UrlFromStdin({"-"}, input);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("rds-ca url -: the URL from standard input, one line, its newline stripped") {
  const std::string seed = "postgres://user:password@my-rds-instance.us-east-1.rds.amazonaws.com/db_name?sslmode=disable";
  const std::string want = "postgres://user:password@my-rds-instance.us-east-1.rds.amazonaws.com/db_name"
                           "?sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem\n";
  for (const std::string& input : {seed, seed + "\n", seed + "\r\n"}) {
    CAPTURE(input);
    const auto r = UrlFromStdin({"-"}, input);
    CHECK(r.code == 0);
    CHECK(r.out == want);
    CHECK(r.err == "");
  }
  const auto r = UrlFromStdin({"--mode", "verify-ca", "-", "--root", "/x/ca.pem"},
                              "jdbc:postgresql://h/db?sslfactory=org.postgresql.ssl.NonValidatingFactory\n");
  CHECK(r.out == "jdbc:postgresql://h/db?sslfactory=org.postgresql.ssl.NonValidatingFactory&sslmode=verify-ca"
                 "&sslrootcert=/x/ca.pem\n");
  CHECK(r.err.find("rds-ca url: WARNING: the URL sets sslfactory") == 0);
  // a URL exactly at the cap is read; one byte more is refused without reading on
  const std::string at_cap = "postgres://h/db?application_name=" + std::string((128u << 10) - 33, 'a');
  REQUIRE(at_cap.size() == 128u << 10);
  CHECK(UrlFromStdin({"-"}, at_cap + "\n").out == at_cap + "&sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem\n");
  CHECK(StdinError(at_cap + "a") == "the URL on standard input is longer than 131072 bytes: give one URL on one line");
}

TEST_CASE("rds-ca url -: errors are one line and never repeat the input") {
  const std::string none = "no URL on standard input: give it on one line, or as the argument instead of -";
  CHECK(StdinError("") == none);
  CHECK(StdinError("\n") == none);
  CHECK(StdinError("\r\n") == none);
  CHECK(StdinError("postgres://u:s3cret@h/db\npostgres://h/db\n") ==
        "standard input holds more than one line: give only the URL, on one line");
  CHECK(StdinError("postgres://u:s3cret@h/db\n\n") ==
        "standard input holds more than one line: give only the URL, on one line");
  CHECK(StdinError("redis://u:s3cret@h/db\n") ==
        "the URL is not a PostgreSQL or MySQL URL: give one that starts postgres://, postgresql://, jdbc:postgresql://, mysql://, mysql2://, jdbc:mysql:// or jdbc:mariadb://");
  std::ostringstream out, err;
  const Env env;
  CHECK_THROWS_WITH_AS(RunUrl({"-"}, Io{out, err, env}), none.c_str(), UsageError);  // no standard input at all
}

TEST_CASE("rds-ca url: MySQL URLs get their clients' parameters, in place or appended") {
  CHECK(Url({"mysql://u:p%40ss@mydb.c9akciq32.us-west-2.rds.amazonaws.com/shop?reconnect=true&ssl_mode=DISABLED"}) ==
        "mysql://u:p%40ss@mydb.c9akciq32.us-west-2.rds.amazonaws.com/shop?reconnect=true&ssl_mode=verify_identity"
        "&sslca=/etc/rds-ca/bundle.pem");
  CHECK(Url({"mysql2://h/d", "--mode", "required"}) == "mysql2://h/d?ssl_mode=required");
  CHECK(Url({"jdbc:mysql://h:3306/d?useSSL=false", "--root", "/r.pem"}) ==
        "jdbc:mysql://h:3306/d?useSSL=true&sslMode=VERIFY_IDENTITY&serverSslCert=/r.pem&permitMysqlScheme=true");
  CHECK(Url({"jdbc:mariadb://h/d?sslMode=trust", "--mode", "verify-ca"}) ==
        "jdbc:mariadb://h/d?sslMode=VERIFY_CA&useSSL=true&serverSslCert=/etc/rds-ca/bundle.pem"
        "&disableSslHostnameVerification=true");
  CHECK(CliError(RunUrl, {"mysql://h/d", "--mode", "strict"}) ==
        "--mode 'strict' is not an ssl_mode: use one of disabled, preferred, required, verify_ca, verify_identity (or "
        "Stratos's false, skip-verify, true, or libpq's disable, prefer, require, verify-ca, verify-full)");
  CHECK(CliError(RunUrl, {"mysql://u:secret@h:0/d"}) == "the URL cannot be used: the port is out of range 1-65535");
}

}  // namespace rdsca
