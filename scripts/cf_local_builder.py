"""The builder for scripts/cf-local (B2-B14 of its header): one staging, as
code.cloudfoundry.org/buildpackapplifecycle's buildpackrunner/runner.go runs it."""
import os
import random
import shutil
import subprocess
import sys

import yaml

from cf_local_go import (GoMap, YamlTypeError, go_json, xxh64, yaml_fields, yaml_first_node, yaml_str,
                         yaml_string_map, yaml_syntax_message, yaml_type_error)
from cf_local_results import as_processes, encodable, launch_processes, merge_processes, read_metadata


class StagingError(Exception):
    """A failed staging: its message chooses the exit code, as models.go ExitCodeFromError does."""

    def exit_code(self):
        msg = str(self)
        for needle, code in (("None of the buildpacks detected", 222), ("Failed to compile droplet", 223),
                             ("Failed to build droplet release", 224), ("Failed to run all supply scripts", 225),
                             ("does not support multi-buildpack apps", 225), ("Failed to run finalize script", 226)):
            if needle in msg:
                return code
        return 1


def wrap(message, cause=None):
    return StagingError(message if cause is None else "%s: %s" % (message, cause))


SIGNALS = {1: "hangup", 2: "interrupt", 3: "quit", 6: "aborted", 9: "killed", 11: "segmentation fault",
           13: "broken pipe", 15: "terminated"}


class PhaseError(Exception):
    """A phase that did not exit 0, worded as Go's exec errors are."""


def say(stream, text):
    """One line on the builder's stdout or stderr, in order with the phases' own output."""
    sys.stdout.flush()
    stream.write(text + "\n")
    stream.flush()


def run_phase(path, args, env, capture=False):
    """B2: the program itself (no shell), stdin /dev/null; stdout captured or passed on."""
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        proc = subprocess.run([path] + args, stdin=subprocess.DEVNULL, env=env,
                              stdout=subprocess.PIPE if capture else None)
    except OSError as e:
        raise PhaseError("fork/exec %s: %s" % (path, (e.strerror or str(e)).lower()))
    if proc.returncode < 0:
        raise PhaseError("signal: " + SIGNALS.get(-proc.returncode, "signal %d" % -proc.returncode))
    if proc.returncode != 0:
        raise PhaseError("exit status %d" % proc.returncode)
    return (proc.stdout or b"").decode("utf-8", "surrogateescape")


def temp_dir(parent, prefix):
    """os.MkdirTemp(parent, prefix): PREFIX and a random decimal number, mode 0700."""
    while True:
        path = os.path.join(parent, prefix + str(random.getrandbits(32)))
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue


def bin_dir_of(key, path):
    """runner.go buildpackPath: DIR with bin/, or DIR's only entry with bin/ (a zip's top folder)."""
    if os.path.exists(os.path.join(path, "bin")):
        return path
    entries = os.listdir(path) if os.path.isdir(path) else []
    if not entries:
        raise StagingError("Failed to read buildpack directory '%s' for buildpack '%s'" % (path, path))
    if len(entries) == 1 and os.path.exists(os.path.join(path, entries[0], "bin")):
        return os.path.join(path, entries[0])
    raise StagingError("malformed buildpack does not contain a /bin dir: " + key)


