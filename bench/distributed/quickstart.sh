#!/usr/bin/env bash
# The quickstart's search (examples/quickstart/.penguinrc.json) on 1 agent, then on 2 agents, each through a local
# redis-server, 2 trials queued at once in both; prints each run's wall time and best trial. Needs `npm run build` and redis-server.
#   bash bench/distributed/quickstart.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
penguin="node $root/packages/cli/dist/bin.js"
work="$(mktemp -d)"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" &
redis_pid=$!
agents=()
cleanup() {
  for pid in "${agents[@]}"; do kill "$pid" 2>/dev/null || true; done
  kill "$redis_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
sleep 1
cp "$root/examples/quickstart/.penguinrc.json" "$work/config.json"
node -e "const f=process.argv[1];const c=JSON.parse(require('fs').readFileSync(f));delete c.\$schema;c.concurrency=2;require('fs').writeFileSync(f,JSON.stringify(c))" "$work/config.json"
for n in 1 2; do
  for i in $(seq "$n"); do
    $penguin agent --redis "redis://127.0.0.1:$port" 2>>"$work/agents-$n.log" &
    agents+=($!)
  done
  start=$(date +%s.%N)
  (cd "$root/examples/quickstart" && $penguin run --config "$work/config.json" --redis "redis://127.0.0.1:$port" \
    --out "$work/run-$n" --json >"$work/summary-$n.json" 2>"$work/run-$n.err") || { cat "$work/run-$n.err"; exit 1; }
  end=$(date +%s.%N)
  best=$(node -e "const s=require('$work/summary-$n.json'); console.log(s.best ? s.best.id + ' ' + JSON.stringify(s.best.fitness) : 'none')")
  echo "agents $n: wall $(echo "$end - $start" | bc) s, best $best"
  for pid in "${agents[@]}"; do kill "$pid" 2>/dev/null || true; done
  agents=()
done
