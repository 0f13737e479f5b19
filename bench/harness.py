"""Timing primitives for bench/run: whole processes run under bench/measure_run (fork, exec,
wait4: wall time on the monotonic clock, CPU time and peak RSS of the process and every child
it waited for). Variants of one case run interleaved (A B C, B C A, ...) so that a
machine whose load drifts during the run slows them alike, and paired differences stay honest.
"""
import os
import statistics
import tempfile


class BenchError(Exception):
    """One line: what failed and what to do."""


class Sample:
    """One run of one process."""

    def __init__(self, wall_ms, cpu_ms, rss_kib):
        self.wall_ms = wall_ms
        self.cpu_ms = cpu_ms
        self.rss_kib = rss_kib


RUNNER = None  # bench/measure_run in the build tree (bench.py sets it)


def spawn(argv, env, stdout=os.devnull):
    """Runs argv (argv[0] an absolute path) with exactly `env`, stdin and stderr on /dev/null,
    stdout to the file `stdout`, under measure_run (which times it and reads its rusage).
    Returns (Sample, exit status)."""
    fd, result = tempfile.mkstemp(prefix="bench-run-")
    os.close(fd)
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
               (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
               (os.POSIX_SPAWN_OPEN, 3, result, os.O_WRONLY | os.O_TRUNC, 0)]
    try:
        pid = os.posix_spawn(RUNNER, [RUNNER, *argv], env, file_actions=actions)
        _, status = os.waitpid(pid, 0)
        with open(result) as f:
            fields = f.read().split()
    finally:
        os.remove(result)
    if os.waitstatus_to_exitcode(status) != 0 or len(fields) != 4:
        raise BenchError("measure_run could not run %s: run it by hand" % argv[0])
    wall_ns, cpu_us, rss_kib, code = (int(x) for x in fields)
    return Sample(wall_ns / 1e6, cpu_us / 1e3, rss_kib), code


class Variant:
    """One command of a case: `argv` and `env`, and `prepare()` (untimed, before every run; it
    may return a replacement argv, e.g. with a fresh output directory)."""

    def __init__(self, name, argv, env, prepare=None, stdout=None):
        self.name, self.argv, self.env, self.prepare, self.stdout = name, argv, env, prepare, stdout
        self.samples = []
        self.outputs = []  # the stdout of each run, when `stdout` names a file to keep it in

    def run_once(self):
        argv = self.argv
        if self.prepare is not None:
            argv = self.prepare() or argv
        sample, code = spawn(argv, self.env, self.stdout or os.devnull)
        if code != 0:
            raise BenchError("%s: %s exited %d: run it by hand to see why" % (self.name, argv[0], code))
        if self.stdout:
            with open(self.stdout) as f:
                self.outputs.append(f.read())
        return sample


def measure(variants, runs, warmup):
    """Runs every variant warmup + runs times, interleaved and rotated; keeps the last `runs`
    samples of each."""
    for i in range(warmup + runs):
        shift = i % len(variants)
        for v in variants[shift:] + variants[:shift]:
            sample = v.run_once()
            if i >= warmup:
                v.samples.append(sample)
            elif v.outputs:
                v.outputs.pop()


def summary(values):
    """median, min, max of a list of numbers."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def wall(variant):
    return [s.wall_ms for s in variant.samples]


def paired_excess(variant, floor):
    """Per-iteration wall time of `variant` minus `floor` (runs of one iteration are adjacent)."""
    return [a.wall_ms - b.wall_ms for a, b in zip(variant.samples, floor.samples)]


def paired_cpu_excess(variant, floor):
    """Per-iteration CPU time (user + system, whole process tree) of `variant` minus `floor`."""
    return [a.cpu_ms - b.cpu_ms for a, b in zip(variant.samples, floor.samples)]


def peak_rss(variant):
    return max(s.rss_kib for s in variant.samples)


def cpu_median(variant):
    return statistics.median(s.cpu_ms for s in variant.samples)
