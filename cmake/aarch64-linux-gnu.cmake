# Cross-compiling the Cloud Native Buildpack's arm64 binaries on Debian (scripts/build-release
# --arch arm64): Debian's aarch64 toolchain (g++-aarch64-linux-gnu) and its multiarch arm64
# libraries in /usr/lib/aarch64-linux-gnu (scripts/setup installs both). Headers are shared with
# the amd64 packages in /usr/include. RDSCA_ARM64_LINK_DIR (set by build-release) holds
# pkg-config files for the arm64 libraries whose -dev package cannot be installed beside the
# amd64 one (libpq, yaml-cpp).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# Only arm64 pkg-config files: never the build machine's amd64 ones.
set(ENV{PKG_CONFIG_LIBDIR} "$ENV{RDSCA_ARM64_LINK_DIR}:/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
