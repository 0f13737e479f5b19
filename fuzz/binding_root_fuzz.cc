// Fuzz target: the SERVICE_BINDING_ROOT reader. The input describes a directory tree, made in a
// temporary directory for each run: entries `PATH \x01 CONTENT \x02`, where PATH is
// "A/B/C" (one to three names: a file holding CONTENT, its directories made as needed), "A/" or
// "A/B/" (a directory), or "@" and a path (a symbolic link to CONTENT: relative, at most one
// "..", else /nonexistent; Kubernetes' ..data links are such). Names hold any bytes but '/'. CONTENT is Amplified (fuzz_util.h: deep tags, a long password). Then ReadBindings over that root, and the same pipeline checks as
// VCAP_SERVICES (fuzz/pipeline.h). Properties: no crash, one-line errors, the pipeline's.
#include <unistd.h>

#include <filesystem>

#include "bindings/bindings.h"
#include "base/error.h"
#include "fuzz_util.h"
#include "pipeline.h"

namespace {

namespace stdfs = std::filesystem;

constexpr std::size_t kMaxEntries = 64;

const stdfs::path& Scratch() {
  static const rdsca::fuzz::ScratchDir dir("rdsca-binding-fuzz");
  return dir.path();
}

/// PATH split into at most three usable names; empty when it names nothing we can make.
std::vector<std::string> Names(std::string path) {
  for (char& c : path) {
    if (c == '\0') c = '_';
  }
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= path.size() && names.size() < 4) {
    const std::size_t slash = path.find('/', start);
    const std::string name = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!name.empty()) names.push_back(name);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  for (const auto& n : names) {
    if (n == "." || n == ".." || n.size() > 200) return {};
  }
  if (names.size() > 3) names.resize(3);
  return names;
}

std::string LinkTarget(const std::string& content) {
  std::size_t ups = 0;
  for (std::size_t pos = content.find(".."); pos != std::string::npos; pos = content.find("..", pos + 1)) ++ups;
  if (content.empty() || content[0] == '/' || ups > 1 || content.find('\0') != std::string::npos) return "/nonexistent";
  return content;
}

void Make(const stdfs::path& root, const std::string& path, const std::string& content) {
  const bool link = !path.empty() && path[0] == '@';
  const auto names = Names(link ? path.substr(1) : path);
  if (names.empty()) return;
  stdfs::path where = root;
  std::error_code ec;
  for (std::size_t i = 0; i < names.size(); ++i) {
    where /= names[i];
    if (i + 1 < names.size()) stdfs::create_directory(where, ec);
  }
  if (link) {
    ::symlink(LinkTarget(content).c_str(), where.c_str());
  } else if (path.back() == '/') {
    stdfs::create_directory(where, ec);
  } else if (!stdfs::exists(stdfs::symlink_status(where, ec))) {
    rdsca::fuzz::WriteScratch(where, content);
  }
}

}  // namespace

RDSCA_FUZZ_TARGET(binding_root) {
  const stdfs::path root = Scratch() / "root";
  std::error_code ec;
  stdfs::remove_all(root, ec);
  stdfs::create_directory(root, ec);
  rdsca::fuzz::Input in(data, size);
  for (std::size_t n = 0; n < kMaxEntries && !in.Empty(); ++n) {
    const std::string path = in.Until('\x01');
    const std::string content = rdsca::fuzz::Amplified(in.Until('\x02'));
    try {
      Make(root, path, content);
    } catch (const rdsca::Failure&) {
      // a name the file system refuses (too long, a file in the way): that entry is left out
    }
  }
  rdsca::Bindings bindings;
  try {
    bindings = rdsca::ReadBindings({{"SERVICE_BINDING_ROOT", root.string()}});
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::CheckOneLine(e.what());
    return 0;
  }
  rdsca::fuzz::CheckBindingsPipeline(bindings.list);
  return 0;
}
