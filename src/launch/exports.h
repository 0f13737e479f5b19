#pragma once
// The launch environment as data: what the launch hook exports at every container start,
// computed from the settings, the ranked database bindings and the installed store. Pure: each
// lifecycle finds the store and renders the result (launch/cf_launch.h, launch/render_shell.h).
#include <string>
#include <vector>

#include "base/env.h"
#include "db/database.h"
#include "db/selection.h"
#include "db/settings.h"
#include "launch/export.h"
#include "launch/store.h"

namespace rdsca {

/// `<NAME>_DATABASE_URL` for each database (name upper-cased, other characters '_', a leading
/// digit prefixed with '_'), in the databases' order; "" where the name collides with
/// DATABASE_URL, JDBC_DATABASE_URL, RDS_CA_DATABASE_URL or an earlier binding's variable.
std::vector<std::string> BindingVariables(const std::vector<Database>& databases);

/// `<NAME>_DATABASE_READER_URL` for a BindingVariables name `<NAME>_DATABASE_URL`: no such name
/// can be another's (theirs all end in _DATABASE_URL).
std::string ReaderVariable(const std::string& binding_variable);

/// The option files (OptionFileSpec::name) of the engines of `databases`, each once: what the
/// launch hook asks FindStore to read.
std::vector<std::string> OptionFileNames(const std::vector<Database>& databases);

/// The exports, in this order: DATABASE_URL, JDBC_DATABASE_URL, JDBC_DATABASE_USERNAME,
/// JDBC_DATABASE_PASSWORD, DATABASE_READER_URL and JDBC_DATABASE_READER_URL (when the selected
/// database names a reader: Database::reader_host), <NAME>_DATABASE_URL each followed by its
/// <NAME>_DATABASE_READER_URL when it has a reader (several databases only), DB_SSL_MODE with
/// RDS_CA_EXPORTED_DB_SSL_MODE and RDS_CA_APP_DB_SSL_MODE (db/settings.h: how a later run tells
/// the app's DB_SSL_MODE from its own), then the trust variables (launch/trust_variables.h),
/// then each bound engine's option-file variable (MYSQL_HOME: the store's option directory, when
/// it holds that engine's file written for this store and the app set none of its own).
/// The URLs are the selected database's engine's; sslrootcert names `store.rds_bundle`.
/// RDS_CA_DATABASE_URL=false leaves out the URLs and the JDBC variables, RDS_CA_DB_SSL_MODE=false
/// the DB_SSL_MODE ones. No database: only the trust variables. `env` holds the app's own values
/// of the trust variables. Evaluated again in the environment it makes, it gives the same.
std::vector<Export> ComputeExports(const Settings& settings, const Env& env, const Selection& selection,
                                   const StoreFiles& store);

/// What every lifecycle's launch program exports at start (launch/launch_exports.cc, which
/// reads): ComputeExports over the settings and the bindings (ReadBindings) of `env` and the
/// store found under `store_root` (FindStore, with the bound engines' option files, which must
/// name their CA as `option_ca`; "": the store's own RDS bundle path, where the store is at the
/// same path at staging and launch). Throws Failure (one line) on bad input.
std::vector<Export> LaunchExports(const Env& env, const std::string& store_root, const std::string& option_ca = "");

/// LaunchExports for `bindings` given rather than read from `env` (`rds-ca env --vcap FILE`), and
/// `store_root` "" for no store at all (no trust-store variables, no sslrootcert): the one
/// computation, whoever asks.
std::vector<Export> ExportsForBindings(const Env& env, const std::vector<Binding>& bindings,
                                       const std::string& store_root, const std::string& option_ca = "");

}  // namespace rdsca
