#!/usr/bin/env bash
# One prepared run on the lent GPU machine (issues 9 item 7 and 12 item 7; ../shared/FACTS.md, last
# section): build the addon against that machine's CUDA libtorch 2.x (scripts/libtorch.js's Python-torch
# branch), regenerate the op layer for its schemas, run PyTorch's OpInfo samples on CUDA tensors, and
# check torch.distributed's NCCL backend with world size 1. Every stage is time-boxed (the whole within
# DEVICE_CHECK_SECONDS, 540 by default); a stage that fails or runs out of time does not stop the others
# that can still run. The summary goes to $OUT (the device tool's folder; ./device-check-out elsewhere):
#   summary.md           stages with status and seconds, environment, build/tsc errors, the OpInfo table
#                        by family, the torch.distributed checks (torch-node's and Python's own)
#   opinfo-report.md     every failing op with its reason (test/opinfo/suite.ts's report)
#   opinfo-summary.json  counts by family, failures, crashes, not-run reasons, seconds
#   dist.json            torch-node's distributed checks
#   logs.tar.gz          every stage's full log
#
# Usage:
#   scripts/device-check.sh --pack     here, before a device run: Node (binary + headers) and the
#                                      node_modules the run needs, compressed into .device-pack/
#                                      (the machine has no Node and no network), 27 MB
#   scripts/device-check.sh            there: device cuda, backend nccl, Python `python3`
#   scripts/device-check.sh --cpu      a dry run of the same stages with device cpu and gloo, against
#                                      Debian's python3-torch (/usr/bin/python3) and libtorch-dev
#   --tree DIR   copy the checkout's files (tracked and untracked-not-ignored; node_modules linked) to
#                DIR and run there: the run rewrites lib/_C/generated, which a shared checkout must keep
#   --work DIR   build folder, fixtures and logs (default .device-check/ in the tree)
#
# The device tool's call (run from the repository root, after --pack):
#   run(command="bash scripts/device-check.sh", carry=[".device-pack"], timeout_s=600)
set -uo pipefail

MODE=cuda
TREE=
WORK=
PACK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) MODE=cpu ;;
    --pack) PACK=1 ;;
    --tree) TREE=$2; shift ;;
    --work) WORK=$2; shift ;;
    *) echo "device-check: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
COMMIT=${DEVICE_CHECK_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo ' with uncommitted changes')}

