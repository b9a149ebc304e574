"""Draws one PNG per language from `cargo xtask bench`'s raw results: grouped bars (log scale,
ns per call, median with min-max whiskers) for ours / upstream / floor / peer per scenario.

    python3 benches/chart.py target/bench/results docs/benchmarks

Needs matplotlib: `cargo xtask bench` runs this script itself after a full run (or with
`--charts DIR`), from a venv it creates under `${UBA_TOOLCHAINS:-/root/.cache/uniffi-bindgen-async}/bench-venv`.
"""

import csv
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SCENARIOS = [
    ("sync_noop", "sync no-op"),
    ("sync_add", "sync add"),
    ("async_ready", "async ready"),
    ("async_woken", "async woken"),
    ("concurrent_ready_1000", "1000 conc. ready"),
    ("concurrent_woken_1000", "1000 conc. woken"),
    ("async_string_100", "async String(100)"),
    ("foreign_async_awaited_by_rust", "Rust awaits foreign async"),
    ("sync_callback_from_rust_thread", "sync callback (Rust thread)"),
    ("offload_blocking_call", "offloaded blocking call"),
    ("stream_100k", "100k-item stream (per item)"),
    ("stream_reverse_100k", "100k-item stream into Rust (per item)"),
]
COLUMNS = [("ours", "#1f77b4"), ("upstream", "#d62728"), ("floor", "#7f7f7f"), ("peer", "#2ca02c")]


def main() -> None:
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    dst.mkdir(parents=True, exist_ok=True)
    for tsv in sorted(src.glob("*.tsv")):
        data = {}
        with tsv.open() as f:
            for row in csv.DictReader(f, delimiter="\t"):
                data[(row["column"], row["scenario"])] = (float(row["median_ns"]), float(row["min_ns"]), float(row["max_ns"]))
        present = [c for c in COLUMNS if any((c[0], s) in data for s, _ in SCENARIOS)]
        fig, ax = plt.subplots(figsize=(12, 5.5))
        width = 0.8 / max(1, len(present))
        for i, (col, color) in enumerate(present):
            xs, ys, lo, hi = [], [], [], []
            for j, (key, _) in enumerate(SCENARIOS):
                if (col, key) in data:
                    med, mn, mx = data[(col, key)]
                    xs.append(j + (i - (len(present) - 1) / 2) * width)
                    ys.append(med)
                    lo.append(med - mn)
                    hi.append(mx - med)
            ax.bar(xs, ys, width, label=col, color=color, yerr=[lo, hi], capsize=2)
        ax.set_yscale("log")
        ax.set_ylabel("ns per call (median, min-max), log scale")
        ax.set_xticks(range(len(SCENARIOS)))
        ax.set_xticklabels([label for _, label in SCENARIOS], rotation=30, ha="right")
        ax.set_title(f"{tsv.stem}: uniffi-bindgen-async (ours) vs upstream UniFFI 0.32.2, FFI floor, native peer")
        ax.legend()
        ax.grid(axis="y", which="major", alpha=0.3)
        fig.tight_layout()
        fig.savefig(dst / f"{tsv.stem}.png", dpi=100)
        plt.close(fig)
        print(dst / f"{tsv.stem}.png")


if __name__ == "__main__":
    main()
