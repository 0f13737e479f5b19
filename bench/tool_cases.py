"""Cases 3 to 6 of bench/run: supply, the trust-store writer against `openssl rehash`, the
downloader against the curl CLI, and endpoint classification."""
import json
import os
import re
import shutil
import statistics
import subprocess

from harness import BenchError, Variant, measure, summary, wall, peak_rss, cpu_median
from hook_cases import CLEAN_PATH, ONE_BINDING

SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
PEM_BLOCK = re.compile(r"-----BEGIN CERTIFICATE-----\n.*?-----END CERTIFICATE-----\n", re.S)


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def supply(root, bp, runs, warmup):
    """Case 3: `rds-ca supply` into fresh directories, one RDS binding, the embedded CA."""
    exe = os.path.join(bp, "libexec", "rds-ca")
    env = {"PATH": CLEAN_PATH, "LANG": "en_US.UTF-8", "CF_STACK": "cflinuxfs4", "MEMORY_LIMIT": "1024m",
           "VCAP_SERVICES": json.dumps(ONE_BINDING), "VCAP_APPLICATION": '{"application_name":"bench"}'}
    base = os.path.join(root, "supply")

    def prepare():
        fresh(base)
        dirs = [os.path.join(base, d) for d in ("app", "cache", "deps")]
        for d in dirs:
            os.makedirs(d)
        with open(os.path.join(dirs[0], "Procfile"), "w") as f:
            f.write("web: ./server\n")
        return [exe, "supply", *dirs, "0"]

    r = subprocess.run(prepare(), env=env, capture_output=True, text=True)
    if r.returncode != 0 or "CA source: embedded" not in r.stdout:
        raise BenchError("supply did not install the embedded CA (exit %d): run it by hand" % r.returncode)
    v = Variant("supply", [exe], env, prepare)
    measure([v], runs, warmup)
    s = summary(wall(v))
    rss = peak_rss(v)
    return {"id": "supply", "name": "supply, 1 binding, embedded CA (wall)", "unit": "ms", "runs": runs,
            **s, "peak_rss_kib": rss, "cpu_ms": cpu_median(v),
            "target": "<= 50 ms wall and <= 16 MiB peak RSS",
            "holds": s["median"] <= 50 and rss <= 16 * 1024}


def split_pems(paths, out_dir):
    """One file per certificate (what `openssl rehash` needs), named so they sort in input order."""
    n = 0
    for prefix, path in paths:
        with open(path) as f:
            for block in PEM_BLOCK.findall(f.read()):
                with open(os.path.join(out_dir, "%s-%04d.pem" % (prefix, n)), "w") as out:
                    out.write(block)
                n += 1
    return n


def trust_store(root, build, src, runs, warmup):
    """Case 4: our writer (parse + whole store) against `openssl rehash` over the same
    certificates already split one per file (the split is not timed: the peer is favoured)."""
    rds = os.path.join(src, "data", "global-bundle.pem")
    split = fresh(os.path.join(root, "rehash-src"))
    count = split_pems([("sys", SYSTEM_BUNDLE), ("rds", rds)], split)
    rehash_dir, store_dir = os.path.join(root, "rehash-run"), os.path.join(root, "store-run")
    openssl = shutil.which("openssl") or "/usr/bin/openssl"

    def prepare_rehash():
        shutil.rmtree(rehash_dir, ignore_errors=True)
        shutil.copytree(split, rehash_dir)

    def prepare_ours():
        shutil.rmtree(store_dir, ignore_errors=True)

    peer = Variant("openssl rehash", [openssl, "rehash", rehash_dir], {"PATH": CLEAN_PATH}, prepare_rehash)
    ours = Variant("trust store", [os.path.join(build, "bench", "trust_store_bench"), store_dir,
                                   SYSTEM_BUNDLE, rds], {"PATH": CLEAN_PATH}, prepare_ours,
                   stdout=os.path.join(root, "trust_store_bench.out"))
    for v in (peer, ours):
        v.run_once()
    theirs = {n for n in os.listdir(rehash_dir) if not n.endswith(".pem")}
    mine = set(os.listdir(os.path.join(store_dir, "rds-ca", "certs")))
    if theirs != mine:
        raise BenchError("the hashed names differ from openssl rehash's: %d only ours, %d only theirs"
                         % (len(mine - theirs), len(theirs - mine)))
    measure([peer, ours], runs, warmup)
    s, p = summary(wall(ours)), summary(wall(peer))
    split = {k: statistics.median(float(re.search(k + r"=([0-9.]+)", out).group(1)) for out in ours.outputs)
             for k in ("parse_ms", "write_ms")}
    return {"id": "trust_store", "name": "trust store for %d certificates (system + RDS)" % len(mine),
            "unit": "ms", "runs": runs, **s, "peak_rss_kib": peak_rss(ours), "cpu_ms": cpu_median(ours),
            "input_certificates": count, "in_process_median": split,
            "peer": {"name": "openssl rehash (same certificates, pre-split)", **p,
                     "peak_rss_kib": peak_rss(peer), "cpu_ms": cpu_median(peer)},
            "ratio": s["median"] / p["median"],
            "checked": "same %d hashed names as openssl rehash; ours also writes both bundles and the "
                       "Java store" % len(mine),
            "target": "faster than openssl rehash", "holds": s["median"] < p["median"]}


