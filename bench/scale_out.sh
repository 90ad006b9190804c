#!/usr/bin/env bash
# Scale-out without Docker: app replicas behind Debian's nginx on loopback, configured from
# deploy/nginx.conf. Runs the light load client (bench/load.py) through the proxy against 1 replica,
# then (after an nginx reload with a second upstream server) against 2, and prints the throughput
# of each. Also checks the proxy's headers, the route cookie, and that every visitor stayed on one
# replica. Installs nginx-light with apt-get if nginx is missing (needs root). Stops everything it
# started on exit. Ports: replicas 8642 and 8643, proxy 8650.
set -euo pipefail
cd "$(dirname "$0")/.."

SESSIONS="${SESSIONS:-50}"   # concurrent light sessions
VIEWS="${VIEWS:-2}"          # page views per session
REPLICA_PORTS=(8642 8643)
PROXY_PORT=8650
PYTHON=.venv/bin/python

# --- nginx, installed once -------------------------------------------------------------------
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "nginx not found: installing Debian's nginx-light with apt-get…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nginx-light >/dev/null
  else
    echo "error: nginx is required. Install it as root with: apt-get install -y nginx-light" >&2
    exit 1
  fi
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

WORK="$(mktemp -d /tmp/scale-out.XXXXXX)"
chmod 755 "$WORK"  # nginx workers run as an unprivileged user when started by root
APP_PIDS=()
cleanup() {
  if [ -f "$WORK/nginx.pid" ]; then
    kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  fi
  for pid in "${APP_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${APP_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# --- replicas --------------------------------------------------------------------------------
for port in "${REPLICA_PORTS[@]}"; do
  STREAMLIT_BROWSER_GATHER_USAGE_STATS=false "$PYTHON" -m streamlit run app.py \
    --server.port "$port" >"$WORK/app-$port.log" 2>&1 &
  APP_PIDS+=("$!")
done
for port in "${REPLICA_PORTS[@]}"; do
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/_stcore/health" >/dev/null 2>&1 && break
    sleep 0.3
  done
  curl -fs "http://127.0.0.1:$port/_stcore/health" >/dev/null || { echo "replica $port did not start" >&2; exit 1; }
done
# Warm each replica directly (imports, data loading), so neither run pays for a cold start.
for port in "${REPLICA_PORTS[@]}"; do
  "$PYTHON" bench/load.py light --app-url "http://127.0.0.1:$port" --no-baseline --waves 0 >/dev/null
done

# --- nginx config generated from deploy/nginx.conf -------------------------------------------
site_conf() {  # site_conf PORT... : the template with loopback listen and one server line per port
  awk -v listen="127.0.0.1:$PROXY_PORT" -v ports="$*" '
    /^[[:space:]]*listen 8080;/ { print "    listen " listen ";"; done_listen = 1; next }
    /^[[:space:]]*server app:8501/ {
      n = split(ports, p, " ")
      for (i = 1; i <= n; i++) print "    server 127.0.0.1:" p[i] " max_fails=3 fail_timeout=10s;"
      done_server = 1; next
    }
    { print }
    END { if (!done_listen || !done_server) { print "template lines not found" > "/dev/stderr"; exit 1 } }
  ' deploy/nginx.conf
}
cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 1024; }
http {
    log_format route '\$cookie_st_route \$upstream_addr \$status \$uri';
    access_log $WORK/access.log route;
    client_body_temp_path $WORK/body;
    proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi;
    scgi_temp_path $WORK/scgi;
    include $WORK/site.conf;
}
EOF
site_conf "${REPLICA_PORTS[0]}" >"$WORK/site.conf"
"$NGINX" -t -q -e "$WORK/error.log" -p "$WORK" -c "$WORK/nginx.conf"
"$NGINX" -e "$WORK/error.log" -p "$WORK" -c "$WORK/nginx.conf"
PROXY="http://127.0.0.1:$PROXY_PORT"
for _ in $(seq 1 50); do curl -fs "$PROXY/_stcore/health" >/dev/null 2>&1 && break; sleep 0.2; done

# --- proxy checks ----------------------------------------------------------------------------
headers="$(curl -fsS -D - -o /dev/null "$PROXY/")"
for expected in "Content-Security-Policy: frame-ancestors 'self'" "X-Frame-Options: SAMEORIGIN" \
  "X-Content-Type-Options: nosniff" "Set-Cookie: st_route="; do
  grep -qiF "$expected" <<<"$headers" || { echo "proxy response lacks: $expected" >&2; exit 1; }
done
again="$(curl -fsS -D - -o /dev/null -H 'Cookie: st_route=returning-visitor' "$PROXY/")"
if grep -qi "Set-Cookie: st_route=" <<<"$again"; then
  echo "proxy set the route cookie again for a visitor who has one" >&2; exit 1
fi
echo "proxy headers ok: frame-ancestors, X-Frame-Options, nosniff; route cookie set once"

# --- load: 1 replica, then 2 -----------------------------------------------------------------
run_load() {  # run_load REPLICAS PIDS
  echo
  echo "== through nginx, $1 replica(s): $SESSIONS concurrent light sessions × $VIEWS views =="
  "$PYTHON" bench/load.py light --app-url "$PROXY" --no-baseline --sessions "$SESSIONS" \
    --views "$VIEWS" --waves 1 --rss-pids "$2" | tee "$WORK/load-$1.txt" | grep -v '^warm-up'
}
run_load 1 "${APP_PIDS[0]}"
site_conf "${REPLICA_PORTS[@]}" >"$WORK/site.conf"
"$NGINX" -t -q -e "$WORK/error.log" -p "$WORK" -c "$WORK/nginx.conf"
"$NGINX" -e "$WORK/error.log" -p "$WORK" -c "$WORK/nginx.conf" -s reload
sleep 2  # let the old worker finish and the new one take over
: >"$WORK/access.log"
run_load 2 "${APP_PIDS[0]},${APP_PIDS[1]}"

# --- stickiness: every route cookie reached exactly one replica; both replicas served -------
awk '$4 == "/_stcore/stream" && $1 != "-" { seen[$1 " " $2] = 1; cookies[$1] = 1; replicas[$2]++ }
  END {
    for (pair in seen) { split(pair, f, " "); per[f[1]]++ }
    split_visitors = 0; for (c in per) if (per[c] > 1) split_visitors++
    n = 0; for (c in cookies) n++
    printf "stickiness: %d visitors, %d split across replicas; WebSocket sessions per replica:", n, split_visitors
    used = 0; for (r in replicas) { printf " %s=%d", r, replicas[r]; used++ }
    print ""
    if (split_visitors > 0 || used < 2) exit 1
  }' "$WORK/access.log"

one="$(awk '/^  app / { for (i = 1; i <= NF; i++) if ($i == "views/s") print $(i - 1) }' "$WORK/load-1.txt")"
two="$(awk '/^  app / { for (i = 1; i <= NF; i++) if ($i == "views/s") print $(i - 1) }' "$WORK/load-2.txt")"
echo
echo "throughput through nginx: 1 replica $one views/s, 2 replicas $two views/s ($(nproc) cores)"
