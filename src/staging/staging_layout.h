#pragma once
// Where staging puts what it writes, as supply's steps (bindings, CA, trust store, verify) ask
// it: each lifecycle's layout answers. Cloud Foundry's is the Stager (cf/stager.h: deps/IDX,
// the app's cache); the Cloud Native Buildpacks one is cnb/cnb_layout.h (a launch layer, a
// cache layer). The steps know nothing else of the lifecycle they run under.
#include <filesystem>
#include <string>
#include <string_view>

namespace rdsca {

class StagingLayout {
 public:
  virtual ~StagingLayout() = default;

  /// The app's directory (RDS_CA_EXTRA_CERTS paths are relative to it).
  virtual std::filesystem::path AppDir() const = 0;
  /// The directory that keeps downloaded bundles from one staging to the next.
  virtual std::filesystem::path DownloadCache() const = 0;
  /// The directory the store (rds-ca/) is written under, at the path the app sees it at launch
  /// too (launch/store.h): what the staging variables and the verify step name.
  virtual std::filesystem::path StoreRoot() const = 0;
  /// The RDS bundle's absolute path where the app runs, for a file that cannot name a variable
  /// (a client option file, launch/store.h).
  virtual std::string LaunchRdsBundle() const = 0;
  /// Sets `name`=`value` for the buildpacks staged after this one (never a secret); returns
  /// where it was written, as the staging log names it.
  virtual std::string WriteStagingVariable(std::string_view name, std::string_view value) const = 0;
};

}  // namespace rdsca