def make_bundle(src, path, size=200 * 1024):
    """A PEM bundle of whole certificates from data/, at least `size` bytes."""
    blocks = []
    for name in sorted(os.listdir(os.path.join(src, "data"))):
        if name.endswith(".pem"):
            with open(os.path.join(src, "data", name)) as f:
                blocks += PEM_BLOCK.findall(f.read())
    text, i = "", 0
    while len(text) < size:
        text += blocks[i % len(blocks)]
        i += 1
    with open(path, "w") as f:
        f.write(text)
    return len(text)


def start_server(src, www):
    """tests/https_server.py on a free loopback port; returns (process, port)."""
    certs = os.path.join(src, "fixtures", "certs")
    proc = subprocess.Popen(["python3", os.path.join(src, "tests", "https_server.py"), "--root", www,
                             "--cert", os.path.join(certs, "server.pem"), "--key", os.path.join(certs, "server.key")],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("PORT "):
        proc.kill()
        raise BenchError("tests/https_server.py did not start: run it by hand")
    return proc, int(line.split()[1])


def download(root, build, src, runs, warmup):
    """Case 5: our downloader against the curl CLI, same URL, same CA, same server."""
    www = fresh(os.path.join(root, "www"))
    size = make_bundle(src, os.path.join(www, "bundle.pem"))
    ca = os.path.join(src, "fixtures", "certs", "test-ca.pem")
    curl = shutil.which("curl")
    if curl is None:
        raise BenchError("curl is not installed: apt-get install curl")
    proc, port = start_server(src, www)
    try:
        url = "https://127.0.0.1:%d/files/bundle.pem" % port
        outs = {k: os.path.join(root, "got-" + k) for k in ("ours", "curl")}
        ours = Variant("download", [os.path.join(build, "bench", "download_bench"), url, ca, outs["ours"]],
                       {"PATH": CLEAN_PATH})
        peer = Variant("curl", [curl, "-sS", "--fail", "--proto", "=https", "--tlsv1.2", "--cacert", ca,
                                "-o", outs["curl"], url], {"PATH": CLEAN_PATH})
        for v in (ours, peer):
            v.run_once()
        with open(os.path.join(www, "bundle.pem"), "rb") as f:
            want = f.read()
        for k, path in outs.items():
            with open(path, "rb") as f:
                if f.read() != want:
                    raise BenchError("%s did not fetch the bundle byte for byte" % k)
        measure([ours, peer], runs, warmup)
    finally:
        proc.terminate()
        proc.wait()
    s, p = summary(wall(ours)), summary(wall(peer))
    return {"id": "download", "name": "download %d KB over loopback HTTPS" % (size // 1000), "unit": "ms",
            "runs": runs, **s, "peak_rss_kib": peak_rss(ours), "cpu_ms": cpu_median(ours),
            "input_bytes": size,
            "peer": {"name": "curl CLI (same URL and CA)", **p, "peak_rss_kib": peak_rss(peer),
                     "cpu_ms": cpu_median(peer)},
            "ratio": s["median"] / p["median"], "checked": "both got the bundle byte for byte",
            "target": "within 1.2x of curl", "holds": s["median"] <= 1.2 * p["median"]}


def endpoint_table(src, path):
    """src/ca/endpoint_test.cc's kTable as HOST<TAB>EXPECTED lines; returns the row count."""
    with open(os.path.join(src, "src", "ca", "endpoint_test.cc")) as f:
        text = f.read()
    start = text.index("kTable[] = {")
    body = text[start:text.index("};", start)]
    rows = re.findall(r'\{\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\s*\}', body)
    if len(rows) < 30:
        raise BenchError("found only %d rows in src/ca/endpoint_test.cc's kTable: update bench/tool_cases.py" % len(rows))
    with open(path, "w") as f:
        f.write("\n".join(h + "\t" + e for h, e in rows))
    return len(rows)


def endpoints(root, build, src, runs, warmup, passes):
    """Case 6: ClassifyEndpoint over the test table, in one process: hostnames per second."""
    table = os.path.join(root, "endpoints.tsv")
    rows = endpoint_table(src, table)
    r = subprocess.run([os.path.join(build, "bench", "endpoint_bench"), table, str(runs + warmup), str(passes)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError("endpoint_bench failed: %s" % r.stderr.strip())
    ns = [int(line) for line in r.stdout.split() if line.isdigit()][warmup:]
    rates = [rows * passes / (n / 1e9) for n in ns]
    s = summary(rates)
    return {"id": "endpoint", "name": "endpoint classification (%d-host test table)" % rows,
            "unit": "hosts/s", "runs": runs, **s, "ns_per_host": 1e9 / s["median"],
            "checked": "every row gives the table's expected Describe()", "target": "report", "holds": True}