class Builder:
    """One staging: runner.go Setup then GoLikeLightning, with cf-local's ROOT layout."""

    def __init__(self, root, app, specs, detect, env):
        self.root, self.detect = root, detect
        self.keys, self.dirs = [], {}
        for spec in specs:
            key, sep, path = spec.partition("=")
            path = path if sep else spec
            key = key if sep else os.path.basename(os.path.realpath(spec))
            self.keys.append(key)
            self.dirs[key] = os.path.realpath(path)
        self.stage_dir = os.path.join(root, "stage")
        self.build = os.path.join(self.stage_dir, "app")
        self.cache = os.path.join(self.stage_dir, "cache")
        self.supplies = [] if detect else self.keys[:-1]
        self.env = env
        shutil.rmtree(self.stage_dir, ignore_errors=True)
        for old in ("home", "result.json"):
            target = os.path.join(root, old)
            shutil.rmtree(target) if os.path.isdir(target) else (os.path.exists(target) and os.remove(target))
        os.makedirs(self.cache)
        subprocess.run(["cp", "-a", app, self.build], check=True)
        if os.path.exists(os.path.join(root, "output-cache.tgz")):  # Diego restores the last cache
            subprocess.run(["tar", "-xzf", os.path.join(root, "output-cache.tgz"), "-C", self.cache], check=True)

    def idx(self, i):
        """B4: builder_config.go DepsIndex."""
        return "%0*d" % (len(str(len(self.supplies) + 1)), i)

    def supply_cache(self, key):
        return os.path.join(self.cache, "%016x" % xxh64(key.encode("utf-8", "surrogateescape")))

    def setup(self):
        """B5: makeDirectories, cleanCacheDir."""
        needed = [os.path.join(self.cache, "final")] + [self.supply_cache(k) for k in self.supplies]
        for d in needed:
            os.makedirs(d, exist_ok=True)
        self.contents = temp_dir(self.stage_dir, "contents")
        self.deps = os.path.join(self.contents, "deps")
        self.profile = os.path.join(self.contents, "profile.d")
        for i in range(len(self.supplies) + 1):
            os.makedirs(os.path.join(self.deps, self.idx(i)))
        os.makedirs(self.profile)
        for entry in os.listdir(self.cache):
            path = os.path.join(self.cache, entry)
            if path not in needed:
                shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)

    def path_of(self, key):
        return bin_dir_of(key, self.dirs[key])

    def run_detect(self):
        """B3: runner.go detect."""
        for key in self.keys:
            try:
                path = self.path_of(key)
            except StagingError as e:
                say(sys.stderr, str(e))
                continue
            detect = os.path.join(path, "bin", "detect")
            try:
                mode = os.stat(detect).st_mode
            except OSError as e:
                say(sys.stderr, "stat %s: %s" % (detect, e.strerror.lower()))
                continue
            if mode & 0o111 != 0o111:
                say(sys.stdout, "WARNING: buildpack script '/bin/detect' is not executable")
            try:
                out = run_phase(detect, [self.build], self.env, capture=True)
            except PhaseError:
                continue
            return key, path, out.rstrip("\r\n")
        raise StagingError("None of the buildpacks detected a compatible application")

    def run_supplies(self):
        """B6: validateSupplyBuildpacks, runSupplyBuildpacks."""
        for key in self.supplies:
            try:
                path = self.path_of(key)
            except StagingError as e:
                say(sys.stderr, str(e))
                raise wrap("Failed to run all supply scripts", e)
            if not os.path.exists(os.path.join(path, "bin", "supply")):
                raise StagingError("Error: one of the buildpacks chosen to supply dependencies does not support multi-buildpack apps")
        for i, key in enumerate(self.supplies):
            try:
                run_phase(os.path.join(self.path_of(key), "bin", "supply"),
                          [self.build, self.supply_cache(key), self.deps, self.idx(i)], self.env)
            except PhaseError as e:
                raise wrap("Failed to run all supply scripts", e)
        try:
            return self.keys[-1], self.path_of(self.keys[-1])
        except StagingError as e:
            raise wrap("Failed to run all supply scripts", e)

    def run_final(self, path):
        """B7: runFinalize (its errors wrapped once more by build)."""
        idx, cache = self.idx(len(self.supplies)), os.path.join(self.cache, "final")
        has = lambda phase: os.path.exists(os.path.join(path, "bin", phase))  # noqa: E731
        step = "Failed to run all supply scripts"
        try:
            if has("finalize"):
                if has("supply"):
                    run_phase(os.path.join(path, "bin", "supply"), [self.build, cache, self.deps, idx], self.env)
                step = "Failed to run finalize script"
                run_phase(os.path.join(path, "bin", "finalize"), [self.build, cache, self.deps, idx, self.profile], self.env)
            else:
                if self.supplies:
                    say(sys.stderr, "Warning: the last buildpack is not compatible with multi-buildpack apps and "
                                    "cannot make use of any dependencies supplied by the buildpacks specified before it")
                shutil.rmtree(os.path.join(self.deps, idx), ignore_errors=True)
                step = "Failed to compile droplet"
                run_phase(os.path.join(path, "bin", "compile"), [self.build, cache], self.env)
        except PhaseError as e:
            raise wrap("Failed to compile droplet", wrap(step, e))

    def launch_yml(self, index):
        """B9: deps/<unpadded index>/launch.yml (runner.go launchYMLExists), or None."""
        path = os.path.join(self.deps, str(index), "launch.yml")
        if not os.path.exists(path):
            return None
        try:
            return launch_processes(path)
        except (yaml.YAMLError, ValueError, TypeError, AttributeError) as e:
            raise StagingError("yaml: " + str(e).splitlines()[0])

    def release(self, path):
        """B9: bin/release BUILD, its stdout read as Release{default_process_types}."""
        try:
            out = run_phase(os.path.join(path, "bin", "release"), [self.build], self.env, capture=True)
        except PhaseError as e:
            raise wrap("Failed to build droplet release", e)
        try:
            root = yaml_first_node(out)
            if root is not None and not isinstance(root, yaml.MappingNode) and yaml_str(root) != "":
                raise YamlTypeError([yaml_type_error(root, "buildpackrunner.Release")])
            return yaml_string_map(dict(yaml_fields(root)).get("default_process_types"),
                                   "buildpackapplifecycle.ProcessTypes")
        except (yaml.YAMLError, YamlTypeError) as e:
            cause = str(e) if isinstance(e, YamlTypeError) else yaml_syntax_message(e)
            raise wrap("Failed to build droplet release", wrap("buildpack's release output invalid", cause))

    def procfile(self):
        """B9: readProcfile: BUILD_DIR/Procfile as YAML map[string]string, if there is one."""
        try:
            text = open(os.path.join(self.build, "Procfile"), encoding="utf-8", errors="surrogateescape").read()
        except FileNotFoundError:
            return {}
        try:
            return yaml_string_map(yaml_first_node(text))
        except (yaml.YAMLError, ValueError):
            raise StagingError("Failed to read command from Procfile: invalid YAML")

    def processes(self, path):
        """B9: ProcessYML over the supply buildpacks, then ProcessFinalBuildpack."""
        procs = []
        for i in range(len(self.supplies)):
            procs = merge_processes(procs, self.launch_yml(i) or [])
        final = self.launch_yml(len(self.keys) - 1)
        procs = merge_processes(procs, final if final is not None else as_processes(self.release(path)))
        return merge_processes(procs, as_processes(self.procfile()))

    def metadata(self, keys):
        """B11: buildpacksMetadata (config.yml under the padded index)."""
        return [read_metadata(k, os.path.join(self.deps, self.idx(i), "config.yml")) for i, k in enumerate(keys)]

    def write_result(self, buildpacks, procs):
        """B11: result.json (procs None: the failure form, process_types null)."""
        last = buildpacks[-1] if buildpacks else {"key": "", "name": ""}
        meta = {"buildpack_key": last["key"]} if last["key"] else {}
        meta.update({"detected_buildpack": last["name"], "buildpacks": buildpacks})
        result = {"lifecycle_metadata": meta, "process_types": None}
        if procs is not None:
            plain = [p for p in procs if not p["sidecar_for"]]
            result["process_types"] = GoMap((p["type"], p["command"]) for p in plain)
            if plain:
                result["processes"] = [{"type": p["type"], "command": p["command"]} for p in plain]
            sidecars = [dict({"name": p["type"], "process_types": p["sidecar_for"], "command": p["command"]},
                             **({"memory": p["memory"]} if p["memory"] else {})) for p in procs if p["sidecar_for"]]
            if sidecars:
                result["sidecars"] = sidecars
        result.update({"execution_metadata": "", "lifecycle_type": "buildpack"})
        path = os.path.join(self.root, "result.json")
        open(path, "w").close()  # os.Create, then Encode
        if not all(encodable(b.get("output_metadata", {})) for b in buildpacks):
            raise StagingError("json: unsupported type: map[interface {}]interface {}")
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(go_json(result) + "\n")

    def write_start_commands(self, keys, detect_out, procs):
        """B10, B12, B11: WriteStartCommands."""
        web = {p["type"]: p["command"] for p in procs if not p["sidecar_for"]}.get("web", "")
        if not web:
            say(sys.stderr, "No start command specified by buildpack or via Procfile.")
            say(sys.stderr, "App will not start unless a command is provided at runtime.")
        buildpacks = self.metadata(keys)
        if self.detect and not buildpacks[0]["name"]:
            buildpacks[0]["name"] = detect_out
        last = buildpacks[-1]
        info = {"detected_buildpack": last["name"], "start_command": web}
        if "config" in last:
            info["config"] = last["config"]
        with open(os.path.join(self.contents, "staging_info.yml"), "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(go_json(info) + "\n")
        self.write_result(buildpacks, procs)

    def package(self):
        """B13, B14: packageDroplet. The platform tars the contents directory and Diego unpacks it
        at /home/vcap; cf-local moves it to ROOT/home/vcap: the same tree, without 50 MB of gzip."""
        for d in ("tmp", "logs"):
            os.makedirs(os.path.join(self.contents, d), mode=0o755, exist_ok=True)
        steps = [("Failed to copy compiled droplet", ["cp", "-a", self.build, os.path.join(self.contents, "app")]),
                 ("Failed to compress build artifacts",
                  ["tar", "-czf", os.path.join(self.root, "output-cache.tgz"), "-C", self.cache, "."])]
        for message, cmd in steps:
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if proc.returncode:
                raise wrap(message, proc.stdout.decode(errors="replace"))
        os.makedirs(os.path.join(self.root, "home"))
        os.rename(self.contents, os.path.join(self.root, "home", "vcap"))

    def stage(self):
        """runner.go Run: Setup, then detect or the supply buildpacks, build, package."""
        self.setup()
        detect_out = ""
        if self.detect:
            key, path, detect_out = self.run_detect()
        else:
            key, path = self.run_supplies()
        keys = [key] if self.detect else self.keys
        try:
            self.run_final(path)
            self.write_start_commands(keys, detect_out, self.processes(path))
        except StagingError:
            try:
                buildpacks = self.metadata(keys)
                if self.detect and not buildpacks[0]["name"]:
                    buildpacks[0]["name"] = detect_out
                self.write_result(buildpacks, None)
            except StagingError:
                pass
            raise
        self.package()
