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
