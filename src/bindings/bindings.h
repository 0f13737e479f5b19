#pragma once
// The app's service bindings, from whichever of Cloud Foundry's three forms is present
// (docs/cf-contract.md): VCAP_SERVICES, VCAP_SERVICES_FILE_PATH (the same JSON in a file) or
// SERVICE_BINDING_ROOT (one directory per binding, one file per key).
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/env.h"

namespace rdsca {

/// One bound service. Holds credentials: never log it.
struct Binding {
  std::string name;               ///< binding name (else instance name); unique per app
  std::string label;              ///< offering label, `user-provided` for a CUPS; servicebinding.io: type
  std::vector<std::string> tags;  ///< service and instance tags
  nlohmann::json credentials = nlohmann::json::object();  ///< always a JSON object
};

/// The bindings and where they came from ("VCAP_SERVICES", "VCAP_SERVICES_FILE_PATH=/x",
/// "SERVICE_BINDING_ROOT=/x"; empty when the app has none of the three).
struct Bindings {
  std::string source;
  std::vector<Binding> list;
};

/// The most bytes read from VCAP_SERVICES_FILE_PATH or under SERVICE_BINDING_ROOT in total:
/// eight times Cloud Controller's own limit of 1,000,000.
inline constexpr std::size_t kMaxBindingBytes = 8u << 20;
/// The most binding directories, and files in one of them, read under SERVICE_BINDING_ROOT.
inline constexpr std::size_t kMaxBindingEntries = 1000;
/// The deepest nesting of arrays and objects read from binding JSON. Bindings nest four or five
/// levels; nlohmann's DOM copies and compares recursively, so a document 100,000 levels deep
/// would exhaust the stack of every reader (the launch hook's included).
inline constexpr int kMaxBindingJsonDepth = 64;

/// Parses VCAP_SERVICES text: `{label: [{name, label, tags, credentials, ...}]}`, labels in
/// byte order, bindings in their array order. `origin` names the input in errors. Throws
/// Failure on malformed JSON (with line, column and byte, never the text), a NUL byte, a
/// wrong shape, or credentials that are not an object.
std::vector<Binding> ParseVcapServices(std::string_view json, std::string_view origin);

/// Reads a SERVICE_BINDING_ROOT directory, in either layout: Cloud Foundry's (a `label` file;
/// `name`, `tags`, `type`, `provider`, `binding-guid`... are binding fields, the rest
/// credentials) or servicebinding.io's (`type`, optional `provider`; the rest credentials).
/// Directories in byte order; hidden entries (Kubernetes' `..data`) skipped, symlinks followed.
/// A missing root means no bindings. Throws Failure on a NUL byte or past the size caps.
std::vector<Binding> ReadBindingRoot(const std::filesystem::path& root);

/// The bindings of this environment: the first of VCAP_SERVICES, VCAP_SERVICES_FILE_PATH,
/// SERVICE_BINDING_ROOT that is set and not empty.
Bindings ReadBindings(const Env& env);

}  // namespace rdsca
