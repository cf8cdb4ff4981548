"""Two checkouts of the project timed against one database, interleaved.

The machine a benchmark runs on may be busy with other work, which moves every figure by
more than a change to the code does. Comparing two versions of the code (before and after
a change) is only fair when both are timed in the same minutes: this runs bench/pages.py
for each checkout in turn, round after round (ABBA order, so that neither always goes
first), each run a fresh process timing the same addresses (the same --seed) through the
same driver code, and pools each checkout's timings over the rounds. It also prints, per
checkout, the median over the addresses of each address's fastest time in any round: what
the code costs when the machine's other work happens to leave it alone.

Usage: DATABASE_URL=... .venv/bin/python bench/compare_checkouts.py --base ../base-checkout
       [--rounds 6] [--per-kind 30] [--only "pact list,matrix"] [--peer] [--clock cpu]
The base checkout needs its own virtualenv (.venv) and collected static files, like this
one (bench/run.sh collects them). --peer also times the conventional implementation
(bench/conventional.py) with this checkout's code.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OURS = HERE.parent


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(python, root, args, peer):
    with tempfile.NamedTemporaryFile(suffix=".json") as raw:
        command = [str(python), str(HERE / "pages.py"), "--root", str(root), "--per-kind", str(args.per_kind),
                   "--seed", str(args.seed), "--raw", raw.name]
        if args.only:
            command += ["--only", args.only]
        if peer:
            command.append("--peer")
        command += ["--clock", args.clock]
        env = {key: value for key, value in os.environ.items() if key != "ALLIANCES_DEBUG"}
        subprocess.run(command, check=True, cwd=root, env=env, stdout=subprocess.DEVNULL)
        return json.load(open(raw.name))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the other checkout (with its .venv)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--per-kind", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="pact list,pact list fragment,matrix,matrix fragment")
    parser.add_argument("--peer", action="store_true")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    args = parser.parse_args()
    base = Path(args.base).resolve()
    checkouts = {"base": (base / ".venv" / "bin" / "python", base, False), "this": (sys.executable, OURS, args.peer)}
    pooled = {"base": {}, "this": {}}
    per_round = {"base": {}, "this": {}}
    fastest = {"base": {}, "this": {}}  # each address's fastest time over the rounds
    for round_number in range(args.rounds):
        order = ["base", "this"] if round_number % 4 in (0, 3) else ["this", "base"]
        for name in order:
            python, root, peer = checkouts[name]
            for kind, timings in run(python, root, args, peer).items():
                into = pooled[name].setdefault(kind, {"pages": [], "bares": [], "queries": []})
                for field in into:
                    into[field].extend(timings[field])
                per_round[name].setdefault(kind, []).append(statistics.median(timings["pages"]))
                known = fastest[name].get(kind)
                fastest[name][kind] = timings["pages"] if known is None else list(map(min, known, timings["pages"]))
        print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)
    ms = lambda s: f"{s * 1000:.1f}"  # noqa: E731
    print(f"{args.rounds} rounds x {args.per_kind} addresses per kind, interleaved, {args.clock} clock; "
          f"base: {base}; this: {OURS}")
    print(f"{'page':<26}{'base med':>10}{'p95':>8}{'this med':>10}{'p95':>8}{'change':>8}"
          f"{'base bare':>11}{'this bare':>11}{'queries b/t':>13}{'fastest b/t':>14}{'change':>8}"
          f"  round medians base | this")
    for kind in pooled["this"]:
        this = pooled["this"][kind]
        before = pooled["base"].get(kind)
        spans = " ".join(ms(m) for m in per_round["this"][kind])
        if before is None:
            print(f"{kind:<26}{'':>18}{ms(statistics.median(this['pages'])):>10}{ms(p95(this['pages'])):>8}{'':>8}"
                  f"{'':>11}{ms(statistics.median(this['bares'])):>11}{'':>13}  | {spans}")
            continue
        change = statistics.median(this["pages"]) / statistics.median(before["pages"]) - 1
        queries = f"{min(before['queries'])}-{max(before['queries'])}/{min(this['queries'])}-{max(this['queries'])}"
        base_spans = " ".join(ms(m) for m in per_round["base"][kind])
        quickest = [statistics.median(fastest[name][kind]) for name in ("base", "this")]
        print(f"{kind:<26}{ms(statistics.median(before['pages'])):>10}{ms(p95(before['pages'])):>8}"
              f"{ms(statistics.median(this['pages'])):>10}{ms(p95(this['pages'])):>8}{change:>+8.0%}"
              f"{ms(statistics.median(before['bares'])):>11}{ms(statistics.median(this['bares'])):>11}{queries:>13}"
              f"{ms(quickest[0]) + '/' + ms(quickest[1]):>14}{quickest[1] / quickest[0] - 1:>+8.0%}"
              f"  {base_spans} | {spans}")


if __name__ == "__main__":
    main()
