// LaunchExports (launch/exports.h): the one computation behind each lifecycle's launch program,
// Cloud Foundry's rds-ca-launch (launch/cf_launch.h) and the CNB exec.d program
// (launch/cnb_launch.h). The only part of launch/ that reads the environment's bindings.
#include <cstdio>

#include "bindings/bindings.h"
#include "db/selection.h"
#include "db/settings.h"
#include "launch/exports.h"
#include "launch/store.h"

namespace rdsca {

std::vector<Export> ExportsForBindings(const Env& env, const std::vector<Binding>& bindings,
                                       const std::string& store_root, const std::string& option_ca) {
  const Settings settings = ReadSettings(env);
  const Selection selection = SelectDatabases(bindings, settings);
  // As at staging: a binding that cannot be read is one line (at every start, in the app's log)
  // and nothing is exported for it; the start goes on.
  for (const auto& u : selection.unreadable) {
    std::fprintf(stderr, "rds-ca: %s: nothing is exported for it\n", u.error.c_str());
  }
  return ComputeExports(settings, env, selection,
                        store_root.empty() ? StoreFiles{}
                                           : FindStore(store_root, OptionFileNames(selection.databases), option_ca));
}

std::vector<Export> LaunchExports(const Env& env, const std::string& store_root, const std::string& option_ca) {
  return ExportsForBindings(env, ReadBindings(env).list, store_root, option_ca);
}

}  // namespace rdsca
