#pragma once
// The trust store as staging writes it and the launch environment names it: the same files
// under every lifecycle (Cloud Foundry's deps/IDX/rds-ca, a CNB layer). The writer is
// truststore/trust_store.h; where the store sits is each lifecycle's (cf/layout.h).
#include <string>
#include <utility>
#include <vector>

namespace rdsca {

namespace store {
inline constexpr const char* kDir = "rds-ca";                          ///< the store's directory
inline constexpr const char* kRdsBundle = "rds-ca.pem";                ///< RDS set (+ RDS_CA_EXTRA_CERTS): sslrootcert
inline constexpr const char* kCombinedBundle = "ca-certificates.crt";  ///< system + RDS set
inline constexpr const char* kHashedDir = "certs";                     ///< HASH.N for OpenSSL and Go
inline constexpr const char* kJavaTrustStore = "truststore.p12";       ///< PKCS#12, no password
inline constexpr const char* kOptionDir = "client";  ///< client option files (MySQL's my.cnf), one per engine
/// Beside the store, under every lifecycle: rds-ca and the launch hook (deps/IDX/bin, <layer>/bin).
inline constexpr const char* kBinDir = "bin";
/// One sslrootcert per binding that brings its own CA (ca_certificate, sslrootcert...): the RDS set
/// and that binding's CAs, which vouch for its database only, never for another binding's or the
/// app's HTTPS (they are in no other file of the store).
inline constexpr const char* kBindingCaDir = "binding-ca";

/// "rds-ca/NAME": a file of the store relative to the directory it sits in, as staging's log
/// names it under every lifecycle.
inline std::string Relative(const char* name) { return std::string(kDir) + "/" + name; }
}  // namespace store

/// The store's files as the app addresses them: each an absolute path, or "" when it is not
/// installed.
struct StoreFiles {
  std::string rds_bundle;
  std::string combined_bundle;
  std::string hashed_dir;
  std::string java_trust_store;
  std::string option_dir;  ///< the directory of the engines' client option files
  /// The option files FindStore was asked for and found, by name, with their text.
  std::vector<std::pair<std::string, std::string>> option_files;
  /// The CA path the option files name (they cannot say $DEPS_DIR): the exports name an option
  /// file only when its text is its engine's OptionFileText for this path.
  std::string option_ca;
  /// kBindingCaDir, and the BindingCaFileName files in it (regular files only).
  std::string binding_ca_dir;
  std::vector<std::string> binding_cas;
};

/// The directory a program in `exe_dir` was installed in, when `exe_dir` is its bin/ (kBinDir):
/// both lifecycles install the same shape, root/bin/ beside root/rds-ca/ (Cloud Foundry's
/// deps/IDX, a CNB launch layer). "" for a program anywhere else. Says nothing of the store.
std::string InstallRootOf(const std::string& exe_dir);
/// The file in kBindingCaDir for a binding whose credentials hold `ca_pems` (credential key, PEM
/// text): named after a hash of that text, so a CA changed since staging finds no file, and is
/// not trusted, until the app is restaged.
std::string BindingCaFileName(const std::vector<std::pair<std::string, std::string>>& ca_pems);

/// The sslrootcert for a binding with `ca_pems`: its own file when it has one in `store`, else
/// the RDS bundle.
std::string CaFileFor(const std::vector<std::pair<std::string, std::string>>& ca_pems, const StoreFiles& store);

/// Every file of the store in `root`/rds-ca, as if installed (staging, which has just written
/// them, and dry runs).
StoreFiles StoreAt(const std::string& root);

/// The files of the store in `root`/rds-ca that are really there: regular files and a
/// directory reached without any symbolic link below `root` (lstat at each step; one there
/// counts as absent), so no exported path leads out of the droplet. The option files named in
/// `option_files` (none read otherwise) are read the same way, up to 4 KiB each, when
/// `option_ca` (the path they name the CA by; "": the RDS bundle's own) is the store's RDS
/// bundle itself (the same file, whatever the path), so no option file names a CA that is not
/// the one installed.
StoreFiles FindStore(const std::string& root, const std::vector<std::string>& option_files = {},
                     const std::string& option_ca = "");

}  // namespace rdsca
