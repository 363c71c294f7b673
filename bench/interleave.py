#!/usr/bin/env python3
"""Times whole processes with the commands interleaved run by run, so that a
machine whose load changes from second to second weighs on every command alike
(hyperfine runs all of one command, then all of the next). Prints the minimum
and the median wall time of each command, in milliseconds.

    bench/interleave.py RUNS 'cmd one' 'cmd two' ...
"""
import os, shlex, statistics, subprocess, sys, time

runs = int(sys.argv[1])
cmds = [shlex.split(c) for c in sys.argv[2:]]
times = [[] for _ in cmds]
devnull = subprocess.DEVNULL
for i in range(runs + 3):
    order = list(range(len(cmds)))
    if i % 2:
        order.reverse()
    for j in order:
        t0 = time.perf_counter()
        subprocess.run(cmds[j], stdout=devnull, stderr=devnull)
        if i >= 3:  # three warm-up rounds
            times[j].append(time.perf_counter() - t0)
for c, t in zip(sys.argv[2:], times):
    print(f"{min(t)*1000:6.1f} {statistics.median(t)*1000:6.1f}  {c}")
