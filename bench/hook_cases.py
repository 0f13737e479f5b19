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
MYSQL_HOST = "shop.c9akciq32.us-west-2.rds.amazonaws.com"
# The same, as csb-aws-mysql gives a MySQL binding.
ONE_MYSQL_BINDING = {"csb-aws-mysql": [{
    "name": "shop-db", "label": "csb-aws-mysql", "plan": "small", "tags": ["aws", "mysql"], "instance_name": "shop-db",
    "credentials": {"uri": "mysql://app_user:p%%40ss%%2Fw0rd@%s:3306/shop" % MYSQL_HOST, "hostname": MYSQL_HOST,
                    "port": 3306, "username": "app_user", "password": "p@ss/w0rd", "name": "shop"}}]}
# Variables only our hook sets for its own sake (not part of the app's environment contract).
BOOKKEEPING = {"RDS_CA_HOOK_RUNS", "PATH", "_"}
CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
EMPTY = None  # bench/empty_main in the build tree (bench.py sets it)


def many_bindings(count, pg_every):
    """`count` bindings of about 150 bytes each, VCAP_SERVICES-shaped. Every `pg_every`-th is an
    RDS PostgreSQL one; the others cycle through Redis, S3, MySQL and a user-provided API key
    (pg_every=1: all PostgreSQL, the worst case: each is resolved and gets its own export)."""
    out = {}
    for i in range(count):
        host = "db%04d.c9akciq32.us-west-2.rds.amazonaws.com" % i
        if i % pg_every == 0:
            b = ("aws-rds", {"name": "db-%04d" % i, "tags": ["postgresql"],
                             "credentials": {"uri": "postgres://u%04d:pw-%04d@%s:5432/app%04d" % (i, i, host, i)}})
        else:
            b = [("redis", {"name": "cache-%04d" % i, "tags": ["redis"],
                            "credentials": {"host": "r%04d.cache.internal" % i, "port": 6379, "password": "pw-%04d" % i}}),
                 ("aws-s3", {"name": "files-%04d" % i, "tags": [],
                             "credentials": {"bucket": "bucket-%04d" % i, "region": "us-west-2",
                                             "access_key_id": "AKIA%016d" % i}}),
                 ("mysql", {"name": "legacy-%04d" % i, "tags": ["mysql"],
                            "credentials": {"uri": "mysql://u%04d:pw@m%04d.db.internal:3306/app" % (i, i)}}),
                 ("user-provided", {"name": "api-%04d" % i, "tags": [],
                                    "credentials": {"url": "https://api.example.com/v1", "key": "k-%012d" % i}})][i % 4]
        label, binding = b
        binding["label"] = label
        binding["plan"] = "standard"
        out.setdefault(label, []).append(binding)
    return out