if [ "$PACK" = 1 ]; then
  # Node: NodeSource's build is one static-ish binary (libc, libstdc++ only) with its headers beside it
  # (CMakeLists.txt finds v8.h in <prefix>/include/node); OpenSSL's headers (53 MB) are not needed.
  set -e
  mkdir -p .device-pack  # ignored (.gitignore): the device tool carries it only when `carry` names it
  NODE_PREFIX=$(node -p "require('path').resolve(process.execPath, '../..')")
  test -f "$NODE_PREFIX/include/node/v8.h" || { echo "device-check: Node's headers are not in $NODE_PREFIX/include/node" >&2; exit 1; }
  tar -C "$NODE_PREFIX" --exclude=include/node/openssl -cf - bin/node include/node | xz -T0 -6 > .device-pack/node.tar.xz
  # What the run needs from node_modules: cmake-js (the build), node-addon-api and node-api-headers,
  # typescript and @types/node (tsc), each with its dependencies.
  MODS=$(node -e '
    // Resolved as Node does: a dependency of node_modules/a/node_modules/b is looked for in the
    // node_modules of b, then of a, then at the top level; each top-level folder found is packed whole.
    const fs = require("fs"), path = require("path"), top = new Set(), seen = new Set();
    const visit = (dir) => {
      if (seen.has(dir)) return;
      seen.add(dir);
      top.add(dir.split("/node_modules/")[0].replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*/, "$1"));
      const j = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      for (const dep of Object.keys({ ...j.dependencies, ...j.optionalDependencies })) {
        let d = dir, found = null;
        for (;;) {
          const c = path.join(d, "node_modules", dep);
          if (fs.existsSync(path.join(c, "package.json"))) { found = c; break; }
          if (d === ".") break;
          d = path.dirname(d.replace(/\/node_modules\/(@[^/]+\/)?[^/]+$/, "/x"));
          if (d === "node_modules" || !d.includes("node_modules")) d = ".";
        }
        if (!found) { if (!(dep in (j.optionalDependencies || {}))) throw new Error(dir + " needs " + dep + ": run npm ci first"); continue; }
        visit(found);
      }
    };
    ["cmake-js", "node-addon-api", "node-api-headers", "typescript", "@types/node"].forEach((n) => visit("node_modules/" + n));
    console.log([...top].join("\n"));')
  tar -cf - $MODS | xz -T0 -6 > .device-pack/node_modules.tar.xz
  du -sh .device-pack/*
  exit 0
fi

if [ -n "$TREE" ]; then
  mkdir -p "$TREE"
  git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -C "$TREE" -xf -
  [ -e "$TREE/node_modules" ] || ln -s "$ROOT/node_modules" "$TREE/node_modules"
  [ -d .device-pack ] && ! [ -e "$TREE/.device-pack" ] && ln -s "$ROOT/.device-pack" "$TREE/.device-pack"
  # the copy runs, so that editing this checkout meanwhile cannot change the script bash is reading
  args=(); [ "$MODE" = cpu ] && args+=(--cpu); [ -n "$WORK" ] && args+=(--work "$WORK")
  exec env DEVICE_CHECK_COMMIT="$COMMIT" bash "$TREE/scripts/device-check.sh" "${args[@]}"
fi

if [ "$MODE" = cuda ]; then DEVICE=cuda; BACKEND=nccl; PYTHON=${PYTHON:-python3}; else DEVICE=cpu; BACKEND=gloo; PYTHON=${PYTHON:-/usr/bin/python3}; fi
WORK=$(mkdir -p "${WORK:-$ROOT/.device-check}" && cd "${WORK:-$ROOT/.device-check}" && pwd)
OUTDIR=${OUT:-$ROOT/device-check-out}
mkdir -p "$OUTDIR" "$WORK/logs"
LOGS=$WORK/logs
SUMMARY=$WORK/summary.md
: > "$SUMMARY"
START=$(date +%s)
DEADLINE=$((START + ${DEVICE_CHECK_SECONDS:-540}))
CORES=$(nproc)
export TORCH_NODE_NO_APT=1 PYTHONUNBUFFERED=1

left() { echo $((DEADLINE - $(date +%s))); }
# budget CAP RESERVE: seconds a stage may take: at most CAP, leaving RESERVE for the stages after it.
budget() { local b=$(( $(left) - $2 )); [ "$b" -gt "$1" ] && b=$1; [ "$b" -lt 5 ] && b=5; echo "$b"; }
STAGES=()
# stage NAME SECONDS CMD...: runs CMD with a time limit, its output in $LOGS/NAME.log; records the result.
stage() {
  local name=$1 secs=$2; shift 2
  local t0=$(date +%s) rc
  echo "device-check: [$name] up to ${secs}s: $*"
  timeout -k 5 "$secs" "$@" > "$LOGS/$name.log" 2>&1
  rc=$?
  local dt=$(( $(date +%s) - t0 )) status=ok
  [ $rc -ne 0 ] && status="failed (exit $rc)"
  [ $rc -eq 124 ] || [ $rc -eq 137 ] && status="timed out after ${secs}s"
  STAGES+=("| $name | $status | $dt |")
  echo "device-check: [$name] $status in ${dt}s"
  tail -n 3 "$LOGS/$name.log"
  return $rc
}
skip() { STAGES+=("| $1 | skipped: $2 | 0 |"); echo "device-check: [$1] skipped: $2"; }

# ---- 0. Node and node_modules (the GPU machine has neither)
if [ -f .device-pack/node.tar.xz ] && ! command -v node > /dev/null; then
  mkdir -p /tmp/device-node && tar -C /tmp/device-node -xJf .device-pack/node.tar.xz
  export PATH=/tmp/device-node/bin:$PATH
fi
if [ -f .device-pack/node_modules.tar.xz ] && ! [ -f node_modules/cmake-js/package.json ]; then
  tar -xJf .device-pack/node_modules.tar.xz
fi
{
  echo "# device-check ($MODE): $(date -u +%FT%TZ)"
  echo
  echo "- machine: $CORES cores; $(nvidia-smi -L 2>/dev/null | head -1 || echo 'no nvidia-smi')"
  echo "- node: $(node --version 2>&1); g++: $(g++ -dumpfullversion 2>&1); cmake: $(cmake --version 2>&1 | head -1); ninja: $(ninja --version 2>&1)"
  echo "- python torch: $($PYTHON -c 'import torch; print(torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available(), torch.utils.cmake_prefix_path)' 2>&1 | tail -1)"
  echo "- commit: $COMMIT"
} >> "$SUMMARY"
if ! command -v node > /dev/null; then
  echo "device-check: no node: run scripts/device-check.sh --pack here and carry .device-pack" | tee -a "$SUMMARY"
  cp "$SUMMARY" "$OUTDIR/"
  exit 1
fi

# ---- 1. OpInfo samples from Python, on the device (in the background, beside the build)
FIXTURES=$WORK/fixtures
mkdir -p "$FIXTURES"
GEN_BUDGET=$(budget 200 300)
( stage_t0=$(date +%s)
  OPINFO_DEVICE=$DEVICE OPINFO_TIME_BUDGET=$((GEN_BUDGET - 40)) TORCH_NODE_FIXTURES=$FIXTURES \
    timeout -k 5 "$GEN_BUDGET" "$PYTHON" test/fixtures/gen_opinfo.py > "$LOGS/opinfo-export.log" 2>&1
  echo "$? $(( $(date +%s) - stage_t0 ))" > "$WORK/opinfo-export.rc" ) &
GEN_PID=$!

# ---- 2. the addon, against the libtorch scripts/libtorch.js finds (there: python3's torch), with
# the op layer regenerated from its schemas (scripts/install.js --build-only does both)
BUILD=$WORK/build
ADDON=$BUILD/Release/torch_node.node
rm -f "$ADDON"
# DEVICE_CHECK_BUILD_WRAP: a prefix for the build's commands (a shared machine: flock, nice)
stage build "$(budget "${DEVICE_CHECK_BUILD_SECONDS:-300}" 200)" ${DEVICE_CHECK_BUILD_WRAP:-} env TORCH_NODE_BUILD_DIR="$BUILD" CMAKE_BUILD_PARALLEL_LEVEL="$CORES" node scripts/install.js --build-only
BUILD_RC=$?
if ! [ -f "$ADDON" ] && [ -f "$BUILD/build.ninja" ] && [ "$(left)" -gt 200 ]; then
  # failed or out of time: go on past failing units (ninja -k 0), for the rest and for every unit's errors
  stage build-continue "$(budget 120 180)" ${DEVICE_CHECK_BUILD_WRAP:-} cmake --build "$BUILD" -- -k 0
fi
if [ -f "$ADDON" ] && ! grep -q 'generated the op layer' "$LOGS/build.log"; then
  stage codegen "$(budget 60 150)" node scripts/codegen/generate.js "$ADDON"
fi
# each compiler error once (file:line: message; ninja -k 0 repeats the first failures), and CMake's own
{ grep -h -A6 'CMake Error' "$LOGS"/build*.log; grep -h -E ': (fatal )?error: ' "$LOGS"/build*.log | sed "s|^$ROOT/||" | sort -u; } 2>/dev/null > "$WORK/build-errors.txt"
grep -m1 'libtorch .* from ' "$LOGS/build.log" | sed 's/^/- /' >> "$SUMMARY"
cat "$LOGS/build.log" "$LOGS/codegen.log" 2>/dev/null | grep -m1 'generated the op layer' | sed 's/^/- /' >> "$SUMMARY"

# ---- 3. the TypeScript, with the OpInfo driver, compiled into the work folder
TSOUT=$WORK/ts
if [ -f "$ADDON" ]; then
  cat > "$WORK/tsconfig.json" <<EOF
{ "extends": "$ROOT/tsconfig.json",
  "compilerOptions": { "outDir": "$TSOUT", "rootDir": "$ROOT", "declaration": false, "sourceMap": false },
  "include": ["$ROOT/lib/**/*.ts", "$ROOT/test/opinfo/run_all.ts"] }
