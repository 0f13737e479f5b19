#include "bindings/bindings.h"

#include <algorithm>
#include <array>

#include "base/error.h"
#include "base/fs.h"
#include "base/text.h"

namespace rdsca {

namespace {

using nlohmann::json;

constexpr const char* kFixVcap = "set it to the JSON object Cloud Foundry writes, or unset it";

std::string TypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    default: return "a number";
  }
}

/// "line L, column C, byte B" for a 1-based byte index as nlohmann reports it.
std::string Position(std::string_view text, std::size_t byte) {
  std::size_t line = 1, column = 0;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column + 1) + ", byte " +
         std::to_string(byte);
}

/// Thrown by DepthBound's callback: the parse stops there.
struct TooDeep {};

/// A parser callback that stops the parse past kMaxBindingJsonDepth levels.
json::parser_callback_t DepthBound() {
  return [](int depth, json::parse_event_t, json&) {
    if (depth > kMaxBindingJsonDepth) throw TooDeep{};
    return true;
  };
}

std::string TooDeepText() {
  return " nests arrays and objects deeper than the " + std::to_string(kMaxBindingJsonDepth) + " levels this reads";
}

json ParseJson(std::string_view text, std::string_view origin) {
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw Failure(std::string(origin) + " holds a NUL byte (byte " + std::to_string(nul + 1) +
                  "), which JSON cannot: " + kFixVcap);
  }
  try {
    return json::parse(text, DepthBound());
  } catch (const TooDeep&) {
    throw Failure(std::string(origin) + TooDeepText() + ": " + kFixVcap);
  } catch (const json::parse_error& e) {
    // e.what() quotes the text near the error, which may be a password: only the position.
    throw Failure(std::string(origin) + " is not valid JSON (" + Position(text, e.byte) + "): " +
                  kFixVcap);
  } catch (const json::exception&) {
    // out_of_range 406: a number such as 1E99999 overflows a double; nlohmann gives no position
    throw Failure(std::string(origin) + " is not valid JSON (a number in it is too large for a double): " +
                  kFixVcap);
  }
}

std::vector<std::string> StringsOf(const json& array) {
  std::vector<std::string> out;
  if (!array.is_array()) return out;
  for (const auto& item : array) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string StringField(const json& entry, const char* key) {
  auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : "";
}

Binding BindingFromEntry(const json& entry, const std::string& label, std::string_view origin) {
  if (!entry.is_object()) {
    throw Failure(std::string(origin) + ": an entry under '" + Shown(label) + "' is " + TypeName(entry) +
                  ", not a binding object: " + kFixVcap);
  }
  Binding b;
  b.name = StringField(entry, "name");
  if (b.name.empty()) b.name = StringField(entry, "binding_name");
  if (b.name.empty()) b.name = StringField(entry, "instance_name");
  if (b.name.empty()) b.name = label;
  b.label = StringField(entry, "label");
  if (b.label.empty()) b.label = label;
  if (auto it = entry.find("tags"); it != entry.end()) b.tags = StringsOf(*it);
  auto creds = entry.find("credentials");
  if (creds != entry.end() && !creds->is_null()) {
    if (!creds->is_object()) {
      throw Failure("service '" + Shown(b.name) + "': credentials is " + TypeName(*creds) +
                    ", not a JSON object: give the service its credentials as an object (for a "
                    "user-provided service: cf update-user-provided-service " + Shown(b.name) +
                    " -p '{\"uri\":\"postgres://USER:PASSWORD@HOST:5432/DBNAME\"}')");
    }
    b.credentials = *creds;
  }
  return b;
}

/// Tags as Cloud Foundry writes them (JSON text of an array), else a comma-separated list.
/// `where` names the file in the one error: JSON nested too deep.
std::vector<std::string> ParseTags(const std::string& text, const std::string& where) {
  json parsed;
  try {
    parsed = json::parse(text, DepthBound(), false);
  } catch (const TooDeep&) {
    throw Failure(where + TooDeepText() + ": write the tags as a JSON array of strings");
  }
  if (parsed.is_array()) return StringsOf(parsed);
  std::vector<std::string> out;
  std::string_view rest = text;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string tag = Trim(rest.substr(0, comma));
    if (!tag.empty()) out.push_back(tag);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

bool IsDir(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p, ec);
}

bool IsFile(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

std::vector<std::string> Entries(const std::filesystem::path& dir, const std::string& root_var) {
  std::vector<std::string> names = fs::ListDir(dir);
  names.erase(std::remove_if(names.begin(), names.end(),
                             [](const std::string& n) { return n.empty() || n[0] == '.'; }),
              names.end());
  if (names.size() > kMaxBindingEntries) {
    throw Failure(root_var + ": " + dir.string() + " has " + std::to_string(names.size()) +
                  " entries, more than the " + std::to_string(kMaxBindingEntries) +
                  " this reads: remove the extra files");
  }
  return names;
}

/// Binding fields Cloud Controller writes beside the credentials (service_binding_files_builder).
bool IsCfBindingField(const std::string& key) {
  static constexpr std::array<std::string_view, 12> kFields = {
      "type", "provider", "label", "name", "binding-guid", "binding-name", "instance-guid",
      "instance-name", "plan", "tags", "syslog-drain-url", "volume-mounts"};
  return std::find(kFields.begin(), kFields.end(), key) != kFields.end();
}

Binding ReadBindingDir(const std::filesystem::path& dir, const std::string& dir_name,
                       const std::string& root_var, std::size_t& budget) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& key : Entries(dir, root_var)) {
    if (!IsFile(dir / key)) continue;
    std::string data = fs::ReadFile(dir / key, root_var + " binding file", budget);
    budget -= data.size();
    files.emplace_back(key, std::move(data));
  }
  auto get = [&](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : files) {
      if (k == key) return &v;
    }
    return nullptr;
  };
  Binding b;
  const bool cf_layout = get("label") != nullptr;
  const std::string* name = cf_layout ? get("name") : nullptr;
  b.name = name ? Trim(*name) : dir_name;
  if (b.name.empty()) b.name = dir_name;
  const std::string* label = get(cf_layout ? "label" : "type");
  b.label = label ? Trim(*label) : "";
  if (const std::string* tags = cf_layout ? get("tags") : nullptr) b.tags = ParseTags(*tags, root_var + ": " + (dir / "tags").string());
  for (auto& [key, value] : files) {
    bool field = cf_layout ? IsCfBindingField(key) : (key == "type" || key == "provider");
    if (!field) b.credentials[key] = std::move(value);
  }
  return b;
}

}  // namespace

