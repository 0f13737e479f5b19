#include "cf/stager.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "base/fs.h"
#include "test_util.h"
#include "version.h"

TEST_CASE("Stager writes env files without a trailing newline") {
  rdsca::testing::TempDir tmp;
  rdsca::Stager stager(tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "03");
  stager.WriteEnvFile("DB_SSL_MODE", "verify-full");
  CHECK(rdsca::fs::ReadFile(tmp.path() / "deps" / "03" / "env" / "DB_SSL_MODE", "env file") ==
        "verify-full");
}

TEST_CASE("Stager writes config.yml that a YAML parser reads back") {
  rdsca::testing::TempDir tmp;
  rdsca::Stager stager(tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "0");
  nlohmann::ordered_json meta;
  meta["bindings"] = {"console_db"};
  meta["certificates"] = 3;
  meta["region"] = "us-west-2";
  stager.WriteConfigYml(nlohmann::json::object(), meta);
  auto yaml = YAML::LoadFile((tmp.path() / "deps" / "0" / "config.yml").string());
  CHECK(yaml["name"].as<std::string>() == "rds-ca");
  CHECK(yaml["version"].as<std::string>() == rdsca::kVersion);
  CHECK(yaml["output_metadata"]["bindings"][0].as<std::string>() == "console_db");
  CHECK(yaml["output_metadata"]["certificates"].as<int>() == 3);
  CHECK(yaml["output_metadata"]["region"].as<std::string>() == "us-west-2");
}

TEST_CASE("FlattenMetadata leaves one level of scalars and lists of scalars") {
  auto flat = rdsca::FlattenMetadata(nlohmann::ordered_json::parse(R"({
    "bindings": {"selected": "console_db", "postgresql": ["console_db", "other"]},
    "ca": {"certificates": 3, "endpoints": [{"service": "console_db", "kind": "instance",
           "region": "us-west-2"}], "source": ["embedded"]},
    "empty": {}
  })"));
  CHECK(flat.dump() ==
        R"({"bindings.selected":"console_db","bindings.postgresql":["console_db","other"],)"
        R"("ca.certificates":3,"ca.endpoints":["service=console_db kind=instance region=us-west-2"],)"
        R"("ca.source":["embedded"]})");
}

TEST_CASE("config.yml lists name, version, config, output_metadata in that order") {
  rdsca::testing::TempDir tmp;
  rdsca::Stager stager(tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "0");
  nlohmann::ordered_json meta;
  meta["ca"]["certificates"] = 3;
  stager.WriteConfigYml(nlohmann::ordered_json::object(), meta);
  CHECK(rdsca::fs::ReadFile(tmp.path() / "deps" / "0" / "config.yml", "config.yml") ==
        "name: \"rds-ca\"\nversion: \"" + std::string(rdsca::kVersion) +
            "\"\nconfig:\n  {}\noutput_metadata:\n  ca.certificates: 3\n");
}