EOF
  # tsc emits even with type errors; they are reported, and the run goes on with what it wrote
  stage tsc "$(budget 150 120)" node node_modules/typescript/bin/tsc -p "$WORK/tsconfig.json"
else
  skip tsc "no addon was built"
fi
export TORCH_NODE_ADDON=$ADDON

# ---- 4. the OpInfo suite on the device's tensors
wait "$GEN_PID"
read -r GEN_RC GEN_DT < "$WORK/opinfo-export.rc"
GEN_STATUS=ok; [ "$GEN_RC" -ne 0 ] && GEN_STATUS="failed (exit $GEN_RC)"; [ "$GEN_RC" -eq 124 ] && GEN_STATUS="timed out after ${GEN_BUDGET}s"
STAGES+=("| opinfo-export (parallel with build) | $GEN_STATUS | $GEN_DT |")
tail -n 2 "$LOGS/opinfo-export.log"
if [ -f "$TSOUT/test/opinfo/run_all.js" ] && [ -f "$FIXTURES/opinfo/index.json" ]; then
  # a child per two cores (each holds a CUDA context there); ops unfinished at the box are "not run"
  OPINFO_BUDGET=$(budget 240 75)
  stage opinfo-run "$((OPINFO_BUDGET + 15))" env TORCH_NODE_FIXTURES="$FIXTURES" \
    node "$TSOUT/test/opinfo/run_all.js" "$WORK/opinfo-summary.json" $(( CORES > 3 ? CORES / 2 : 2 )) "$OPINFO_BUDGET"
else
  skip opinfo-run "no compiled runner or no fixture"
fi

