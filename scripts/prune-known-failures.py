#!/usr/bin/env python3
"""Removes from a known-failures TSV (`<lang>\t<check>\t<reason>`) every check that a runner's
log reports as passing ("now passes"). Usage: prune-known-failures.py TSV LOG"""
import re, sys
tsv, log = sys.argv[1], sys.argv[2]
passing = set()
for line in open(log):
    if "now passes" not in line:
        continue
    m = re.match(r"PASS (\S+) (\S+) -- now passes", line)
    if m:
        passing.add((m.group(1), m.group(2)))
    m = re.search(r"now passes \(remove it from \S+\): (\S+)[ \t](\S+)", line)
    if m:
        passing.add((m.group(1), m.group(2)))
kept = [l for l in open(tsv) if l.startswith("#") or not l.strip() or tuple(l.split("\t")[:2]) not in passing]
open(tsv, "w").writelines(kept)
print(f"removed {len(passing)} passing checks; {sum(1 for l in kept if l.strip() and not l.startswith('#'))} known failures left")
