#!/usr/bin/env bash
# `cargo stateguard lint` against `cargo clippy` on one mid-size published crate, round by round.
#
#   bash bench/lint-corpus/vs-clippy.sh [ROUNDS]      (default 6)
#
# The crate is regex-syntax 0.8.12 from the registry cache (`cargo fetch` in bench/lint-corpus
# brings it), copied to a scratch folder with its optional `arbitrary` dependency removed so that
# it resolves offline with no dependency at all. Each round runs `cargo clippy` from an empty
# target folder (what a user pays the first time) and then the lint (release build of this
# checkout), alternating which goes first, and prints wall and CPU time (user + sys, children
# included) of each with the ratio and the load average.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
rounds=${1:-6}

source=$(ls -d "$HOME"/.cargo/registry/src/*/regex-syntax-0.8.12 2>/dev/null | head -n 1)
if [ -z "$source" ]; then
    echo "regex-syntax 0.8.12 is not in the registry cache: run \`cargo fetch --manifest-path bench/lint-corpus/Cargo.toml\`" >&2
    exit 2
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$source" "$scratch/regex-syntax"
crate="$scratch/regex-syntax"
python3 - "$crate/Cargo.toml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = re.sub(r'\n\[dependencies\.arbitrary\]\n(?:[^\[\n][^\n]*\n)*', '\n', text)
text = re.sub(r'\narbitrary = \["dep:arbitrary"\]\n', '\n', text)
open(path, 'w').write(text + '\n[workspace]\n')
PY
rm -f "$crate/Cargo.lock"
(cd "$crate" && cargo generate-lockfile --offline --quiet)

cargo build --release --quiet -p cargo-stateguard
lint="$root/target/release/cargo-stateguard"
cp "$root/rust-toolchain.toml" "$crate/"

measure() { # label, command...: prints "wall cpu"
    /usr/bin/time -o "$scratch/time" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
    awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$scratch/time"
}
clippy_round() {
    rm -rf "$crate/target"
    (cd "$crate" && measure cargo clippy --quiet)
}
lint_round() {
    (cd "$crate" && measure "$lint" stateguard lint --format jsonl)
}

printf '| round | load | `cargo clippy` wall / CPU | lint wall / CPU | ratio wall / CPU |\n|---|---|---|---|---|\n'
for round in $(seq 1 "$rounds"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if [ $((round % 2)) -eq 1 ]; then
        read -r cw cc < <(clippy_round)
        read -r lw lc < <(lint_round)
    else
        read -r lw lc < <(lint_round)
        read -r cw cc < <(clippy_round)
    fi
    awk -v r="$round" -v l="$load" -v cw="$cw" -v cc="$cc" -v lw="$lw" -v lc="$lc" 'BEGIN {
        lw = (lw < 0.01) ? 0.01 : lw; lc = (lc < 0.01) ? 0.01 : lc;
        printf "| %d | %s | %.1f s / %.1f s | %.2f s / %.2f s | %.1fx / %.1fx |\n", r, l, cw, cc, lw, lc, cw / lw, cc / lc }'
done
