#!/usr/bin/env python3
"""Prints how many tests each suite of `make test` passed, failed and skipped, from the log of
its run, and names every skipped test with its reason: a test that could not run is never
counted as passed.

Read from the log:
- cargo test and wasm-bindgen-test (libtest's format): `test result: ok. 16 passed; 0 failed;
  1 ignored; ...` for the counts, `test NAME ... ignored, REASON` for the names;
- node --test (TAP): `# pass N`, `# fail N`, `# cancelled N` (counted as failed: a test that
  timed out or whose file crashed) and `# skipped N` for the counts, `ok N - NAME # SKIP
  REASON` (subtests indented) for the names.

A suite that printed no result at all (`make test` stopped before it) is reported as not run.
Test: `node --test e2e/test-summary.test.mjs` (a sample log with a skipped test in each format).
"""
import re
import sys

SUITES = [
    ("cargo test", "native (cargo test)"),
    ("wasm-pack test --headless --chrome", "browser, Chromium (wasm-bindgen-test)"),
    ("wasm-pack test --headless --firefox", "browser, Firefox (wasm-bindgen-test)"),
    ("node --test", "e2e, Chromium + Firefox (node --test)"),
]

LIBTEST_RESULT = re.compile(
    r"^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored"
)
LIBTEST_IGNORED = re.compile(r"^test (.+?) \.\.\. ignored(?:, (.*))?$")
TAP_COUNT = re.compile(r"^# (pass|fail|cancelled|skipped) (\d+)$")
# TAP escapes `#` and `\` in names as `\#` and `\\`.
TAP_SKIP = re.compile(r"^\s*(?:not )?ok \d+ - ((?:[^#\\]|\\.)*?)\s*# SKIP\b\s*(.*)$")


def tap_unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


def summarize(lines):
    """Returns {suite: {"passed", "failed", "skipped", "ran", "names": [(name, reason)]}}."""
    results = {
        name: {"passed": 0, "failed": 0, "skipped": 0, "ran": False, "names": []}
        for _, name in SUITES
    }
    current = None
    for line in lines:
        line = line.rstrip("\n")
        for command, name in SUITES:
            if line.startswith(command):
                current = name
        if current is None:
            continue
        suite = results[current]
        stripped = line.strip()
        libtest = LIBTEST_RESULT.match(stripped)
        tap = TAP_COUNT.match(stripped)
        if libtest:
            suite["ran"] = True
            suite["passed"] += int(libtest.group(1))
            suite["failed"] += int(libtest.group(2))
            suite["skipped"] += int(libtest.group(3))
        elif tap:
            suite["ran"] = True
            kind, count = tap.group(1), int(tap.group(2))
            if kind == "pass":
                suite["passed"] += count
            elif kind == "skipped":
                suite["skipped"] += count
            else:
                suite["failed"] += count
        elif found := LIBTEST_IGNORED.match(stripped):
            suite["names"].append((found.group(1), found.group(2) or ""))
        elif found := TAP_SKIP.match(line):
            suite["names"].append((tap_unescape(found.group(1)), tap_unescape(found.group(2))))
    return results


def fuzz_runs(lines):
    runs = []
    for line in lines:
        found = re.match(r"fuzz: (\S+)\s+Done (\d+) runs in (\d+) second", line)
        if found:
            runs.append((found.group(1), int(found.group(2)), int(found.group(3))))
    return runs


def report(lines):
    results = summarize(lines)
    out = ["", "make test: tests per suite"]
    for _, name in SUITES:
        suite = results[name]
        if not suite["ran"]:
            out.append(f"  {name:<45} not run")
            continue
        out.append(
            f"  {name:<45} {suite['passed']:>4} passed, {suite['failed']} failed, "
            f"{suite['skipped']} skipped"
        )
    for target, runs, seconds in fuzz_runs(lines):
        out.append(f"  fuzz {target:<40} {runs:>9} executions in {seconds} s, no crash")
    skipped = sum(s["skipped"] for s in results.values())
    if skipped:
        out.append(f"skipped, not passed ({skipped}):")
        for _, name in SUITES:
            suite = results[name]
            for test, reason in suite["names"]:
                out.append(f"  {name}: {test}" + (f" ({reason})" if reason else ""))
            unnamed = suite["skipped"] - len(suite["names"])
            if unnamed > 0:
                out.append(f"  {name}: {unnamed} more, not named in the log")
    # Steps that are no test runner's (the size and bench smoke, a fuzz crash, a build) say
    # they failed only through make.
    for line in lines:
        found = re.match(r"make(?:\[\d+\])?: \*\*\* \[[^:\]]*:\d+: ([^\]]+)\] Error", line)
        if found:
            out.append(f"  failed step: make {found.group(1)}")
    not_run = [name for _, name in SUITES if not results[name]["ran"]]
    passed = sum(s["passed"] for s in results.values())
    failed = sum(s["failed"] for s in results.values())
    line = f"summary: {passed} passed, {failed} failed, {skipped} skipped"
    if not_run:
        line += f"; not run: {', '.join(not_run)}"
    out.append(line)
    return "\n".join(out)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
        print(report(log.readlines()))
