#!/usr/bin/env python3
"""Prints how many tests each suite of `make test` ran, from the log of its run."""
import re
import sys

SUITES = [
    ("cargo test", "native (cargo test)"),
    ("wasm-pack test --headless --chrome", "browser, Chromium (wasm-bindgen-test)"),
    ("wasm-pack test --headless --firefox", "browser, Firefox (wasm-bindgen-test)"),
    ("node --test", "e2e, Chromium + Firefox (node --test)"),
]

counts = {name: [0, 0] for _, name in SUITES}
current = None
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    for line in log:
        for command, name in SUITES:
            if line.startswith(command):
                current = name
        if current is None:
            continue
        cargo = re.search(r"test result: \w+\. (\d+) passed; (\d+) failed", line)
        node = re.match(r"# (pass|fail) (\d+)$", line.strip())
        if cargo:
            counts[current][0] += int(cargo.group(1))
            counts[current][1] += int(cargo.group(2))
        elif node:
            counts[current][0 if node.group(1) == "pass" else 1] += int(node.group(2))

print("\nmake test: tests per suite")
for _, name in SUITES:
    passed, failed = counts[name]
    print(f"  {name:<45} {passed:>4} passed, {failed} failed")
total_passed = sum(c[0] for c in counts.values())
total_failed = sum(c[1] for c in counts.values())
fuzz = []
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    for line in log:
        found = re.match(r"fuzz: (\S+)\s+Done (\d+) runs in (\d+) second", line)
        if found:
            fuzz.append((found.group(1), int(found.group(2)), int(found.group(3))))
for target, runs, seconds in fuzz:
    print(f"  fuzz {target:<40} {runs:>9} executions in {seconds} s, no crash")
print(f"summary: {total_passed} passed, {total_failed} failed")
