#!/usr/bin/env bash
# Builds the real platform programs the integration tests run beside scripts/cnb-local, from the
# versions go.mod and go.sum here pin (the Go tool checks every module against go.sum), into
# tests/platform/bin/: the CNB lifecycle's `lifecycle` (detector and builder are links to it: it
# picks its phase from the name it is started by) and `launcher`. Quick when bin/ already holds
# a build of these exact go.mod and go.sum. docs/platform-harnesses.md says what runs and why.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
bin=$here/bin
stamp=$(cat "$here/go.mod" "$here/go.sum" | sha256sum | cut -d' ' -f1)
if [ -x "$bin/lifecycle" ] && [ -x "$bin/launcher" ] && [ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi

# Go: the newest on the machine (Debian's golang-go is older than the lifecycle's go.mod needs).
go=""
for g in /usr/local/go/bin/go "$(command -v go || true)"; do
  [ -n "$g" ] && [ -x "$g" ] && { go=$g; break; }
done
[ -n "$go" ] || { echo "tests/platform/install.sh: no Go toolchain found: install Go (go.mod says which)" >&2; exit 1; }
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly

lifecycle=$(cd "$here" && "$go" list -m -f '{{.Version}}' github.com/buildpacks/lifecycle)
echo "tests/platform: building github.com/buildpacks/lifecycle $lifecycle (detector, builder, launcher)"
rm -rf "$bin.new" && mkdir -p "$bin.new"
(cd "$here" && nice "$go" build -trimpath -ldflags "-X github.com/buildpacks/lifecycle/cmd.Version=${lifecycle#v}" \
  -o "$bin.new/" github.com/buildpacks/lifecycle/cmd/lifecycle github.com/buildpacks/lifecycle/cmd/launcher)
ln -s lifecycle "$bin.new/detector"
ln -s lifecycle "$bin.new/builder"
printf '%s\n' "$stamp" > "$bin.new/.stamp"
rm -rf "$bin" && mv "$bin.new" "$bin"
