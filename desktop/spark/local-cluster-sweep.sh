#!/usr/bin/env bash
# Runs a gdx-rl sweep on a Spark standalone cluster started on this machine (one master, one
# worker, from the same Spark jars the gdx-rl build uses), submitted with spark-submit exactly as
# on a real cluster; then runs the same sweep embedded and compares every run's parameters.
#
#   desktop/spark/local-cluster-sweep.sh OUT SWEEP_ARGS...
#   e.g. desktop/spark/local-cluster-sweep.sh /tmp/cluster-demo --env cartpole --algo ppo \
#          --seeds 1-4 --steps 20000
#
# Writes OUT/cluster (the submitted sweep), OUT/embedded (the same sweep in-process) and
# OUT/logs (master, worker, executors). Exit status 0 when both sweeps succeeded and every run's
# parameter files are byte-identical. Env: WORKER_CORES (default: 2), WORKER_MEMORY (4g).
# For a real cluster see README "Sweeps on a cluster": the spark-submit line below is the one to
# use, with --master pointing at the cluster and OUT on a file system every executor can write.
set -euo pipefail

if (($# < 2)); then
  sed -n '2,15p' "$0" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
target="$root/desktop/target"
"$root/gdx-rl" --version >/dev/null # builds target/classes, target/lib and target/spark-lib

# A SPARK_HOME made of the build's jars: what a Spark distribution's jars/ folder holds.
home="$out/spark-home"
rm -rf "$home" && mkdir -p "$home/jars" "$out/logs"
ln -s "$target"/spark-lib/*.jar "$home/jars/"
for j in "$target"/lib/*.jar; do
  [[ -e "$home/jars/$(basename "$j")" ]] || ln -s "$j" "$home/jars/"
done
echo "Spark $(ls "$home/jars" | sed -n 's/^spark-core_2.13-\(.*\)\.jar$/\1/p') (local cluster)" > "$home/RELEASE"
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

# The JVM options Spark's own scripts pass on Java 17, and gdx-rl's (one PyTorch thread, offline).
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
gdx=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
daemon() { java "${opens[@]}" "${gdx[@]}" -cp "$home/jars/*" "$@"; }

port=$(( 17000 + RANDOM % 20000 ))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# the master's and worker's own notes (registration) at info, for the wait below and the logs
info=-Dorg.slf4j.simpleLogger.log.org.apache.spark.deploy=info
daemon "$info" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
  > "$out/logs/master.log" 2>&1 &
pids+=($!)
daemon "$info" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" --host 127.0.0.1 \
  --cores "${WORKER_CORES:-2}" --memory "${WORKER_MEMORY:-4g}" --webui-port 0 \
  --work-dir "$out/logs/work" > "$out/logs/worker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  grep -q "Successfully registered with master" "$out/logs/worker.log" 2>/dev/null && break
  sleep 1
done
grep -q "Successfully registered with master" "$out/logs/worker.log" \
  || { echo "local-cluster-sweep: the worker did not register (see $out/logs)" >&2; exit 1; }
echo "local-cluster-sweep: master spark://127.0.0.1:$port, one worker (${WORKER_CORES:-2} cores)" >&2

# The application: gdx-rl's desktop jar, with its own runtime jars shipped by --jars (a cluster
# brings Spark itself, and Spark adds its Java 17 module options to executors by itself). This is
# the spark-submit of README "Sweeps on a cluster".
jars="$(ls "$target"/lib/*.jar | paste -sd, -)"
app="$(ls "$target"/gdx-rl-desktop-*.jar | head -1)"
rm -rf "$out/cluster" "$out/embedded"
set +e
daemon org.apache.spark.deploy.SparkSubmit \
  --master "spark://127.0.0.1:$port" --deploy-mode client \
  --class dev.gdxrl.desktop.cli.Main \
  --jars "$jars" \
  --conf "spark.executor.extraJavaOptions=${gdx[*]}" \
  --conf spark.task.maxFailures=2 \
  "$app" sweep "$@" --out "$out/cluster"
cluster=$?
"$root/gdx-rl" sweep "$@" --out "$out/embedded"
embedded=$?
set -e
echo "local-cluster-sweep: cluster sweep status $cluster, embedded sweep status $embedded" >&2

same=0; total=0
for d in "$out"/embedded/*/; do
  id="$(basename "$d")"
  for f in "$d"*.params; do
    [[ -e "$f" ]] || continue
    total=$((total + 1))
    if cmp -s "$f" "$out/cluster/$id/$(basename "$f")"; then
      same=$((same + 1))
    else
      echo "local-cluster-sweep: $id/$(basename "$f") differs" >&2
    fi
  done
done
echo "local-cluster-sweep: same parameters in $same of $total parameter files"
[[ $cluster -eq 0 && $embedded -eq 0 && $same -eq $total && $total -gt 0 ]]