def stage(root, bp, bindings=None):
    """Runs supply once into ROOT/home/vcap, as staging would (app = BUILD_DIR, deps/0), for
    `bindings` (default ONE_BINDING)."""
    vcap = os.path.join(root, "home", "vcap")
    for d in ("app", "deps", "tmp"):
        os.makedirs(os.path.join(vcap, d), exist_ok=True)
    os.makedirs(os.path.join(root, "cache"), exist_ok=True)
    env = {"PATH": CLEAN_PATH, "LANG": "en_US.UTF-8", "CF_STACK": "cflinuxfs4", "MEMORY_LIMIT": "1024m",
           "VCAP_SERVICES": json.dumps(bindings or ONE_BINDING), "VCAP_APPLICATION": '{"application_name":"bench"}'}
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
    """The profile.d folders: floor (empty), hook (the app's), peer, and the reference hook
    (BRIEF section 5's method: `eval "$(BINARY)"` with an empty static program, the least any
    hook that runs a binary can cost)."""
    dirs = {k: os.path.join(root, "profile-" + k) for k in ("floor", "peer", "reference")}
    for d in dirs.values():
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(src, "bench", "peer", "rds-ca-peer.sh")) as f, \
            open(os.path.join(dirs["peer"], "rds-ca-peer.sh"), "w") as out:
        out.write(f.read())
    with open(os.path.join(dirs["reference"], "reference.sh"), "w") as out:
        out.write('eval "$(%s)"\n' % EMPTY)
    return {"floor": dirs["floor"], "hook": os.path.join(vcap, "app", ".profile.d"), "peer": dirs["peer"],
            "reference": dirs["reference"]}


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
    measure([v["floor"], v["hook"], v["peer"], v["reference"], v["binary"]], runs, warmup)
    hook, peer = summary(paired_excess(v["hook"], v["floor"])), summary(paired_excess(v["peer"], v["floor"]))
    return {
        "id": "hook_1", "name": "launch hook, 1 binding (above the floor)", "unit": "ms",
        "runs": runs, **hook, "peak_rss_kib": peak_rss(v["hook"]),
        "cpu_ms_above_floor": summary(paired_cpu_excess(v["hook"], v["floor"]))["median"],
        "floor": {**summary(wall(v["floor"])), "peak_rss_kib": peak_rss(v["floor"])},
        "binary_alone": {"name": "rds-ca-launch 0 exec'd directly", **summary(wall(v["binary"])),
                         "peak_rss_kib": peak_rss(v["binary"]), "cpu_ms": cpu_median(v["binary"])},
        **reference(hook["median"], v["reference"], v["floor"]),
        "peer": {"name": "bash + jq + openssl (bench/peer/rds-ca-peer.sh), above the floor", **peer,
                 "peak_rss_kib": peak_rss(v["peer"]),
                 "cpu_ms_above_floor": summary(paired_cpu_excess(v["peer"], v["floor"]))["median"]},
        "ratio": hook["median"] / peer["median"] if peer["median"] > 0 else None,
        "checked": "the peer exports the same values: " + " ".join(names),
        "target": "<= 1.5 ms above the floor", "holds": hook["median"] <= 1.5,
    }


def reference(excess_ms, ref, floor):
    """The reference hook above the floor, measured in the same run, and `excess_ms` in units of
    it. On a loaded machine every fork and exec slows down alike, so the units travel better than
    milliseconds: BRIEF section 5 measured the reference at 0.8 ms on a quiet machine."""
    ref_ms = summary(paired_excess(ref, floor))
    return {"reference": {"name": 'eval "$(empty static program)" (BRIEF section 5: 0.8 ms quiet), above the floor',
                          **ref_ms},
            "in_reference_units": excess_ms / ref_ms["median"] if ref_ms["median"] > 0 else None}


def hook_many(root, vcap, src, runs, warmup, pg_every, count=1000):
    """Case 2: `count` bindings through VCAP_SERVICES_FILE_PATH (the platform then sets no
    VCAP_SERVICES and no DATABASE_URL), every `pg_every`-th PostgreSQL."""
    path = os.path.join(root, "vcap_services-%d" % pg_every)
    with open(path, "w") as f:
        json.dump(many_bindings(count, pg_every), f, separators=(",", ":"))
    size = os.path.getsize(path)
    env = runtime_env(vcap, VCAP_SERVICES_FILE_PATH=path)
    dirs = profile_dirs(root, vcap, src)
    floor_dir, hook_dir = dirs["floor"], dirs["hook"]
    got = changes(exported(env, hook_dir), exported(env, floor_dir))
    databases = (count + pg_every - 1) // pg_every
    per_binding = [k for k in got if k.startswith("DB_") and k.endswith("_DATABASE_URL")]
    if len(per_binding) != databases or "DATABASE_URL" not in got:
        raise BenchError("with %d PostgreSQL bindings the hook exported %d <NAME>_DATABASE_URL variables"
                         % (databases, len(per_binding)))
    floor = Variant("floor", [BASH, "-c", LAUNCH, "launcher", floor_dir], env)
    hook = Variant("hook", [BASH, "-c", LAUNCH, "launcher", hook_dir], env)
    ref = Variant("reference", [BASH, "-c", LAUNCH, "launcher", dirs["reference"]], env)
    measure([floor, hook, ref], runs, warmup)
    excess = summary(paired_excess(hook, floor))
    worst = pg_every == 1
    mysql = sum(1 for i in range(count) if i % pg_every and i % 4 == 2)  # many_bindings' MySQL slot
    return {
        "id": "hook_1000_pg" if worst else "hook_1000",
        "name": "launch hook, %d bindings (%s) from a %d KB file (above the floor)"
                % (count, "all PostgreSQL" if worst else "%d PostgreSQL, %d MySQL" % (databases, mysql), size // 1000),
        "unit": "ms", "runs": runs, **excess, "peak_rss_kib": peak_rss(hook),
        "cpu_ms_above_floor": summary(paired_cpu_excess(hook, floor))["median"],
        "floor": {**summary(wall(floor)), "peak_rss_kib": peak_rss(floor)},
        **reference(excess["median"], ref, floor),
        "input_bytes": size, "exports_bytes": sum(len(k) + len(v) + 10 for k, v in got.items()),
        "checked": "%d <NAME>_DATABASE_URL exported" % databases,
        "target": "report (worst case)" if worst else "<= 10 ms above the floor",
        "holds": True if worst else excess["median"] <= 10,
    }


def instructions(binary, env):
    """Instructions rds-ca-launch executes once (callgrind): deterministic, unlike time, so a
    difference of a few percent shows. None without valgrind."""
    out = os.path.join(os.path.dirname(os.path.dirname(binary)), "callgrind.out")
    try:
        r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, binary, "0"], env=env,
                           capture_output=True, text=True)
    except FileNotFoundError:
        return None
    for line in r.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip())
    return None


