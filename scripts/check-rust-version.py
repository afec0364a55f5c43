#!/usr/bin/env python3
"""Checks that Cargo.toml's rust-version is at least every locked dependency's own
rust-version, for both targets: the version it names must build the crate as locked.
(clippy's incompatible_msrv lint checks the crate's own code against the same version.)"""
import json
import subprocess
import sys


def version(text):
    return tuple(int(part) for part in text.split("."))


def packages(target):
    args = ["cargo", "metadata", "--format-version", "1", "--locked"]
    if target:
        args += ["--filter-platform", target]
    meta = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    used = {node["id"] for node in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    return meta, [p for p in meta["packages"] if p["id"] in used], root


meta, _, root = packages(None)
ours = next(p for p in meta["packages"] if p["id"] == root)
declared = ours.get("rust_version")
if not declared:
    sys.exit("Cargo.toml names no rust-version")
newest = []
for target in ("wasm32-unknown-unknown", None):
    _, used, _ = packages(target)
    for package in used:
        needed = package.get("rust_version")
        if needed and package["id"] != root and version(needed) > version(declared):
            newest.append(f"{package['name']} {package['version']} needs {needed}")
if newest:
    sys.exit(f"rust-version {declared} cannot build the locked dependencies:\n  " + "\n  ".join(sorted(set(newest))))
print(f"rust-version {declared}: every locked dependency builds with it")
