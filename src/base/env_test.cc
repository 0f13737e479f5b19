#include "base/env.h"

#include <doctest/doctest.h>

#include "base/error.h"

TEST_CASE("EnvFlag reads switches and refuses anything else") {
  rdsca::Env env{{"A", "TRUE"}, {"B", "off"}, {"C", "maybe"}};
  CHECK(rdsca::EnvFlag(env, "A", false));
  CHECK_FALSE(rdsca::EnvFlag(env, "B", true));
  CHECK(rdsca::EnvFlag(env, "UNSET", true));
  CHECK_THROWS_WITH_AS(rdsca::EnvFlag(env, "C", true),
                       "C=maybe is not a switch: set it to true or false", rdsca::Failure);
}

TEST_CASE("GetEnv and HasEnv tell unset from empty") {
  rdsca::Env env{{"EMPTY", ""}};
  CHECK(rdsca::HasEnv(env, "EMPTY"));
  CHECK_FALSE(rdsca::HasEnv(env, "NONE"));
  CHECK(rdsca::GetEnv(env, "NONE", "d") == "d");
  CHECK(rdsca::GetEnv(env, "EMPTY", "d") == "");
}
