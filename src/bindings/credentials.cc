#include "bindings/credentials.h"

#include "base/error.h"
#include "base/text.h"

namespace rdsca {

namespace {

std::string TypeName(const nlohmann::json& value) {
  if (value.is_boolean()) return "a boolean";
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  return "null";
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string Credentials::Where() const { return "service '" + Shown(binding_.name) + "'"; }

std::optional<Field> Credentials::Text(std::initializer_list<const char*> keys, bool strict) const {
  return FirstText(keys.begin(), keys.end(), strict);
}

std::optional<Field> Credentials::Text(const std::vector<const char*>& keys, bool strict) const {
  return FirstText(keys.data(), keys.data() + keys.size(), strict);
}

std::optional<Field> Credentials::FirstText(const char* const* first, const char* const* last, bool strict) const {
  const auto& creds = binding_.credentials;
  for (; first != last; ++first) {
    const char* key = *first;
    auto it = creds.find(key);
    if (it == creds.end() || it->is_null()) continue;
    std::string value;
    if (it->is_string()) {
      value = it->get<std::string>();
    } else if (it->is_number()) {
      value = it->dump();
    } else if (strict) {
      throw Failure(Where() + ": " + key + " is " + TypeName(*it) +
                    ", not a string: fix it in the service's credentials");
    } else {
      continue;
    }
    if (value.empty()) continue;
    if (value.find('\0') != std::string::npos) {
      if (!strict) continue;
      throw Failure(Where() + ": " + key +
                    " holds a NUL byte, which no environment variable can carry: remove it from "
                    "the service's credentials");
    }
    return Field{key, std::move(value)};
  }
  return std::nullopt;
}

std::optional<int> Credentials::Port(std::initializer_list<const char*> keys) const {
  const auto& creds = binding_.credentials;
  auto it = creds.end();
  std::string key;
  for (const char* k : keys) {
    it = creds.find(k);
    if (it != creds.end() && !it->is_null()) {
      key = k;
      break;
    }
  }
  if (key.empty()) return std::nullopt;
  const std::string fix = ": set " + key + " to a number from 1 to 65535";
  std::string text;
  if (it->is_number_integer()) {
    text = it->dump();
    if (text.front() == '-') throw Failure(Where() + ": " + key + " " + text + " is out of range" + fix);
  } else if (it->is_string()) {
    text = Trim(it->get<std::string>());
    if (text.empty()) return std::nullopt;
  } else {
    text = it->dump();
  }
  if (!AllDigits(text)) throw Failure(Where() + ": " + key + " '" + Shown(text) + "' is not a number" + fix);
  const int port = text.size() > 5 ? 0 : std::stoi(text);
  if (port < 1 || port > 65535) {
    throw Failure(Where() + ": " + key + " " + Shown(text) + " is out of range" + fix);
  }
  return port;
}

}  // namespace rdsca
