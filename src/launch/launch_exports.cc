// LaunchExports (launch/exports.h): the one computation behind each lifecycle's launch program,
// Cloud Foundry's rds-ca-launch (launch/cf_launch.h) and the CNB exec.d program
// (launch/cnb_launch.h). The only part of launch/ that reads the environment's bindings.
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
  return ComputeExports(settings, env, selection,
                        store_root.empty() ? StoreFiles{}
                                           : FindStore(store_root, OptionFileNames(selection.databases), option_ca));
}

std::vector<Export> LaunchExports(const Env& env, const std::string& store_root, const std::string& option_ca) {
  return ExportsForBindings(env, ReadBindings(env).list, store_root, option_ca);
}

}  // namespace rdsca
