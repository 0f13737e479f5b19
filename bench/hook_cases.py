"""Cases 1 and 2 of bench/run: the launch hook as the launcher runs it.

A droplet is staged once with the real `rds-ca supply` into ROOT/home/vcap (app, deps/0), then
bash runs the launcher's profile step: cd to the app, source every file of a profile.d folder.
Three folders: an empty one (the floor: the same bash with no hook), the app's .profile.d (our
hook as supply wrote it) and one holding bench/peer/rds-ca-peer.sh (the hand-written peer).
"""
import json
import os
import subprocess

from harness import (BenchError, Variant, cpu_median, measure, paired_cpu_excess, paired_excess, peak_rss,
                     summary, wall)

BASH = "/bin/bash"
# The launcher's profile step (buildpackapplifecycle's launcher, reduced to what costs).
LAUNCH = 'cd "$HOME" || exit 1; for f in "$1"/*; do [ -r "$f" ] && . "$f"; done; :'
HOST = "orders.c9akciq32.us-west-2.rds.amazonaws.com"
# One RDS binding as a broker gives it; the password needs percent-encoding.
ONE_BINDING = {"aws-rds": [{
    "name": "orders-db", "label": "aws-rds", "plan": "db.t4g.micro",
    "tags": ["database", "RDS", "postgresql"], "instance_name": "orders-db",
    "credentials": {"uri": "postgres://app_user:p%%40ss%%2Fw0rd@%s:5432/orders" % HOST, "host": HOST,
                    "port": 5432, "username": "app_user", "password": "p@ss/w0rd", "name": "orders"}}]}
# Variables only our hook sets for its own sake (not part of the app's environment contract).
BOOKKEEPING = {"RDS_CA_HOOK_RUNS", "PATH", "_"}
CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def many_bindings(count):
    """`count` PostgreSQL bindings (the worst case: each one is resolved and exported)."""
    out = []
    for i in range(count):
        host = "db%04d.c9akciq32.us-west-2.rds.amazonaws.com" % i
        out.append({"name": "db-%04d" % i, "label": "aws-rds", "tags": ["postgresql"],
                    "credentials": {"uri": "postgres://u%04d:pw-%04d@%s:5432/app%04d" % (i, i, host, i)}})
    return {"aws-rds": out}