def hook_mysql(root, pg_vcap, bp, runs, warmup):
    """Case hook_1_mysql: the hook with one MySQL binding (csb-aws-mysql) beside the hook with
    one PostgreSQL binding (case 1's), measured interleaved above the same floor. The MySQL
    droplet has its option file; the bench droplet is not at /home/vcap, so the hook checks it
    (one stat) and names no MYSQL_HOME, as it must there."""
    my_vcap = stage(os.path.join(root, "droplet-mysql"), bp, ONE_MYSQL_BINDING)
    pg_env = runtime_env(pg_vcap, VCAP_SERVICES=json.dumps(ONE_BINDING),
                         DATABASE_URL=ONE_BINDING["aws-rds"][0]["credentials"]["uri"])
    my_uri = ONE_MYSQL_BINDING["csb-aws-mysql"][0]["credentials"]["uri"]
    my_env = runtime_env(my_vcap, VCAP_SERVICES=json.dumps(ONE_MYSQL_BINDING), DATABASE_URL="mysql2" + my_uri[5:])
    floor_dir = os.path.join(root, "profile-floor")
    os.makedirs(floor_dir, exist_ok=True)
    got = changes(exported(my_env, os.path.join(my_vcap, "app", ".profile.d")), exported(my_env, floor_dir))
    if not got.get("DATABASE_URL", "").startswith("mysql2://") or got.get("DB_SSL_MODE") != "true":
        raise BenchError("the hook exported no mysql2:// DATABASE_URL or no DB_SSL_MODE=true for the MySQL binding")
    floor = Variant("floor", [BASH, "-c", LAUNCH, "launcher", floor_dir], pg_env)
    pg = Variant("hook-pg", [BASH, "-c", LAUNCH, "launcher", os.path.join(pg_vcap, "app", ".profile.d")], pg_env)
    my = Variant("hook-mysql", [BASH, "-c", LAUNCH, "launcher", os.path.join(my_vcap, "app", ".profile.d")], my_env)
    measure([floor, pg, my], runs, warmup)
    pg_ms, my_ms = summary(paired_excess(pg, floor)), summary(paired_excess(my, floor))
    pg_cpu = summary(paired_cpu_excess(pg, floor))["median"]
    my_cpu = summary(paired_cpu_excess(my, floor))["median"]
    launch = os.path.join("deps", "0", "bin", "rds-ca-launch")
    pg_ins = instructions(os.path.join(pg_vcap, launch), pg_env)
    my_ins = instructions(os.path.join(my_vcap, launch), my_env)
    ins_ratio = my_ins / pg_ins if pg_ins and my_ins else None
    return {
        "id": "hook_1_mysql", "name": "launch hook, 1 MySQL binding (above the floor)", "unit": "ms",
        "runs": runs, **my_ms, "peak_rss_kib": peak_rss(my), "cpu_ms_above_floor": my_cpu,
        "postgresql": {"name": "launch hook, 1 PostgreSQL binding, measured alongside", **pg_ms,
                       "cpu_ms_above_floor": pg_cpu, "instructions": pg_ins},
        "instructions": my_ins, "instructions_vs_postgresql": ins_ratio,
        "ratio_to_postgresql": my_ms["median"] / pg_ms["median"] if pg_ms["median"] > 0 else None,
        "checked": "DATABASE_URL mysql2://, DB_SSL_MODE=true",
        "target": "within 10% of PostgreSQL's (instructions; time alongside)",
        "holds": ins_ratio is not None and ins_ratio <= 1.10,
    }