# ---- 5. torch.distributed, world size 1: torch-node's, then Python's own on the same machine
if [ -f "$TSOUT/lib/index.js" ]; then
  stage dist-torch-node "$(budget 60 25)" node scripts/device_check_dist.js "$TSOUT/lib" "$BACKEND" "$DEVICE"
  grep '^{' "$LOGS/dist-torch-node.log" | tail -1 > "$WORK/dist.json"
else
  skip dist-torch-node "no compiled library"
fi
stage dist-python "$(budget 60 5)" "$PYTHON" -c "
import os, sys, tempfile, torch, torch.distributed as dist
backend, device = sys.argv[1], sys.argv[2]
dist.init_process_group(backend, init_method='file://' + os.path.join(tempfile.mkdtemp(), 'rv'), rank=0, world_size=1)
t = torch.tensor([1.0, 2.0, 3.5], device=device); dist.all_reduce(t); dist.broadcast(t, 0)
m = torch.nn.parallel.DistributedDataParallel(torch.nn.Linear(4, 3).to(device))
torch.nn.functional.mse_loss(m(torch.randn(8, 4, device=device)), torch.randn(8, 3, device=device)).backward()
print('python', torch.__version__, backend, 'all_reduce', t.tolist(), 'DDP grad', tuple(m.module.weight.grad.shape), 'ok')
dist.destroy_process_group()" "$BACKEND" "$DEVICE"

# ---- 6. the summary
{
  echo "- total: $(( $(date +%s) - START ))s of ${DEVICE_CHECK_SECONDS:-540}s"
  echo
  echo "## Stages"
  echo
  echo "| stage | status | seconds |"
  echo "|---|---|---:|"
  printf '%s\n' "${STAGES[@]}"
  if [ -s "$WORK/build-errors.txt" ]; then
    echo; echo "## Build errors: $(grep -c ' error: ' "$WORK/build-errors.txt") in $(grep ' error: ' "$WORK/build-errors.txt" | cut -d: -f1 | sort -u | wc -l) files (the first 80 lines; logs.tar.gz has all)"
    echo; echo '```'; head -80 "$WORK/build-errors.txt"; echo '```'
  fi
  if [ -f "$LOGS/tsc.log" ] && grep -q 'error TS' "$LOGS/tsc.log"; then
    echo; echo "## tsc: $(grep -c 'error TS' "$LOGS/tsc.log") type errors (first 20)"; echo; echo '```'; grep 'error TS' "$LOGS/tsc.log" | head -20; echo '```'
  fi
  echo; echo "## OpInfo export"; echo; echo '```'; tail -n 5 "$LOGS/opinfo-export.log"; echo '```'
  if [ -f "$WORK/opinfo-summary.json" ]; then
    echo; echo "## OpInfo on $DEVICE tensors"; echo
    sed -n '/^| family/,/^| \*\*all/p' "$FIXTURES/opinfo/report.md"
    echo
    node -e '
      const s = require(process.argv[1]);
      console.log(`Crashes: ${s.crashes.length}${s.crashes.map((c) => "\n- " + c).join("")}\n`);
      const kinds = {};
      for (const f of s.failures) kinds[f.kind] = (kinds[f.kind] || 0) + 1;
      console.log("Failures by first reason: " + Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", "));
      console.log("Not run: " + Object.entries(s.notRun).map(([k, n]) => `${n} (${k})`).join("; "));
      console.log("\nEvery failing op with its reason: opinfo-report.md");' "$WORK/opinfo-summary.json"
  fi
  echo; echo "## torch.distributed, world size 1 ($BACKEND on $DEVICE)"; echo
  if [ -s "$WORK/dist.json" ]; then
    node -e '
      const r = require(process.argv[1]);
      console.log("available: " + JSON.stringify(r.available) + "\n");
      for (const c of r.checks) console.log(`- ${c.ok ? "ok" : "FAILED"} ${c.name} (${c.ms.toFixed(0)} ms)${c.detail ? ": " + c.detail : ""}`);' "$WORK/dist.json"
  else
    echo '```'; tail -n 5 "$LOGS/dist-torch-node.log" 2>/dev/null; echo '```'
  fi
  echo; echo "Python's own: $(tail -n 1 "$LOGS/dist-python.log")"
} >> "$SUMMARY"

cp "$SUMMARY" "$OUTDIR/summary.md"
[ -f "$FIXTURES/opinfo/report.md" ] && cp "$FIXTURES/opinfo/report.md" "$OUTDIR/opinfo-report.md"
[ -f "$WORK/opinfo-summary.json" ] && cp "$WORK/opinfo-summary.json" "$OUTDIR/"
[ -s "$WORK/dist.json" ] && cp "$WORK/dist.json" "$OUTDIR/"
tar -C "$WORK" -czf "$OUTDIR/logs.tar.gz" logs
cat "$SUMMARY"
