#!/usr/bin/env python3
# ab_wall.py — wall time of two commands run alternately: bench/ab_wall.py N -- CMD_A... -- CMD_B...
# Runs each N times, A then B, and prints the median, min and max milliseconds of each (whole
# processes: start-up included; alternating keeps a shared machine's load fair to both).
import statistics
import subprocess
import sys
import time

if len(sys.argv) < 5 or sys.argv[2] != "--" or "--" not in sys.argv[3:]:
    sys.exit("usage: ab_wall.py N -- CMD_A... -- CMD_B...")
n = int(sys.argv[1])
rest = sys.argv[3:]
cut = rest.index("--")
cmds = [rest[:cut], rest[cut + 1:]]
times = [[], []]
for _ in range(n):
    for k, cmd in enumerate(cmds):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[k].append((time.perf_counter() - t) * 1e3)
for k, cmd in enumerate(cmds):
    s = sorted(times[k])
    print(f"median {statistics.median(s):6.1f} ms  min {s[0]:6.1f}  max {s[-1]:6.1f}  {' '.join(cmd)}")