# --- issue 18: the launch hook under the CNB launcher (the exec.d program) ----------------------

# The exec.d contract: the launcher gives the program a pipe as fd 3; here /dev/null, through a
# shell that opens it and execs the program, for the program and the floor alike.
WITH_FD3 = 'exec "$0" "$@" 3>/dev/null'


def execd_exports(program, env):
    """What the exec.d program writes to fd 3 for `env`, decoded by tomllib (untimed)."""
    import tomllib
    r, w = os.pipe()

    def fd3():  # in the child: the pipe as fd 3, kept across exec (Python's other fds are CLOEXEC)
        if w == 3:
            os.set_inheritable(3, True)
        else:
            os.dup2(w, 3)
    proc = subprocess.Popen([program], env=env, close_fds=False, stdout=subprocess.DEVNULL, preexec_fn=fd3)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        out = f.read()
    if proc.wait() != 0:
        raise BenchError("the exec.d program failed for the benchmark's binding: run it by hand")
    return tomllib.loads(out.decode())


def hook_execd(root, vcap, src, build, runs, warmup):
    """The exec.d program (rds-ca-execd) beside the classic hook's binary (rds-ca-launch), both
    exec'd with fd 3 open and measured above an empty static program exec'd the same way, over
    the same droplet: installed in deps/0/exec.d/, its store is deps/0/rds-ca, so its exports
    must be exactly the classic hook's (checked, untimed)."""
    program = os.path.join(vcap, "deps", "0", "exec.d", "rds-ca-execd")
    os.makedirs(os.path.dirname(program), exist_ok=True)
    subprocess.run(["strip", "--strip-all", "-o", program, os.path.join(build, "rds-ca-execd")], check=True)
    platform_url = ONE_BINDING["aws-rds"][0]["credentials"]["uri"]
    env = runtime_env(vcap, VCAP_SERVICES=json.dumps(ONE_BINDING), DATABASE_URL=platform_url)
    dirs = profile_dirs(root, vcap, src)
    classic = changes(exported(env, dirs["hook"]), exported(env, dirs["floor"]))
    if execd_exports(program, env) != classic:
        raise BenchError("the exec.d program's exports differ from the classic hook's: run both by hand")
    launch = os.path.join(vcap, "deps", "0", "bin", "rds-ca-launch")
    floor = Variant("floor", ["/bin/sh", "-c", WITH_FD3, EMPTY], env)
    execd = Variant("rds-ca-execd", ["/bin/sh", "-c", WITH_FD3, program], env)
    hook = Variant("rds-ca-launch", ["/bin/sh", "-c", WITH_FD3, launch, "0"], env)
    measure([floor, execd, hook], runs, warmup)
    ours, classic_binary = summary(paired_excess(execd, floor)), summary(paired_excess(hook, floor))
    return {
        "id": "hook_execd", "name": "exec.d program (CNB), 1 binding (above an empty static program)", "unit": "ms",
        "runs": runs, **ours, "peak_rss_kib": peak_rss(execd),
        "cpu_ms_above_floor": summary(paired_cpu_excess(execd, floor))["median"],
        "floor": {"name": "an empty static program exec'd the same way", **summary(wall(floor))},
        "peer": {"name": "the classic hook's binary rds-ca-launch, above the same floor", **classic_binary,
                 "peak_rss_kib": peak_rss(hook)},
        "ratio": ours["median"] / classic_binary["median"] if classic_binary["median"] > 0 else None,
        "checked": "the same exports as the classic hook: " + " ".join(sorted(classic)),
        "target": "within 1.5x of the classic hook's binary (both fork and exec once)",
        "holds": classic_binary["median"] > 0 and ours["median"] <= 1.5 * classic_binary["median"],
    }