def stage(root, bp):
    """Runs supply once into ROOT/home/vcap, as staging would (app = BUILD_DIR, deps/0)."""
    vcap = os.path.join(root, "home", "vcap")
    for d in ("app", "deps", "tmp"):
        os.makedirs(os.path.join(vcap, d), exist_ok=True)
    os.makedirs(os.path.join(root, "cache"), exist_ok=True)
    env = {"PATH": CLEAN_PATH, "LANG": "en_US.UTF-8", "CF_STACK": "cflinuxfs4", "MEMORY_LIMIT": "1024m",
           "VCAP_SERVICES": json.dumps(ONE_BINDING), "VCAP_APPLICATION": '{"application_name":"bench"}'}
    r = subprocess.run([os.path.join(bp, "libexec", "rds-ca"), "supply", os.path.join(vcap, "app"),
                        os.path.join(root, "cache"), os.path.join(vcap, "deps"), "0"],
                       env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError("staging the benchmark droplet failed (exit %d): %s"
                         % (r.returncode, (r.stdout + r.stderr).strip().splitlines()[-1:]))
    return vcap


def runtime_env(vcap, **extra):
    """What the launcher gives the profile step (BRIEF section 1), plus `extra`."""
    env = {"HOME": os.path.join(vcap, "app"), "DEPS_DIR": os.path.join(vcap, "deps"),
           "TMPDIR": os.path.join(vcap, "tmp"), "PATH": CLEAN_PATH, "LANG": "en_US.UTF-8",
           "USER": "vcap", "PORT": "8080", "MEMORY_LIMIT": "1024m", "CF_INSTANCE_INDEX": "0",
           "VCAP_APPLICATION": '{"application_name":"bench"}'}
    env.update(extra)
    return env


def profile_dirs(root, vcap, src):
    """The three profile.d folders: floor (empty), hook (the app's), peer."""
    floor = os.path.join(root, "profile-floor")
    peer = os.path.join(root, "profile-peer")
    os.makedirs(floor, exist_ok=True)
    os.makedirs(peer, exist_ok=True)
    with open(os.path.join(src, "bench", "peer", "rds-ca-peer.sh")) as f, \
            open(os.path.join(peer, "rds-ca-peer.sh"), "w") as out:
        out.write(f.read())
    return {"floor": floor, "hook": os.path.join(vcap, "app", ".profile.d"), "peer": peer}


def exported(env, profile_dir):
    """The environment after the profile step sourced `profile_dir` (untimed)."""
    r = subprocess.run([BASH, "-c", LAUNCH + "\nenv -0", "launcher", profile_dir], env=env,
                       capture_output=True)
    if r.returncode != 0:
        raise BenchError("the profile step over %s failed: %s" % (profile_dir, r.stderr.decode().strip()))
    pairs = (item.split("=", 1) for item in r.stdout.decode().split("\0") if "=" in item)
    return dict(pairs)


def changes(after, before):
    """Variables set or changed by the profile step (bookkeeping left out)."""
    return {k: v for k, v in after.items() if before.get(k) != v and k not in BOOKKEEPING}


def check_same_exports(env, dirs):
    """The peer must export exactly what our hook exports. Messages name variables, never values
    (they hold a password)."""
    floor = exported(env, dirs["floor"])
    ours = changes(exported(env, dirs["hook"]), floor)
    peer = changes(exported(env, dirs["peer"]), floor)
    if "DATABASE_URL" not in ours or "SSL_CERT_FILE" not in ours:
        raise BenchError("the hook exported no DATABASE_URL or SSL_CERT_FILE: is the droplet staged right?")
    differ = sorted(k for k in set(ours) | set(peer) if ours.get(k) != peer.get(k))
    if differ:
        raise BenchError("the peer's exports differ from the hook's in %s: fix bench/peer/rds-ca-peer.sh"
                         % ", ".join(differ))
    return sorted(ours)


def hook_one(root, vcap, src, runs, warmup):
    """Case 1: one binding in VCAP_SERVICES; hook and peer above the floor."""
    platform_url = ONE_BINDING["aws-rds"][0]["credentials"]["uri"]
    env = runtime_env(vcap, VCAP_SERVICES=json.dumps(ONE_BINDING), DATABASE_URL=platform_url)
    dirs = profile_dirs(root, vcap, src)
    names = check_same_exports(env, dirs)
    v = {k: Variant(k, [BASH, "-c", LAUNCH, "launcher", d], env) for k, d in dirs.items()}
    v["binary"] = Variant("rds-ca-launch", [os.path.join(vcap, "deps", "0", "bin", "rds-ca-launch"), "0"], env)
    measure([v["floor"], v["hook"], v["peer"], v["binary"]], runs, warmup)
    hook, peer = summary(paired_excess(v["hook"], v["floor"])), summary(paired_excess(v["peer"], v["floor"]))
    return {
        "id": "hook_1", "name": "launch hook, 1 binding (above the floor)", "unit": "ms",
        "runs": runs, **hook, "peak_rss_kib": peak_rss(v["hook"]),
        "cpu_ms_above_floor": summary(paired_cpu_excess(v["hook"], v["floor"]))["median"],
        "floor": {**summary(wall(v["floor"])), "peak_rss_kib": peak_rss(v["floor"])},
        "binary_alone": {"name": "rds-ca-launch 0 exec'd directly", **summary(wall(v["binary"])),
                         "peak_rss_kib": peak_rss(v["binary"]), "cpu_ms": cpu_median(v["binary"])},
        "peer": {"name": "bash + jq + openssl (bench/peer/rds-ca-peer.sh), above the floor", **peer,
                 "peak_rss_kib": peak_rss(v["peer"]),
                 "cpu_ms_above_floor": summary(paired_cpu_excess(v["peer"], v["floor"]))["median"]},
        "ratio": hook["median"] / peer["median"] if peer["median"] > 0 else None,
        "checked": "the peer exports the same values: " + " ".join(names),
        "target": "<= 1.5 ms above the floor", "holds": hook["median"] <= 1.5,
    }


def hook_many(root, vcap, runs, warmup, count=1000):
    """Case 2: `count` bindings through VCAP_SERVICES_FILE_PATH (the platform then sets no
    VCAP_SERVICES and no DATABASE_URL)."""
    path = os.path.join(root, "vcap_services")
    with open(path, "w") as f:
        json.dump(many_bindings(count), f, separators=(",", ":"))
    size = os.path.getsize(path)
    env = runtime_env(vcap, VCAP_SERVICES_FILE_PATH=path)
    floor_dir = os.path.join(root, "profile-floor")
    hook_dir = os.path.join(vcap, "app", ".profile.d")
    got = changes(exported(env, hook_dir), exported(env, floor_dir))
    per_binding = [k for k in got if k.startswith("DB_") and k.endswith("_DATABASE_URL")]
    if len(per_binding) != count or "DATABASE_URL" not in got:
        raise BenchError("with %d bindings the hook exported %d <NAME>_DATABASE_URL variables" % (count, len(per_binding)))
    floor = Variant("floor", [BASH, "-c", LAUNCH, "launcher", floor_dir], env)
    hook = Variant("hook", [BASH, "-c", LAUNCH, "launcher", hook_dir], env)
    measure([floor, hook], runs, warmup)
    excess = summary(paired_excess(hook, floor))
    return {
        "id": "hook_1000", "name": "launch hook, %d bindings from a %d KB file (above the floor)" % (count, size // 1000),
        "unit": "ms", "runs": runs, **excess, "peak_rss_kib": peak_rss(hook),
        "cpu_ms_above_floor": summary(paired_cpu_excess(hook, floor))["median"],
        "floor": {**summary(wall(floor)), "peak_rss_kib": peak_rss(floor)},
        "input_bytes": size, "checked": "%d <NAME>_DATABASE_URL exported" % count,
        "target": "<= 10 ms above the floor", "holds": excess["median"] <= 10,
    }
