#include "base/log.h"

#include <doctest/doctest.h>

#include <sstream>

TEST_CASE("Log writes the official buildpack format") {
  std::ostringstream out;
  rdsca::Log log(out);
  log.Step("Installing RDS CA");
  log.Info("3 certificates");
  log.Warning("weak mode");
  log.Error("no CA");
  CHECK(out.str() ==
        "-----> Installing RDS CA\n"
        "       3 certificates\n"
        "       **WARNING** weak mode\n"
        "       **ERROR** no CA\n");
}

TEST_CASE("Log marks warnings bold red on a terminal-like log") {
  std::ostringstream out;
  rdsca::Log log(out, /*color=*/true);
  log.Warning("x");
  CHECK(out.str() == "       \033[31;1m**WARNING**\033[0m x\n");
}

TEST_CASE("Log prints no control character: a binding's name cannot forge a step or clear a terminal") {
  std::ostringstream out;
  rdsca::Log log(out, /*color=*/true);
  log.Info("service 'x\n-----> Installing the launch hook\n\033[2J\r\x7f\xc2\x9b" "2J': PostgreSQL");
  log.Warning("service 'a\tb'");
  log.Step("Reading \xc3\xa9 bindings");  // UTF-8 text stays
  CHECK(out.str() ==
        "       service 'x?-----> Installing the launch hook??[2J???2J': PostgreSQL\n"
        "       \033[31;1m**WARNING**\033[0m service 'a?b'\n"
        "-----> Reading \xc3\xa9 bindings\n");
}
