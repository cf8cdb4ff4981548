"""Reads gunicorn's access log lines `[timestamp] milliseconds status` of one page's run
(standard input) and prints the server's own p50 and p99 and the slowest second: the second
of the run whose finished requests took longest on average, with their count and longest."""

import statistics
import sys
from collections import defaultdict


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    by_second = defaultdict(list)
    for line in sys.stdin:
        parts = line.rsplit(None, 2)
        if len(parts) != 3:
            continue
        stamp, took, _status = parts
        by_second[stamp.strip("[] ")].append(int(took))
    times = [t for values in by_second.values() for t in values]
    if not times:
        print("server: no requests logged")
        return
    second, worst = max(by_second.items(), key=lambda item: statistics.fmean(item[1]))
    print(
        f"server_p50_ms={percentile(times, 0.5)} server_p99_ms={percentile(times, 0.99)} "
        f"slowest_second={second.split(':', 1)[-1].split()[0]} mean_ms={statistics.fmean(worst):.0f} "
        f"in_that_second={len(worst)} longest_ms={max(worst)}"
    )


if __name__ == "__main__":
    main()