std::vector<Binding> ParseVcapServices(std::string_view text, std::string_view origin) {
  const json doc = ParseJson(text, origin);
  if (!doc.is_object()) {
    throw Failure(std::string(origin) + " is " + TypeName(doc) +
                  ", not a JSON object of service labels: " + kFixVcap);
  }
  std::vector<Binding> out;
  for (const auto& [label, entries] : doc.items()) {
    if (!entries.is_array()) {
      throw Failure(std::string(origin) + ": the value of '" + Shown(label) + "' is " +
                    TypeName(entries) + ", not an array of bindings: " + kFixVcap);
    }
    for (const auto& entry : entries) out.push_back(BindingFromEntry(entry, label, origin));
  }
  return out;
}

std::vector<Binding> ReadBindingRoot(const std::filesystem::path& root) {
  const std::string root_var = "SERVICE_BINDING_ROOT=" + root.string();
  std::vector<Binding> out;
  std::size_t budget = kMaxBindingBytes;
  for (const auto& name : Entries(root, root_var)) {
    if (IsDir(root / name)) out.push_back(ReadBindingDir(root / name, name, root_var, budget));
  }
  return out;
}

Bindings ReadBindings(const Env& env) {
  if (std::string vcap = GetEnv(env, "VCAP_SERVICES"); !vcap.empty()) {
    return {"VCAP_SERVICES", ParseVcapServices(vcap, "VCAP_SERVICES")};
  }
  if (std::string path = GetEnv(env, "VCAP_SERVICES_FILE_PATH"); !path.empty()) {
    const std::string origin = "VCAP_SERVICES_FILE_PATH=" + path;
    std::string text = fs::ReadFile(path, "the VCAP_SERVICES_FILE_PATH file", kMaxBindingBytes);
    return {origin, ParseVcapServices(text, "the file " + origin)};
  }
  if (std::string root = GetEnv(env, "SERVICE_BINDING_ROOT"); !root.empty()) {
    return {"SERVICE_BINDING_ROOT=" + root, ReadBindingRoot(root)};
  }
  return {};
}

}  // namespace rdsca
