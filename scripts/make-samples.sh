#!/usr/bin/env bash
# Regenerate samples/ from real, throw-away PostgreSQL servers (Debian/Ubuntu, run as root).
#
#   bash scripts/make-samples.sh                 # everything (about 8-9 minutes)
#   bash scripts/make-samples.sh prefixes poor   # only some folders
#   bash scripts/make-samples.sh off-outage      # the Open Food France-style outage (about 4 minutes)
#
# Sections: main prefixes prefix-change timezone archive syslog heroku poor bench off-outage.
# Never part of the test suite: tests read the committed files only. The script owns
# samples/README.md and samples/{run-main,prefixes,prefix-change,timezone,archive,syslog,heroku,
# poor-logging,bench-seed,off-outage}/ and rewrites exactly those; anything else under samples/ is left alone.
# samples/README.md (the index) is rewritten when at least one section other than off-outage runs.
# Nothing is masked: these are the logs exactly as the server wrote them.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HELPERS=$REPO/scripts/samples
SAMPLES=$REPO/samples
ALL_SECTIONS=(main prefixes prefix-change timezone archive syslog heroku poor bench off-outage)
declare -A SECTION_DIR=([main]=run-main [prefixes]=prefixes [prefix-change]=prefix-change [timezone]=timezone [archive]=archive
  [syslog]=syslog [heroku]=heroku [poor]=poor-logging [bench]=bench-seed [off-outage]=off-outage)
SECTIONS=("$@")
((${#SECTIONS[@]})) || SECTIONS=("${ALL_SECTIONS[@]}")
T_START=$SECONDS

log() { printf '[make-samples %3ds] %s\n' $((SECONDS - T_START)) "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
want() { local s; for s in "${SECTIONS[@]}"; do [[ $s == "$1" ]] && return 0; done; return 1; }
for s in "${SECTIONS[@]}"; do [[ -n ${SECTION_DIR[$s]:-} ]] || die "unknown section '$s' (known: ${ALL_SECTIONS[*]})"; done

# ---------------------------------------------------------------------------------------------
# Prerequisites
# ---------------------------------------------------------------------------------------------
[[ $EUID -eq 0 ]] || die "run as root: initdb/pg_ctl run as the postgres user through runuser"
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
apt_install() { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
missing=()
[[ -n $(pg_bindir) ]] || missing+=(postgresql postgresql-contrib)
command -v zip >/dev/null || missing+=(zip)
command -v bzip2 >/dev/null || missing+=(bzip2)
if ((${#missing[@]})); then log "installing ${missing[*]}"; apt_install "${missing[@]}"; fi
if { want syslog || want heroku; } && ! command -v rsyslogd >/dev/null; then
  log "installing rsyslog"; apt_install rsyslog || log "rsyslog could not be installed"
fi
PGBIN=$(pg_bindir)
PG_VERSION=$("$PGBIN/postgres" --version)
PG_MAJOR=$(sed -E 's/^[^0-9]*([0-9]+).*/\1/' <<<"$PG_VERSION")
((PG_MAJOR >= 15)) || die "need PostgreSQL >= 15 for jsonlog, found: $PG_VERSION"
id postgres >/dev/null 2>&1 || die "no postgres user (is the postgresql package installed?)"

# Our clients must not pick up anything from the caller's environment.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGPASSFILE PGOPTIONS PGAPPNAME \
  PGSERVICE PGSERVICEFILE PGTZ PGDATESTYLE PGCLIENTENCODING PGTARGETSESSIONATTRS || true
export PGSSLMODE=disable PGGSSENCMODE=disable PGCONNECT_TIMEOUT=10 LC_ALL=C.UTF-8 TZ=UTC

WORK=$(mktemp -d /tmp/pgautopsy-samples.XXXXXX)
chmod 755 "$WORK"
OUT=$WORK/out        # the new samples/ content, swapped in at the very end
CL=$WORK/clients     # client-side outputs (pids, errors) that become ground truth
mkdir -p "$OUT" "$CL"
install -d -o postgres -g postgres "$WORK/pg" "$WORK/logs"

DATA=""           # data directory of the server currently running (if any)
RSYSLOG_PID=""
CREATED_DEV_LOG=""
cleanup() {
  local rc=$?
  if [[ -n $DATA && -f $DATA/postmaster.pid ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n $RSYSLOG_PID ]]; then kill "$RSYSLOG_PID" 2>/dev/null || true; fi
  if [[ -n $CREATED_DEV_LOG && -S /dev/log ]]; then rm -f /dev/log; fi
  local j; for j in $(jobs -p); do kill "$j" 2>/dev/null || true; done
  if ((rc == 0)); then rm -rf "$WORK"; else log "failed (exit $rc); work directory kept: $WORK"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# Small helpers: time, JSON, markdown
# ---------------------------------------------------------------------------------------------
utc_now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
jstr() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\t'/\\t}; s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}
num() { if [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; then printf '%s' "$1"; else printf 'null'; fi; }
# obj KEY JSON [KEY JSON ...] / arr JSON ... : values must already be JSON.
obj() { local out="{" sep=""; while (($#)); do out+="$sep$(jstr "$1"): $2"; sep=", "; shift 2; done; printf '%s}' "$out"; }
arr() { local out="[" sep="" v; for v in "$@"; do out+="$sep$v"; sep=", "; done; printf '%s]' "$out"; }
nums() { local a=() v; for v in "$@"; do a+=("$(num "$v")"); done; arr "${a[@]}"; }
strs() { local a=() v; for v in "$@"; do a+=("$(jstr "$v")"); done; arr "${a[@]}"; }
# write_json FILE PAIRS... : object from '"key": value' strings, pretty-printed by node when available.
write_json() {
  local file=$1; shift
  local body sep="" p
  body="{"; for p in "$@"; do body+="$sep"$'\n'"  $p"; sep=","; done; body+=$'\n'"}"
  if command -v node >/dev/null; then
    node -e 'const s=require("fs").readFileSync(0,"utf8");process.stdout.write(JSON.stringify(JSON.parse(s),null,2)+"\n")' \
      <<<"$body" >"$file" || die "invalid JSON for $file"
  else
    printf '%s\n' "$body" >"$file"
  fi
}
pair() { printf '%s: %s' "$(jstr "$1")" "$2"; }

# ---------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------
as_pg() { runuser -u postgres -- "$@"; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p
  for p in $(seq 54329 54499); do port_free "$p" && [[ ! -e $WORK/pg/.s.PGSQL.$p ]] && { echo "$p"; return; }; done
  die "no free TCP port in 54329-54499"
}

# init_cluster DIR: initdb, a private socket folder, a spare port, our pg_hba.conf.
init_cluster() {
  DATA=$1
  SOCK=$DATA-sock
  install -d -o postgres -g postgres -m 755 "$SOCK"
  as_pg "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DATA.initdb.log" 2>&1 ||
    die "initdb failed, see $DATA.initdb.log"
  PORT=$(pick_port)
  # Order matters: the first matching line decides. Nonexistent roles "ghost" (trust line) and
  # "phantom" (scram line) fail differently; "app" has no line for database "analytics".
  cat >"$DATA/pg_hba.conf" <<'EOF'
# TYPE  DATABASE        USER       ADDRESS        METHOD
local   all             all                       trust
host    all             postgres   127.0.0.1/32   trust
host    all             reporting  127.0.0.1/32   md5
host    all             intruder   127.0.0.1/32   reject
host    shop            ghost      127.0.0.1/32   trust
host    shop,bench      all        127.0.0.1/32   scram-sha-256
EOF
  chown postgres:postgres "$DATA/pg_hba.conf"
}

base_conf() {
  cat <<EOF

# ---- scripts/make-samples.sh ----
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCK'
max_connections = 20
superuser_reserved_connections = 3
shared_buffers = '32MB'
password_encryption = 'scram-sha-256'
timezone = 'UTC'
logging_collector = on
log_filename = 'postgresql-%Y-%m-%d_%H%M%S.log'
log_file_mode = 0644
log_rotation_age = 0
log_rotation_size = 0
EOF
}

pg_start() {
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -w -t 120 -l "$DATA.pg_ctl.log" start >/dev/null ||
    die "server did not start, see $DATA.pg_ctl.log and its log directory"
  PM_PID=$(head -n1 "$DATA/postmaster.pid")
}
pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$DATA" -w -t 120 -m "${1:-fast}" stop >/dev/null; }
pg_wait_ready() {
  local i; for i in $(seq 1 300); do "$PGBIN/pg_isready" -q -h "$SOCK" -p "$PORT" -U postgres -d postgres && return 0; sleep 0.2; done
  die "server not ready after 30 s"
}

# Client backends of the running postmaster, from their process titles (no extra connection).
client_backends() {
  ps -o args= --ppid "$PM_PID" 2>/dev/null | grep -cE '^postgres: [^ ]+ [^ ]+ (\[local\]|[0-9.]+\()' || true
}
wait_quiet() {
  local i; for i in $(seq 1 300); do (($(client_backends) == 0)) && { sleep 0.3; return 0; }; sleep 0.1; done
  log "warning: client backends still running: $(ps -o args= --ppid "$PM_PID" | grep -c 'postgres: .*(' || true)"
}
# The log files the collector writes to right now (relative to DATA unless absolute).
cur_log() {
  local p; p=$(awk -v k="${1:-stderr}" '$1 == k { print $2 }' "$DATA/current_logfiles" 2>/dev/null)
  [[ -z $p ]] && return 0
  [[ $p == /* ]] && echo "$p" || echo "$DATA/$p"
}
# Same as SELECT pg_rotate_logfile(), but without a client connection showing up in the logs.
rotate_log() {
  local before i; before=$(cur_log)
  sleep 1.1 # log_filename has one-second resolution
  as_pg "$PGBIN/pg_ctl" -D "$DATA" logrotate >/dev/null
  for i in $(seq 1 100); do [[ $(cur_log) != "$before" ]] && return 0; sleep 0.1; done
  die "log rotation did not happen"
}
# copy_trio STDERR_FILE DEST_BASENAME: copies the .log and its .csv/.json siblings.
copy_trio() {
  local base=${1%.log} dest=$2 ext
  for ext in log csv json; do [[ -f $base.$ext ]] && cp "$base.$ext" "$dest.$ext"; done
  return 0
}
wait_for_log() { # wait_for_log FILE REGEX TIMEOUT_S
  local i; for i in $(seq 1 $(($3 * 5))); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}

# ---------------------------------------------------------------------------------------------
# Clients. All TCP clients connect to 127.0.0.1 (so "connection received: host=" has an
# address); the operator uses the unix socket ([local]).
# ---------------------------------------------------------------------------------------------
APP_PW='app-secret-pw'
REPORTING_PW='reporting-pw'
pw_for() { case $1 in app) echo "$APP_PW" ;; reporting) echo "$REPORTING_PW" ;; *) echo "" ;; esac; }
cli() { # cli APPNAME USER DB [psql args...]
  local app=$1 user=$2 db=$3; shift 3
  PGAPPNAME=$app PGPASSWORD=$(pw_for "$user") "$PGBIN/psql" -X -q -At -w -h 127.0.0.1 -p "$PORT" -U "$user" -d "$db" "$@"
}
op() { PGAPPNAME=psql "$PGBIN/psql" -X -q -At -w -h "$SOCK" -p "$PORT" -U postgres -d "${OPDB:-shop}" "$@"; }
pgb() { # pgb APPNAME USER DB [pgbench args...]
  local app=$1 user=$2 db=$3; shift 3
  PGAPPNAME=$app PGPASSWORD=$(pw_for "$user") "$PGBIN/pgbench" -h 127.0.0.1 -p "$PORT" -U "$user" "$@" "$db"
}
# bg_sql TAG APPNAME USER DB SQL: run a script in the background; stdout/stderr kept under $CL.
bg_sql() {
  local tag=$1 app=$2 user=$3 db=$4 sql=$5
  printf '%s\n' "$sql" | cli "$app" "$user" "$db" -f - >"$CL/$tag.out" 2>"$CL/$tag.err" &
  BG_PID=$!
}
got() { sed -n "s/^$2=//p" "$CL/$1.out" 2>/dev/null | head -n1; }
errs() { grep -Eo '(ERROR|FATAL):  .*' "$CL/$1.err" 2>/dev/null | head -n1 || true; }
# wait_started TAG: until the client printed pid=... (connected) or failed.
wait_started() {
  local i; for i in $(seq 1 200); do
    [[ -n $(got "$1" pid) ]] && return 0
    [[ -s $CL/$1.err ]] && return 1
    sleep 0.05
  done
  return 1
}
PID_SQL="SELECT 'pid=' || pg_backend_pid();"
XID_SQL="SELECT 'xid=' || txid_current();"

# deadlock2 TAG APP_A APP_B A1 A2 B1 B2 SLEEP_A OFFSET_B SLEEP_B
# A takes its first lock, sleeps, then wants B's; B starts OFFSET_B later and asks for A's
# lock only after A's deadlock check has run, so B is always the one that detects the cycle
# (the victim) and A is the survivor. Sets DL_JSON.
deadlock2() {
  local tag=$1 app_a=$2 app_b=$3 a1=$4 a2=$5 b1=$6 b2=$7 sa=$8 ob=$9 sb=${10}
  bg_sql "$tag-a" "$app_a" app shop "BEGIN;
$PID_SQL
$a1
$XID_SQL
SELECT pg_sleep($sa);
$a2
COMMIT;"
  local ja=$BG_PID
  sleep "$ob"
  bg_sql "$tag-b" "$app_b" app shop "BEGIN;
$PID_SQL
$b1
$XID_SQL
SELECT pg_sleep($sb);
$b2
COMMIT;"
  local jb=$BG_PID
  wait "$ja" || true; wait "$jb" || true
  local pa pb xa xb victim="" survivor=""
  pa=$(got "$tag-a" pid); pb=$(got "$tag-b" pid); xa=$(got "$tag-a" xid); xb=$(got "$tag-b" xid)
  if grep -q 'deadlock detected' "$CL/$tag-b.err"; then victim=$pb; survivor=$pa
  elif grep -q 'deadlock detected' "$CL/$tag-a.err"; then victim=$pa; survivor=$pb
  else log "warning: $tag produced no deadlock"; fi
  DL_JSON=$(obj kind "$(jstr "$tag")" pids "$(nums "$pa" "$pb")" xids "$(nums "$xa" "$xb")" \
    apps "$(strs "$app_a" "$app_b")" victim_pid "$(num "$victim")" survivor_pid "$(num "$survivor")" \
    statements "$(strs "$a1 / $a2" "$b1 / $b2")")
  DL_MD="$tag: pids $pa ($app_a) and $pb ($app_b), victim $victim, survivor $survivor"
}

# lock_wait TAG HOLDER_APP WAITER_APP ROW HOLD_S WAITER_SETUP: holder updates an orders row and
# sleeps; the waiter updates the same row (optionally after SET ... for a timeout).
lock_wait_start() {
  local tag=$1 happ=$2 wapp=$3 row=$4 hold=$5 wsetup=$6
  bg_sql "$tag-holder" "$happ" app shop "BEGIN;
$PID_SQL
UPDATE orders SET status = 'processing' WHERE id = $row;
$XID_SQL
SELECT pg_sleep($hold);
COMMIT;"
  LW_HOLDER_JOB=$BG_PID
  sleep 0.3
  bg_sql "$tag-waiter" "$wapp" app shop "$wsetup
$PID_SQL
UPDATE orders SET status = 'shipped' WHERE id = $row;"
  LW_WAITER_JOB=$BG_PID
}
lock_wait_json() { # lock_wait_json TAG OUTCOME
  obj holder_pid "$(num "$(got "$1-holder" pid)")" holder_xid "$(num "$(got "$1-holder" xid)")" \
    waiter_pid "$(num "$(got "$1-waiter" pid)")" outcome "$(jstr "$2")" waiter_error "$(jstr "$(errs "$1-waiter")")"
}

setup_roles_and_schema() {
  OPDB=postgres op -v ON_ERROR_STOP=1 <<EOF
CREATE ROLE app LOGIN PASSWORD '$APP_PW';
SET password_encryption = 'md5';
CREATE ROLE reporting LOGIN PASSWORD '$REPORTING_PW' CONNECTION LIMIT 1;
RESET password_encryption;
CREATE ROLE intruder LOGIN;
CREATE DATABASE shop OWNER app;
CREATE DATABASE analytics;
EOF
  cli rails_migration app shop -v ON_ERROR_STOP=1 -f "$HELPERS/schema.sql" >/dev/null
  pgb rails_migration app shop -i -s 1 -q >"$CL/pgbench-init-$(basename "$DATA").log" 2>&1 || die "pgbench -i failed"
}

# =============================================================================================
# Main run: one server, ten scenarios, each in its own stderr/csv/json trio.
# =============================================================================================
MAIN_PREFIX='%m [%p] %q[user=%u,db=%d,app=%a,client=%h,xid=%x,sess=%c,line=%l] '
TRUTH=()     # '"scenario": {...}' pairs for run-main/truth.json
MD=()        # lines for run-main/TRUTH.md
SC=""; SC_T0=""
sc_begin() { SC=$1; SC_T0=$(utc_now); log "main: $SC"; MD+=("" "## $SC" ""); }
sc_end() { # sc_end [KEY JSON ...]: waits for clients to leave, rotates, copies the trio.
  wait_quiet
  local t1 f; t1=$(utc_now); f=$(cur_log)
  rotate_log
  copy_trio "$f" "$OUT/run-main/$SC"
  TRUTH+=("$(pair "$SC" "$(obj files "$(strs "$SC.log" "$SC.csv" "$SC.json")" window_utc "$(strs "$SC_T0" "$t1")" "$@")")")
}
md() { MD+=("$@"); }

run_main() {
  mkdir -p "$OUT/run-main"
  init_cluster "$WORK/pg/main"
  { base_conf; cat <<EOF
log_destination = 'stderr,csvlog,jsonlog'
log_directory = 'log'
log_line_prefix = '$MAIN_PREFIX'
log_timezone = 'UTC'
log_lock_waits = on
deadlock_timeout = '200ms'
log_min_duration_statement = '50ms'
log_connections = on
log_disconnections = on
log_temp_files = 0
log_autovacuum_min_duration = 0
log_checkpoints = on
log_statement = 'ddl'
log_error_verbosity = default
autovacuum_naptime = '1s'
EOF
  } >>"$DATA/postgresql.conf"
  local pm_pids=()

  # -- 00 -------------------------------------------------------------------------------------
  sc_begin 00-setup
  pg_start; pm_pids+=("$PM_PID")
  setup_roles_and_schema
  local oids
  oids=$(op -c "SELECT json_build_object(
      'database_oids', (SELECT json_object_agg(datname, oid::bigint ORDER BY oid) FROM pg_database),
      'relation_oids', (SELECT json_object_agg(c.oid::text, c.relname ORDER BY c.oid) FROM pg_class c
                        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 'S')))")
  md "Server started (postmaster pid $PM_PID); roles app (scram), reporting (md5, CONNECTION LIMIT 1), intruder;" \
    "databases shop (owner app) and analytics; schema from scripts/samples/schema.sql; pgbench -i -s 1." \
    "Object ids (lock messages print relation/database OIDs): \`$oids\`"
  sc_end postmaster_pid "$(num "$PM_PID")" catalog "$oids"

  # -- 01 -------------------------------------------------------------------------------------
  sc_begin 01-deadlock-2proc
  local d1 d2 d3
  deadlock2 rows puma delayed_job \
    "UPDATE accounts SET balance = balance - 10 WHERE id = 1;" "UPDATE accounts SET balance = balance + 10 WHERE id = 2;" \
    "UPDATE accounts SET balance = balance - 5 WHERE id = 2;" "UPDATE accounts SET balance = balance + 5 WHERE id = 1;" \
    1.0 0.4 1.4
  d1=$DL_JSON; md "- Deterministic row deadlock (ShareLock on transaction) — $DL_MD"
  deadlock2 advisory delayed_job delayed_job \
    "SELECT pg_advisory_xact_lock(1001);" "SELECT pg_advisory_xact_lock(1002);" \
    "SELECT pg_advisory_xact_lock(1002);" "SELECT pg_advisory_xact_lock(1001);" 1.0 0.4 1.4
  d2=$DL_JSON; md "- Advisory-lock deadlock (keys 1001/1002) — $DL_MD"
  deadlock2 tables rails_migration delayed_job \
    "LOCK TABLE delayed_jobs IN SHARE ROW EXCLUSIVE MODE;" "LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;" \
    "UPDATE orders SET status = 'paid' WHERE id = 10;" "UPDATE delayed_jobs SET attempts = attempts + 1 WHERE id = 1;" \
    1.0 0.4 1.4
  d3=$DL_JSON; md "- Relation-lock deadlock (LOCK TABLE vs UPDATE) — $DL_MD"
  # Burst: 4 clients moving money between 4 hot accounts in random order; pgbench retries.
  pgb puma app shop -n -c 4 -j 2 -T 4 --max-tries=5 --failures-detailed --verbose-errors \
    -f "$HELPERS/deadlock-burst.pgbench" >"$CL/burst.out" 2>&1 || true
  # Count the errors pgbench's clients received: its retry counter misses deadlocks hit
  # when -T runs out (those transactions are neither retried nor counted as failed).
  local retries failed txs seen
  seen=$(grep -c 'ERROR:  deadlock detected' "$CL/burst.out" || true)
  retries=$(sed -n 's/^total number of retries: \([0-9]*\).*/\1/p' "$CL/burst.out")
  failed=$(sed -n 's/^number of deadlock failures: \([0-9]*\).*/\1/p' "$CL/burst.out")
  txs=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$CL/burst.out")
  md "- pgbench burst (app puma, scripts/samples/deadlock-burst.pgbench, -c 4 -j 2 -T 4 --max-tries=5 --verbose-errors):" \
    "  $txs transactions; the clients received $seen \`deadlock detected\` errors (pgbench reported $retries retries," \
    "  ${failed:-0} deadlock failures; deadlocks in the last moments of -T are neither). Each error is one deadlock." \
    "- So the file holds $((3 + seen)) \`ERROR:  deadlock detected\` entries in total."
  sc_end deterministic "$(arr "$d1" "$d2" "$d3")" \
    burst "$(obj app '"puma"' transactions "$(num "$txs")" retries "$(num "$retries")" deadlock_failures "$(num "${failed:-0}")" \
      deadlock_errors_seen_by_clients "$(num "$seen")")" \
    deadlock_errors_expected_total "$(num $((3 + seen)))"

  # -- 02 -------------------------------------------------------------------------------------
  sc_begin 02-deadlock-3proc
  # A: row 7 then 8; B (0.5 s later): row 8 then 9; C (1.0 s): row 9 then 7. Each waits only after
  # the previous one's deadlock check ran, so C closes the cycle and is the victim.
  local j1 j2 j3 i tags=(dl3-a dl3-b dl3-c) apps=(puma delayed_job puma) rows=(7 8 9 7)
  for i in 0 1 2; do
    bg_sql "${tags[$i]}" "${apps[$i]}" app shop "BEGIN;
$PID_SQL
UPDATE accounts SET balance = balance - 1 WHERE id = ${rows[$i]};
$XID_SQL
SELECT pg_sleep(1.2);
UPDATE accounts SET balance = balance + 1 WHERE id = ${rows[$((i + 1))]};
COMMIT;"
    eval "j$((i + 1))=\$BG_PID"
    if ((i < 2)); then sleep 0.5; fi
  done
  wait "$j1" || true; wait "$j2" || true; wait "$j3" || true
  local p3=() x3=() v3=""
  for i in 0 1 2; do
    p3+=("$(got "${tags[$i]}" pid)"); x3+=("$(got "${tags[$i]}" xid)")
    grep -q 'deadlock detected' "$CL/${tags[$i]}.err" && v3=${p3[$i]}
  done
  md "- Cycle A→B→C→A over accounts rows 7, 8, 9: A=${p3[0]} (puma, xid ${x3[0]}), B=${p3[1]} (delayed_job, xid ${x3[1]}), C=${p3[2]} (puma, xid ${x3[2]})." \
    "- Victim: $v3 (expected C). A and B log 'still waiting' then 'acquired' after the victim rolls back."
  sc_end pids "$(nums "${p3[@]}")" xids "$(nums "${x3[@]}")" apps '["puma", "delayed_job", "puma"]' \
    waits_for "$(obj "${p3[0]:-A}" "$(num "${p3[1]}")" "${p3[1]:-B}" "$(num "${p3[2]}")" "${p3[2]:-C}" "$(num "${p3[0]}")")" \
    victim_pid "$(num "$v3")"

  # -- 03 -------------------------------------------------------------------------------------
  sc_begin 03-lock-waits
  # Phase 1 (concurrent, one orders row each): acquired / lock_timeout / statement_timeout / cancel.
  lock_wait_start lw-acquired delayed_job puma 1 1.5 ""; local a1=$LW_HOLDER_JOB a2=$LW_WAITER_JOB
  lock_wait_start lw-locktimeout delayed_job puma 2 2.5 "SET lock_timeout = '1s';"; local b1=$LW_HOLDER_JOB b2=$LW_WAITER_JOB
  lock_wait_start lw-stmttimeout delayed_job puma 3 2.5 "SET statement_timeout = '1s';"; local c1=$LW_HOLDER_JOB c2=$LW_WAITER_JOB
  lock_wait_start lw-cancel delayed_job puma 5 2.5 ""; local e1=$LW_HOLDER_JOB e2=$LW_WAITER_JOB
  wait_started lw-cancel-waiter || true
  sleep 1.0
  local cancel_pid; cancel_pid=$(got lw-cancel-waiter pid)
  op -c "SELECT pg_cancel_backend($cancel_pid)" >/dev/null
  for i in $a1 $a2 $b1 $b2 $c1 $c2 $e1 $e2; do wait "$i" || true; done
  # Phase 2: terminate the holder (two waiters queue behind it) and a lock queue behind DDL.
  bg_sql term-holder delayed_job app shop "BEGIN;
$PID_SQL
UPDATE orders SET status = 'processing' WHERE id = 4;
$XID_SQL
SELECT pg_sleep(30);
COMMIT;"
  local th=$BG_PID
  bg_sql ddl-holder delayed_job app shop "BEGIN;
$PID_SQL
UPDATE accounts SET balance = balance WHERE id = 20;
$XID_SQL
SELECT pg_sleep(2.5);
COMMIT;"
  local dh=$BG_PID
  wait_started term-holder || true; wait_started ddl-holder || true
  bg_sql term-w1 puma app shop "$PID_SQL
UPDATE orders SET status = 'cancelled' WHERE id = 4;"
  local tw1=$BG_PID
  bg_sql ddl-migration rails_migration app shop "$PID_SQL
ALTER TABLE accounts ADD COLUMN last_seen_at timestamptz;"
  local dm=$BG_PID
  sleep 0.3
  bg_sql term-w2 puma app shop "$PID_SQL
UPDATE orders SET status = 'refunded' WHERE id = 4;"
  local tw2=$BG_PID
  bg_sql ddl-select1 puma app shop "$PID_SQL
SELECT count(*) FROM accounts;"
  local ds1=$BG_PID
  bg_sql ddl-select2 puma app shop "$PID_SQL
SELECT id, email FROM accounts WHERE id = 20;"
  local ds2=$BG_PID
  sleep 1.0
  local w1pid; w1pid=$(got term-w1 pid)
  # The operator looks up who blocks the first waiter and terminates it.
  op -c "SELECT 'terminated=' || pid || ':' || pg_terminate_backend(pid) FROM unnest(pg_blocking_pids($w1pid)) AS pid" >"$CL/term-op.out"
  for i in $th $dh $tw1 $dm $tw2 $ds1 $ds2; do wait "$i" || true; done
  local terminated; terminated=$(sed -nE 's/^terminated=([0-9]+):(t|true)$/\1/p' "$CL/term-op.out" | head -n1)
  md "- acquired: holder $(got lw-acquired-holder pid) (delayed_job) updates orders id=1 and commits after 1.5 s; waiter $(got lw-acquired-waiter pid) (puma) logs 'still waiting' then 'acquired'." \
    "- lock_timeout: holder $(got lw-locktimeout-holder pid), waiter $(got lw-locktimeout-waiter pid) with SET lock_timeout = '1s' → 'canceling statement due to lock timeout' (orders id=2)." \
    "- statement_timeout: holder $(got lw-stmttimeout-holder pid), waiter $(got lw-stmttimeout-waiter pid) with SET statement_timeout = '1s' → 'canceling statement due to statement timeout' (orders id=3)." \
    "- cancel: holder $(got lw-cancel-holder pid), waiter $cancel_pid cancelled by the operator with pg_cancel_backend → 'canceling statement due to user request' (orders id=5)." \
    "- terminate holder: holder $(got term-holder pid) (delayed_job, xid $(got term-holder xid)) on orders id=4; waiters $(got term-w1 pid) and $(got term-w2 pid) (puma); the operator ran pg_terminate_backend(pg_blocking_pids($w1pid)) → terminated $terminated; both waiters then acquire." \
    "- lock queue behind DDL: holder $(got ddl-holder pid) (delayed_job) updates accounts id=20 for 2.5 s; migration $(got ddl-migration pid) (rails_migration) ALTER TABLE accounts ADD COLUMN waits for AccessExclusiveLock; SELECTs $(got ddl-select1 pid) and $(got ddl-select2 pid) (puma) queue behind the ALTER (AccessShareLock); all acquire after the holder commits."
  sc_end \
    acquired "$(lock_wait_json lw-acquired acquired)" \
    lock_timeout "$(lock_wait_json lw-locktimeout lock_timeout)" \
    statement_timeout "$(lock_wait_json lw-stmttimeout statement_timeout)" \
    cancel "$(lock_wait_json lw-cancel cancelled_by_pg_cancel_backend)" \
    terminate_holder "$(obj holder_pid "$(num "$(got term-holder pid)")" holder_xid "$(num "$(got term-holder xid)")" \
      waiter_pids "$(nums "$(got term-w1 pid)" "$(got term-w2 pid)")" terminated_pid "$(num "$terminated")" \
      holder_error "$(jstr "$(errs term-holder)")" waiters_outcome '"acquired"')" \
    ddl_queue "$(obj holder_pid "$(num "$(got ddl-holder pid)")" migration_pid "$(num "$(got ddl-migration pid)")" \
      queued_select_pids "$(nums "$(got ddl-select1 pid)" "$(got ddl-select2 pid)")" outcome '"all acquired after holder commit"')"

  # -- 04 -------------------------------------------------------------------------------------
  sc_begin 04-connection-exhaustion
  local deadline; deadline=$(date -u -d '+14 seconds' '+%Y-%m-%d %H:%M:%S+00')
  bg_sql rep-1 metabase reporting shop "$PID_SQL
SELECT pg_sleep(2);"
  local r1=$BG_PID; wait_started rep-1 || true
  cli metabase reporting shop -c "SELECT 1" >/dev/null 2>"$CL/rep-2.err" || true
  wait "$r1" || true
  local n_app=0 n_su=0 reserved_msg="" full_msg="" held=() refused=()
  for i in $(seq 1 30); do
    bg_sql "fill-app-$i" puma app shop "$PID_SQL
SELECT pg_sleep_until('$deadline');"
    held+=("$BG_PID")
    if wait_started "fill-app-$i"; then n_app=$((n_app + 1)); else reserved_msg=$(errs "fill-app-$i"); break; fi
  done
  for i in $(seq 1 10); do
    printf '%s\n' "$PID_SQL" "SELECT pg_sleep_until('$deadline');" | op -f - >"$CL/fill-su-$i.out" 2>"$CL/fill-su-$i.err" &
    held+=("$!")
    if wait_started "fill-su-$i"; then n_su=$((n_su + 1)); else full_msg=$(errs "fill-su-$i"); break; fi
  done
  cli puma app shop -c "SELECT 1" >/dev/null 2>"$CL/fill-app-late.err" || true
  for i in "${held[@]}"; do wait "$i" || true; done
  md "- reporting has CONNECTION LIMIT 1: second metabase connection → $(errs rep-2)" \
    "- max_connections=20, superuser_reserved_connections=3. $n_app puma (app, not superuser) connections held;" \
    "  the next one was refused: $reserved_msg" \
    "- then $n_su superuser (psql over the unix socket) connections filled the reserved slots; the next → $full_msg" \
    "- one more puma attempt while full → $(errs fill-app-late)" \
    "- the holders all returned at $deadline (pg_sleep_until)."
  sc_end role_limit_error "$(jstr "$(errs rep-2)")" app_connections_held "$(num "$n_app")" \
    reserved_refusal "$(jstr "$reserved_msg")" superuser_connections_held "$(num "$n_su")" \
    full_refusal_superuser "$(jstr "$full_msg")" full_refusal_app "$(jstr "$(errs fill-app-late)")" \
    refusals_expected "$(obj too_many_connections_for_role 1 reserved_slots 1 too_many_clients 2)"

  # -- 05 -------------------------------------------------------------------------------------
  sc_begin 05-auth-failures
  local attempts=() label app user db pw
  attempt() { # attempt LABEL APPNAME USER DB PASSWORD
    PGAPPNAME=$2 PGPASSWORD=$5 "$PGBIN/psql" -X -At -w -h 127.0.0.1 -p "$PORT" -U "$3" -d "$4" -c "SELECT current_user" \
      >"$CL/auth-$1.out" 2>"$CL/auth-$1.err" || true
    local e; e=$(errs "auth-$1"); [[ -z $e ]] && e=$(head -n1 "$CL/auth-$1.err" | sed 's/^psql: //')
    attempts+=("$(obj label "$(jstr "$1")" application_name "$(jstr "$2")" user "$(jstr "$3")" database "$(jstr "$4")" \
      result "$(jstr "${e:-ok}")")")
    md "- $1: user=$3 db=$4 app=$2 → ${e:-ok}"
  }
  attempt ok puma app shop "$APP_PW"
  attempt wrong-password-scram-1 puma app shop 'letmein'
  attempt wrong-password-scram-2 puma app shop 'password123'
  attempt wrong-password-scram-3 puma app shop 'app-secret'
  attempt wrong-password-md5 metabase reporting shop 'reporting'
  attempt no-password-supplied delayed_job app shop ''
  attempt nonexistent-role-trust psql ghost shop ''
  attempt nonexistent-role-scram puma phantom shop 'whatever'
  attempt nonexistent-database psql postgres shop_production ''
  attempt no-hba-entry puma app analytics "$APP_PW"
  attempt hba-reject psql intruder shop ''
  md "- (no-password-supplied: libpq gives up before sending a password, so the server logs only 'connection received'.)"
  sc_end attempts "$(arr "${attempts[@]}")"

  # -- 06 -------------------------------------------------------------------------------------
  sc_begin 06-slow-statements
  op -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
ALTER SYSTEM SET log_min_duration_statement = 0;
SELECT pg_reload_conf();
EOF
  sleep 0.5
  pgb puma app shop -n -M prepared -c 2 -j 1 -R 20 -T 3 -f "$HELPERS/web-prepared.pgbench" >"$CL/web.out" 2>&1 &
  local wj=$!
  pgb delayed_job app shop -n -M extended -c 1 -R 5 -T 3 -f "$HELPERS/jobs-extended.pgbench" >"$CL/jobs.out" 2>&1 &
  local jj=$!
  sleep 0.5
  cli metabase reporting shop -f "$HELPERS/reporting.sql" >/dev/null 2>"$CL/reporting.err"
  cli delayed_job app shop -c "SELECT count(*) FROM pgbench_accounts a JOIN pgbench_accounts b ON b.aid = a.aid + 1 WHERE a.abalance = 0" >/dev/null
  wait "$wj" || true; wait "$jj" || true
  op -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
ALTER SYSTEM RESET log_min_duration_statement;
SELECT pg_reload_conf();
EOF
  local web_tx job_tx
  web_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$CL/web.out")
  job_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$CL/jobs.out")
  md "- log_min_duration_statement = 0 via ALTER SYSTEM + pg_reload_conf() (and reset at the end)." \
    "- pgbench -M prepared (puma, scripts/samples/web-prepared.pgbench): $web_tx transactions → parse/bind/execute P_0..P_2 lines with 'parameters: \$1 = ...'." \
    "- pgbench -M extended (delayed_job, scripts/samples/jobs-extended.pgbench): $job_tx transactions → 'execute <unnamed>' lines with parameters." \
    "- metabase (reporting role): PREPARE account_orders / EXECUTE account_orders(7, 10.5) and (42, 0), then a multi-line SELECT with tab-indented lines (scripts/samples/reporting.sql)." \
    "- delayed_job: a self-join of pgbench_accounts (the slowest statement of the scenario)."
  sc_end web_prepared_transactions "$(num "$web_tx")" jobs_extended_transactions "$(num "$job_tx")" \
    prepared_statement "$(jstr account_orders)" execute_calls '["EXECUTE account_orders(7, 10.5);", "EXECUTE account_orders(42, 0);"]' \
    multiline_query_file '"scripts/samples/reporting.sql"'

  # -- 07 -------------------------------------------------------------------------------------
  sc_begin 07-temp-checkpoint-autovacuum
  op -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
ALTER SYSTEM SET checkpoint_timeout = '30s';
ALTER SYSTEM SET max_wal_size = '32MB';
SELECT pg_reload_conf();
EOF
  cli delayed_job app shop >/dev/null <<'EOF'
SET work_mem = '64kB';
SELECT count(*) FROM (SELECT g, md5(g::text) AS h FROM generate_series(1, 200000) AS g ORDER BY h) AS sorted;
SELECT count(*) FROM orders o JOIN pgbench_accounts a ON a.aid = o.id * 7;
EOF
  op -c "CHECKPOINT"
  cli delayed_job app shop >/dev/null <<'EOF'
INSERT INTO events (account_id, kind, payload)
SELECT 1 + g % 100, 'page_view', repeat('x', 200) FROM generate_series(1, 200000) AS g;
DELETE FROM events WHERE id % 4 <> 0;
EOF
  local f7; f7=$(cur_log)
  wait_for_log "$f7" 'automatic vacuum of table "shop.public.events"' 60 || log "warning: no autovacuum of events seen"
  wait_for_log "$f7" 'automatic analyze of table "shop.public.events"' 60 || log "warning: no autoanalyze of events seen"
  wait_for_log "$f7" 'checkpoint starting: time' 60 || log "warning: no timed checkpoint seen"
  op -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
ALTER SYSTEM RESET checkpoint_timeout;
ALTER SYSTEM RESET max_wal_size;
SELECT pg_reload_conf();
EOF
  md "- work_mem = 64kB: a 200k-row sort and a hash join spill to temporary files (log_temp_files = 0)." \
    "- CHECKPOINT by the operator (immediate force wait); checkpoint_timeout = 30s and max_wal_size = 32MB" \
    "  via ALTER SYSTEM; inserting 200k events rows forces WAL checkpoints ('checkpoints are occurring too frequently')," \
    "  then a timed checkpoint ('checkpoint starting: time')." \
    "- DELETE of 3/4 of events → automatic vacuum and automatic analyze of \"shop.public.events\"."
  sc_end expects '["temporary file", "checkpoint starting: immediate force wait", "checkpoint starting: wal", "checkpoints are occurring too frequently", "checkpoint starting: time", "automatic vacuum of table \"shop.public.events\"", "automatic analyze of table \"shop.public.events\""]'

  # -- 08 -------------------------------------------------------------------------------------
  sc_begin 08-app-errors
  cli puma app shop >/dev/null 2>"$CL/err-puma.err" <<'EOF' || true
SELEC id FROM accounts WHERE id = 1;
INSERT INTO accounts (id, email, balance) VALUES (1, 'dup@example.com', 0);
SELECT * FROM user_sessions WHERE token = 'abc123';
SELECT emial FROM accounts WHERE id = 2;
SELECT * FROM accounts WHERE id = 'abc';
INSERT INTO orders (account_id, total) VALUES (3, NULL);
BEGIN;
UPDATE accounts SET balance = balance - 1 WHERE id = 3;
SELECT balance / 0 FROM accounts WHERE id = 3;
UPDATE accounts SET balance = balance + 1 WHERE id = 4;
ROLLBACK;
EOF
  cli delayed_job app shop >/dev/null 2>"$CL/err-jobs.err" <<'EOF' || true
SELECT 1/0;
INSERT INTO orders (account_id, total) VALUES (999999, 10.00);
DO $$ BEGIN PERFORM * FROM missing_table; END $$;
DO $$ BEGIN RAISE WARNING 'account % balance below zero', 42; END $$;
EOF
  # Idle in transaction for longer than idle_in_transaction_session_timeout.
  cli puma app shop >"$CL/err-idle.out" 2>"$CL/err-idle.err" <<'EOF' || true
SELECT 'pid=' || pg_backend_pid();
SET idle_in_transaction_session_timeout = '500ms';
BEGIN;
SELECT id FROM accounts WHERE id = 5 FOR UPDATE;
\! sleep 1.5
SELECT 1;
EOF
  # A client that dies (kill -9) with an open transaction.
  mkfifo "$CL/eof.fifo"
  # exec: $! must be psql itself, not a subshell, for kill -9 to hit the client.
  (export PGAPPNAME=delayed_job PGPASSWORD=$APP_PW
    exec "$PGBIN/psql" -X -q -At -w -h 127.0.0.1 -p "$PORT" -U app -d shop -f "$CL/eof.fifo") >"$CL/eof.out" 2>"$CL/eof.err" &
  local eof_client=$!
  exec 7>"$CL/eof.fifo"
  printf '%s\n' "$PID_SQL" "BEGIN;" "UPDATE delayed_jobs SET locked_at = now(), locked_by = 'worker-2 pid 4343' WHERE id = 2;" >&7
  wait_started eof || true
  sleep 0.5
  kill -9 "$eof_client" 2>/dev/null || true
  wait "$eof_client" 2>/dev/null || true
  exec 7>&-
  md "- puma: syntax error (SELEC), unique violation on accounts_pkey, undefined table user_sessions, undefined column emial (with HINT)," \
    "  invalid integer input, not-null violation on orders.total, division by zero inside a transaction followed by" \
    "  'current transaction is aborted, commands ignored until end of transaction block'." \
    "- delayed_job: division by zero, foreign-key violation, PL/pgSQL error (QUERY + CONTEXT lines), RAISE WARNING." \
    "- puma $(got err-idle pid) idle in transaction > 500ms → FATAL terminating connection due to idle-in-transaction timeout." \
    "- delayed_job $(got eof pid) killed client-side (kill -9 of psql) with an open transaction → 'unexpected EOF on client connection with an open transaction'."
  sc_end errors_expected "$(arr \
    "$(obj app '"puma"' sqlstate '"42601"' message '"syntax error at or near \"SELEC\""')" \
    "$(obj app '"puma"' sqlstate '"23505"' message '"duplicate key value violates unique constraint \"accounts_pkey\""')" \
    "$(obj app '"puma"' sqlstate '"42P01"' message '"relation \"user_sessions\" does not exist"')" \
    "$(obj app '"puma"' sqlstate '"42703"' message '"column \"emial\" does not exist"')" \
    "$(obj app '"puma"' sqlstate '"22P02"' message '"invalid input syntax for type integer: \"abc\""')" \
    "$(obj app '"puma"' sqlstate '"23502"' message '"null value in column \"total\" of relation \"orders\" violates not-null constraint"')" \
    "$(obj app '"puma"' sqlstate '"22012"' message '"division by zero"')" \
    "$(obj app '"puma"' sqlstate '"25P02"' message '"current transaction is aborted, commands ignored until end of transaction block"')" \
    "$(obj app '"delayed_job"' sqlstate '"22012"' message '"division by zero"')" \
    "$(obj app '"delayed_job"' sqlstate '"23503"' message '"insert or update on table \"orders\" violates foreign key constraint \"orders_account_id_fkey\""')" \
    "$(obj app '"delayed_job"' sqlstate '"42P01"' message '"relation \"missing_table\" does not exist"')")" \
    warning_expected '"account 42 balance below zero"' \
    idle_in_transaction_timeout_pid "$(num "$(got err-idle pid)")" \
    unexpected_eof_pid "$(num "$(got eof pid)")"

  # -- 09 -------------------------------------------------------------------------------------
  sc_begin 09-crash-recovery
  bg_sql crash-victim delayed_job app shop "$PID_SQL
SELECT id, handler FROM delayed_jobs WHERE pg_sleep(20) IS NOT NULL LIMIT 1;"
  local cv=$BG_PID
  bg_sql crash-active puma app shop "$PID_SQL
SELECT pg_sleep(20);"
  local ca=$BG_PID
  bg_sql crash-idle puma app shop "$PID_SQL
BEGIN;
SELECT id FROM accounts WHERE id = 6 FOR UPDATE;
\\! sleep 4
COMMIT;"
  local ci=$BG_PID
  wait_started crash-victim || true; wait_started crash-active || true; wait_started crash-idle || true
  sleep 1.0
  local victim; victim=$(got crash-victim pid)
  local crash_t; crash_t=$(utc_now)
  kill -9 "$victim"
  sleep 1
  pg_wait_ready
  wait "$cv" || true; wait "$ca" || true; wait "$ci" || true
  cli puma app shop -c "SELECT count(*) FROM accounts" >/dev/null
  md "- postmaster $PM_PID; kill -9 of backend $victim (delayed_job) at $crash_t while it ran" \
    "  'SELECT id, handler FROM delayed_jobs WHERE pg_sleep(20) IS NOT NULL LIMIT 1;'." \
    "- other backends terminated by the crash: $(got crash-active pid) (puma, active pg_sleep) and $(got crash-idle pid) (puma, idle in transaction)." \
    "- crash recovery follows, then 'database system is ready to accept connections' and a new puma connection." \
    "- PostgreSQL 14+ sends 'terminating connection because of crash of another server process' to the clients only" \
    "  (WARNING_CLIENT_ONLY), so it is NOT in the server log; only the postmaster's lines show the other backends' end."
  sc_end postmaster_pid "$(num "$PM_PID")" killed_pid "$(num "$victim")" signal 9 killed_at_utc "$(jstr "$crash_t")" \
    killed_query '"SELECT id, handler FROM delayed_jobs WHERE pg_sleep(20) IS NOT NULL LIMIT 1;"' \
    other_backends_terminated "$(nums "$(got crash-active pid)" "$(got crash-idle pid)")"

  # -- 10 -------------------------------------------------------------------------------------
  sc_begin 10-reload-shutdown
  op -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
ALTER SYSTEM SET work_mem = '16MB';
ALTER SYSTEM SET max_connections = 30;
SELECT pg_reload_conf();
EOF
  sleep 1
  op -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
ALTER SYSTEM RESET max_connections;
SELECT pg_reload_conf();
EOF
  sleep 0.5
  bg_sql shutdown-active delayed_job app shop "$PID_SQL
SELECT pg_sleep(30);"
  local sa=$BG_PID
  bg_sql shutdown-idle puma app shop "$PID_SQL
BEGIN;
SELECT balance FROM accounts WHERE id = 1;
\\! sleep 3"
  local si=$BG_PID
  wait_started shutdown-active || true; wait_started shutdown-idle || true
  sleep 0.5
  local f10 pm10=$PM_PID; f10=$(cur_log)
  local t_stop; t_stop=$(utc_now)
  pg_stop fast
  wait "$sa" || true; wait "$si" || true
  copy_trio "$f10" "$OUT/run-main/$SC"
  md "- ALTER SYSTEM SET work_mem = '16MB' and max_connections = 30 + pg_reload_conf(): work_mem changes," \
    "  max_connections 'cannot be changed without restarting the server' (config file contains errors); then RESET max_connections + reload." \
    "- fast shutdown (pg_ctl stop -m fast) at $t_stop with an active delayed_job backend $(got shutdown-active pid) and an idle-in-transaction puma backend $(got shutdown-idle pid): both 'terminating connection due to administrator command'."
  TRUTH+=("$(pair "$SC" "$(obj files "$(strs "$SC.log" "$SC.csv" "$SC.json")" window_utc "$(strs "$SC_T0" "$(utc_now)")" \
    postmaster_pid "$(num "$pm10")" reload_changed '{"work_mem": "16MB"}' reload_rejected '["max_connections"]' \
    shutdown_mode '"fast"' terminated_by_shutdown "$(nums "$(got shutdown-active pid)" "$(got shutdown-idle pid)")")")")

  # -- 11 -------------------------------------------------------------------------------------
  sc_begin 11-restart-shutdown
  pg_start; pm_pids+=("$PM_PID")
  local f11; f11=$(cur_log)
  cli puma app shop -c "SELECT count(*) FROM orders WHERE status = 'new'" >/dev/null
  cli delayed_job app shop -c "SELECT id FROM delayed_jobs ORDER BY run_at LIMIT 1" >/dev/null
  wait_quiet
  pg_stop smart
  copy_trio "$f11" "$OUT/run-main/$SC"
  md "- restart (new postmaster $PM_PID), two short client sessions, then a smart shutdown (pg_ctl stop -m smart)."
  TRUTH+=("$(pair "$SC" "$(obj files "$(strs "$SC.log" "$SC.csv" "$SC.json")" window_utc "$(strs "$SC_T0" "$(utc_now)")" \
    postmaster_pid "$(num "$PM_PID")" shutdown_mode '"smart"')")")

  write_json "$OUT/run-main/truth.json" \
    "$(pair server_version "$(jstr "$PG_VERSION")")" \
    "$(pair log_line_prefix "$(jstr "$MAIN_PREFIX")")" \
    "$(pair settings '{"log_destination": "stderr,csvlog,jsonlog", "log_timezone": "UTC", "deadlock_timeout": "200ms", "log_min_duration_statement": "50ms (0 during 06-slow-statements)", "log_lock_waits": "on", "log_connections": "on", "log_disconnections": "on", "log_temp_files": 0, "log_autovacuum_min_duration": 0, "log_checkpoints": "on", "log_statement": "ddl", "log_error_verbosity": "default", "max_connections": 20, "superuser_reserved_connections": 3, "autovacuum_naptime": "1s"}')" \
    "$(pair postmaster_pids "$(nums "${pm_pids[@]}")")" \
    "$(pair scenarios "{$(IFS=,; echo "${TRUTH[*]}")}")"
  {
    echo "# run-main ground truth"
    echo
    echo "Written by scripts/make-samples.sh from what its own clients saw (pids from pg_backend_pid(),"
    echo "errors from psql), not from the logs. Machine-readable: truth.json. Server: $PG_VERSION."
    echo
    echo "log_line_prefix = '$MAIN_PREFIX'"
    echo
    echo "Postmaster pids: ${pm_pids[*]} (the second after the restart in 11)."
    printf '%s\n' "${MD[@]}"
  } >"$OUT/run-main/TRUTH.md"
}

# =============================================================================================
# Auxiliary cluster: short runs, each its own server start with its own run.conf.
# =============================================================================================
AUX_READY=""
aux_init() {
  if [[ -n $AUX_READY ]]; then DATA=$AUX_DATA SOCK=$AUX_SOCK PORT=$AUX_PORT; return 0; fi
  init_cluster "$WORK/pg/aux"
  AUX_DATA=$DATA AUX_SOCK=$SOCK AUX_PORT=$PORT
  { base_conf; echo "include = 'run.conf'"; } >>"$DATA/postgresql.conf"
  aux_conf setup "log_destination = 'stderr'"
  pg_start
  setup_roles_and_schema
  OPDB=postgres op -c "CREATE DATABASE bench OWNER app"
  pgb pgbench app bench -i -s 1 -q >"$CL/pgbench-init-bench.log" 2>&1 || die "pgbench -i bench failed"
  pg_stop fast
  AUX_READY=1
}
# aux_conf RUN [setting lines...]: defaults for a short, well-logged run, then overrides.
aux_conf() {
  local run=$1; shift
  AUX_LOGDIR=$WORK/logs/$run
  install -d -o postgres -g postgres "$AUX_LOGDIR"
  {
    echo "log_directory = '$AUX_LOGDIR'"
    cat <<'EOF'
log_destination = 'stderr'
log_line_prefix = '%m [%p] '
log_timezone = 'UTC'
log_lock_waits = on
deadlock_timeout = '200ms'
log_min_duration_statement = 0
log_connections = on
log_disconnections = on
log_checkpoints = on
log_statement = 'ddl'
log_error_verbosity = default
log_temp_files = 0
log_autovacuum_min_duration = -1
EOF
    printf '%s\n' "$@"
  } >"$DATA/run.conf"
  chown postgres:postgres "$DATA/run.conf"
}
aux_start() { aux_conf "$@"; pg_start; }

# mini_workload TAG DEADLOCK_B_SLEEP: a few connections (web, jobs, operator), an error, a lock
# wait that ends with 'acquired', and a deterministic two-process deadlock. Sets MW_JSON.
mini_workload() {
  local tag=$1 sb=$2
  op -c "SELECT count(*) FROM accounts" >/dev/null
  cli puma app shop -c "SELECT id, email, balance FROM accounts WHERE id = 1" >/dev/null
  bg_sql "$tag-err" delayed_job app shop "$PID_SQL
SELECT 1/0;"
  wait "$BG_PID" || true
  lock_wait_start "$tag-lw" delayed_job puma 11 0.8 ""
  local h=$LW_HOLDER_JOB w=$LW_WAITER_JOB
  deadlock2 "$tag-dl" puma delayed_job \
    "UPDATE accounts SET balance = balance - 10 WHERE id = 21;" "UPDATE accounts SET balance = balance + 10 WHERE id = 22;" \
    "UPDATE accounts SET balance = balance - 5 WHERE id = 22;" "UPDATE accounts SET balance = balance + 5 WHERE id = 21;" \
    1.0 0.4 "$sb"
  wait "$h" || true; wait "$w" || true
  MW_JSON=$(obj postmaster_pid "$(num "$PM_PID")" division_by_zero_pid "$(num "$(got "$tag-err" pid)")" \
    lock_wait "$(lock_wait_json "$tag-lw" acquired)" deadlock "$DL_JSON")
}
only_file() { # the single file with extension $2 in directory $1
  local f; f=$(ls "$1"/*."$2" 2>/dev/null | head -n1); [[ -n $f ]] || die "no .$2 file in $1"; echo "$f"
}

run_prefixes() {
  log "prefixes"
  aux_init
  mkdir -p "$OUT/prefixes"
  local entries=(
    "01-pg10-default|%m [%p] |PostgreSQL 10+ default"
    "02-debian-default|%m [%p] %q%u@%d |Debian/Ubuntu packages' default"
    "03-pgbadger|%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h |pgBadger's recommended stderr prefix"
    "04-rds|%t:%r:%u@%d:[%p]:|Amazon RDS"
    "05-bracketed|%m [%p] %q[user=%u,db=%d,app=%a] |bracketed key=value"
    "06-azure|%t-%c-|Azure (also Heroku)"
    "07-kv-unusual-order|app=%a client=%h tx=%x pid=%p time=%m db=%d user=%u |key=value in an unusual order"
    "08-line-sqlstate|%m [%p] %l %e |session line number and SQLSTATE"
    "09-verbose|%m [%p] %q%u@%d |Debian default with log_error_verbosity = verbose (SQLSTATE after the level, LOCATION lines)"
  )
  local e name prefix desc rows=() facts=()
  for e in "${entries[@]}"; do
    IFS='|' read -r name prefix desc <<<"$e"
    local extra=()
    [[ $name == 09-verbose ]] && extra+=("log_error_verbosity = verbose")
    aux_start "prefix-$name" "log_line_prefix = '$prefix'" "${extra[@]}"
    mini_workload "pfx-$name" 1.4
    pg_stop fast
    cp "$(only_file "$AUX_LOGDIR" log)" "$OUT/prefixes/$name.log"
    rows+=("| \`$name.log\` | \`'$prefix'\` | $desc |")
    facts+=("$(pair "$name.log" "$(obj log_line_prefix "$(jstr "$prefix")" \
      log_error_verbosity "$(jstr "$([[ $name == 09-verbose ]] && echo verbose || echo default)")" workload "$MW_JSON")")")
  done
  write_json "$OUT/prefixes/truth.json" "${facts[@]}"
  {
    cat <<'EOF'
# log_line_prefix variants

Real stderr logs (logging_collector, PostgreSQL 15) of the same short workload under different
`log_line_prefix` values. Each file is one server start → workload → fast shutdown. Written by
`scripts/make-samples.sh` (section `prefixes`); ground truth (pids, victim) in `truth.json`.

Workload in every file: an operator `psql` session over the unix socket, a `puma` query, a
`delayed_job` division by zero, a lock wait that ends with `acquired` (orders id=11), and a
deterministic two-process deadlock (accounts rows 21/22, `puma` vs `delayed_job`, the
`delayed_job` side is the victim). Settings: `log_destination = 'stderr'`, `log_timezone = 'UTC'`,
`log_lock_waits = on`, `deadlock_timeout = 200ms`, `log_min_duration_statement = 0`,
`log_connections`/`log_disconnections = on`.

| File | log_line_prefix (between the quotes) | Origin |
|---|---|---|
EOF
    printf '%s\n' "${rows[@]}"
  } >"$OUT/prefixes/README.md"
}

run_timezone() {
  log "timezone"
  aux_init
  mkdir -p "$OUT/timezone"
  local runs=(
    "europe-paris|Europe/Paris|%m [%p] %q[user=%u,db=%d,app=%a,client=%h] "
    "etc-gmt-3|Etc/GMT-3|%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h "
    "asia-shanghai|Asia/Shanghai|%m [%p] %q%u@%d "
  )
  local r name tz prefix facts=() rows=()
  for r in "${runs[@]}"; do
    IFS='|' read -r name tz prefix <<<"$r"
    aux_start "tz-$name" "log_destination = 'stderr,csvlog,jsonlog'" "log_timezone = '$tz'" "log_line_prefix = '$prefix'"
    mini_workload "tz-$name" 1.4
    local before after marker="tz_marker_${name//-/_}"
    before=$(utc_now)
    cli puma app shop -c "SELECT $marker FROM accounts" >/dev/null 2>&1 || true
    after=$(utc_now)
    op -c "CHECKPOINT"
    pg_stop fast
    local f; f=$(only_file "$AUX_LOGDIR" log)
    copy_trio "$f" "$OUT/timezone/$name"
    facts+=("$(pair "$name" "$(obj log_timezone "$(jstr "$tz")" log_line_prefix "$(jstr "$prefix")" \
      files "$(strs "$name.log" "$name.csv" "$name.json")" \
      marker_error "$(jstr "column \"$marker\" does not exist")" marker_window_utc "$(strs "$before" "$after")" workload "$MW_JSON")")")
    rows+=("| \`$name.{log,csv,json}\` | \`$tz\` | \`'$prefix'\` | error \`column \"$marker\" does not exist\` between $before and $after |")
  done
  write_json "$OUT/timezone/truth.json" "${facts[@]}"
  {
    cat <<'EOF'
# log_timezone variants

Same short workload as `prefixes/` plus an explicit CHECKPOINT, logged to stderr, csvlog and jsonlog
at once with a non-UTC `log_timezone`. Europe/Paris prints `CET` in winter (`CEST` in summer: the
abbreviation depends on the date the script ran); `Etc/GMT-3` prints the numeric abbreviation `+03`
(POSIX sign convention: GMT-3 is three hours *ahead* of UTC). `Asia/Shanghai` prints `CST`, which
Chicago (UTC-6) and Havana print too: only \`--tz Asia/Shanghai\` says which is meant. jsonlog/csvlog
use the same zone.
Each run logs an error marker whose true UTC time window was recorded by the client (truth.json),
so a parser's UTC conversion can be checked.

| Files | log_timezone | log_line_prefix | UTC check |
|---|---|---|---|
EOF
    printf '%s\n' "${rows[@]}"
  } >"$OUT/timezone/README.md"
}

run_archive() {
  log "archive"
  aux_init
  mkdir -p "$OUT/archive"
  local prefix='%m [%p] %q%u@%d '
  aux_start archive "log_line_prefix = '$prefix'"
  pgb puma app shop -n -C -c 2 -j 1 -R 4 -T 34 -f "$HELPERS/archive-traffic.pgbench" >"$CL/archive.out" 2>&1 &
  local pj=$! i
  for i in 1 2 3 4 5; do
    sleep 3
    cli delayed_job app shop -c "UPDATE delayed_jobs SET attempts = attempts + 1 WHERE id = $i" >/dev/null
    cli delayed_job app shop -c "SELECT * FROM delayed_jobs WHERE handler ~ '(' LIMIT 1" >/dev/null 2>&1 || true
    sleep 1.5
    rotate_log
  done
  wait "$pj" || true # the traffic outlives the last rotation, so file 6 has some too
  pg_stop fast
  local files=() f; mapfile -t files < <(ls "$AUX_LOGDIR"/*.log | sort)
  ((${#files[@]} == 6)) || log "warning: expected 6 rotated files, got ${#files[@]}"
  local stage=$WORK/archive-stage; mkdir -p "$stage/pg_log"
  for f in "${files[@]}"; do cp "$f" "$stage/pg_log/"; done
  local n=("${files[@]##*/}")
  (cd "$stage" && tar -czf "$OUT/archive/rotated.tar.gz" "pg_log/${n[0]}" "pg_log/${n[1]}" "pg_log/${n[2]}")
  gzip -9 -c "$stage/pg_log/${n[3]}" >"$OUT/archive/${n[3]}.gz"
  bzip2 -9 -c "$stage/pg_log/${n[4]}" >"$OUT/archive/${n[4]}.bz2"
  (cd "$stage/pg_log" && zip -q -X "$OUT/archive/${n[5]%.log}.zip" "${n[5]}")
  local rows=() facts=() where
  for i in 0 1 2 3 4 5; do
    case $i in 0 | 1 | 2) where="rotated.tar.gz → pg_log/${n[$i]}" ;; 3) where="${n[3]}.gz" ;; 4) where="${n[4]}.bz2" ;; 5) where="${n[5]%.log}.zip → ${n[5]}" ;; esac
    local lines sum; lines=$(wc -l <"$stage/pg_log/${n[$i]}"); sum=$(sha256sum "$stage/pg_log/${n[$i]}" | cut -d' ' -f1)
    rows+=("| $((i + 1)) | \`$where\` | $lines | \`$sum\` |")
    facts+=("$(obj order "$((i + 1))" name "$(jstr "${n[$i]}")" container "$(jstr "$where")" lines "$lines" sha256 "$(jstr "$sum")")")
  done
  write_json "$OUT/archive/truth.json" "$(pair log_line_prefix "$(jstr "$prefix")")" "$(pair files "$(arr "${facts[@]}")")"
  {
    cat <<EOF
# Rotated logs in archives

One server run (stderr only, \`log_line_prefix = '$prefix'\`, \`log_min_duration_statement = 0\`,
connection logging on) with ~34 s of light web traffic (pgbench \`-C\`, app \`puma\`, a new
connection per transaction) plus a few \`delayed_job\` statements and regex errors, rotated every
~6 s with \`pg_ctl logrotate\` (same as \`SELECT pg_rotate_logfile()\`). The six files, in
chronological order, are split across containers (no file is duplicated):

| # | Where | Lines | sha256 of the uncompressed file |
|---|---|---|---|
EOF
    printf '%s\n' "${rows[@]}"
    echo
    echo "File 1 starts with the server start-up, file 6 ends with the fast shutdown."
  } >"$OUT/archive/README.md"
}

# Why rsyslogd cannot be started here (empty when it can).
rsyslog_unavailable() {
  if ! command -v rsyslogd >/dev/null; then echo "rsyslogd is not installed and could not be installed"
  elif [[ -e /dev/log ]]; then echo "/dev/log already exists (another syslog daemon owns it); not touching it"
  fi
}
# rsyslog_start DIR GLOBAL_OPTIONS CONFIG_LINES...: a hand-started rsyslogd (imuxsock on /dev/log,
# rate limiting off) with these templates and actions, until rsyslog_stop.
rsyslog_start() {
  local rs=$1 global=$2; shift 2
  mkdir -p "$rs"
  {
    echo "global(workDirectory=\"$rs\"$global)"
    echo 'module(load="imuxsock" SysSock.Name="/dev/log" SysSock.RateLimit.Interval="0")'
    printf '%s\n' "$@"
  } >"$rs/rsyslog.conf"
  rsyslogd -n -f "$rs/rsyslog.conf" -i "$rs/rsyslogd.pid" >"$rs/rsyslogd.out" 2>&1 &
  RSYSLOG_PID=$!
  CREATED_DEV_LOG=1
  local i; for i in $(seq 1 50); do [[ -S /dev/log ]] && break; sleep 0.1; done
  [[ -S /dev/log ]] || die "rsyslogd did not create /dev/log (see $rs/rsyslogd.out)"
}
rsyslog_stop() {
  sleep 1
  kill "$RSYSLOG_PID"; wait "$RSYSLOG_PID" 2>/dev/null || true
  RSYSLOG_PID=""
  [[ -S /dev/log ]] && rm -f /dev/log
  CREATED_DEV_LOG=""
}
# rsyslog_or_skip SECTION_DIR: true when rsyslogd can run here; else the section's README says why not.
rsyslog_or_skip() {
  local reason; reason=$(rsyslog_unavailable)
  [[ -z $reason ]] && return 0
  log "$1 skipped: $reason"
  printf '# %s\n\nNot generated on this machine: %s.\n' "$1" "$reason" >"$OUT/$1/README.md"
  return 1
}
# syslog_workload TAG: the syslog sections' workload; then the server and rsyslogd stop.
syslog_workload() {
  mini_workload "$1" 1.4
  cli metabase reporting shop -f "$HELPERS/long-report.sql" >/dev/null
  cli metabase reporting shop -f "$HELPERS/reporting.sql" >/dev/null
  pg_stop fast
  rsyslog_stop
}

run_syslog() {
  log "syslog"
  mkdir -p "$OUT/syslog"
  rsyslog_or_skip syslog || return 0
  aux_init
  local rs=$WORK/rsyslog
  rsyslog_start "$rs" "" \
    "local0.* action(type=\"omfile\" file=\"$rs/postgresql.log\" template=\"RSYSLOG_TraditionalFileFormat\")" \
    "local0.* action(type=\"omfile\" file=\"$rs/postgresql-rfc3339.log\" template=\"RSYSLOG_FileFormat\")" \
    "local0.* action(type=\"omfile\" file=\"$rs/postgresql-rfc5424.log\" template=\"RSYSLOG_SyslogProtocol23Format\")"
  local prefix='user=%u,db=%d,app=%a,client=%h '
  aux_start syslog "log_destination = 'syslog'" "syslog_facility = 'LOCAL0'" "syslog_ident = 'postgres'" \
    "log_line_prefix = '$prefix'"
  syslog_workload syslog
  cp "$rs/postgresql.log" "$OUT/syslog/postgresql.log"
  cp "$rs/postgresql-rfc3339.log" "$OUT/syslog/postgresql-rfc3339.log"
  cp "$rs/postgresql-rfc5424.log" "$OUT/syslog/postgresql-rfc5424.log"
  write_json "$OUT/syslog/truth.json" "$(pair log_line_prefix "$(jstr "$prefix")")" \
    "$(pair hostname "$(jstr "$(hostname)")")" "$(pair workload "$MW_JSON")" \
    "$(pair long_query_file '"scripts/samples/long-report.sql"')"
  cat >"$OUT/syslog/README.md" <<EOF
# syslog

PostgreSQL with \`log_destination = 'syslog'\`, \`syslog_facility = 'LOCAL0'\`,
\`syslog_ident = 'postgres'\` (defaults: \`syslog_sequence_numbers = on\`, \`syslog_split_messages = on\`),
\`log_line_prefix = '$prefix'\`, \`log_min_duration_statement = 0\`, received by a hand-started
rsyslogd (imuxsock on /dev/log, rate limiting off) that wrote local0 three times:

- \`postgresql.log\`: RSYSLOG_TraditionalFileFormat — \`Mon DD HH:MM:SS host postgres[pid]: [N-k] ...\` (no year, UTC clock).
- \`postgresql-rfc3339.log\`: RSYSLOG_FileFormat — RFC 3339 timestamps with microseconds and offset.
- \`postgresql-rfc5424.log\`: RSYSLOG_SyslogProtocol23Format — RFC 5424, as relays and collectors forward it:
  \`<PRI>1 TIMESTAMP host postgres PID - - [N-k] ...\`.

Multi-line messages and lines longer than ~900 bytes are split into \`[N-1]\`, \`[N-2]\`, ... chunks;
tabs are escaped by rsyslog as \`#011\`. Workload: the \`prefixes/\` mini workload (deadlock, lock wait,
error), then \`scripts/samples/long-report.sql\` (a > 2000-character tab-indented query with one
1400-character line) and \`scripts/samples/reporting.sql\` (PREPARE/EXECUTE, multi-line SELECT).
EOF
}

# Heroku Postgres logs to syslog with this log_line_prefix (its newer one; older databases print
# only ' sql_error_code = %e '), and Heroku passes the lines on behind a header of its own.
HEROKU_PREFIX=' sql_error_code = %e time_ms = "%m" pid="%p" proc_start_time="%s" session_id="%c" vtid="%v" tid="%x" log_line="%l" database="%d" connection_source="%r" user="%u" application_name="%a" '

run_heroku() {
  log "heroku"
  mkdir -p "$OUT/heroku"
  rsyslog_or_skip heroku || return 0
  aux_init
  local rs=$WORK/rsyslog-heroku
  # Heroku's shapes, written by rsyslog from what the server sent: control characters kept (no
  # #011), times to the second, the database's attachment name, the pid as the dyno's number.
  local body='[DATABASE]%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n'
  rsyslog_start "$rs" ' parser.escapeControlCharactersOnReceive="off"' \
    "template(name=\"HerokuLogs\" type=\"string\" string=\"%timereported:1:19:date-rfc3339%.000000+00:00 app[postgres.%procid%]: $body\")" \
    "template(name=\"HerokuDrain\" type=\"string\" string=\"<%pri%>1 %timereported:1:19:date-rfc3339%+00:00 host app postgres.%procid% - $body\")" \
    "local0.* action(type=\"omfile\" file=\"$rs/heroku-logs.log\" template=\"HerokuLogs\")" \
    "local0.* action(type=\"omfile\" file=\"$rs/drain.frames\" template=\"HerokuDrain\")" \
    "local0.* action(type=\"omfile\" file=\"$rs/postgresql-rfc3339.log\" template=\"RSYSLOG_FileFormat\")"
  aux_start heroku "log_destination = 'syslog'" "syslog_facility = 'LOCAL0'" "syslog_ident = 'postgres'" \
    "log_line_prefix = '$HEROKU_PREFIX'"
  syslog_workload heroku
  cp "$rs/heroku-logs.log" "$OUT/heroku/heroku-logs.log"
  cp "$rs/postgresql-rfc3339.log" "$OUT/heroku/postgresql-rfc3339.log"
  # An HTTPS drain's body: each line framed by its length in bytes, its newline included (RFC 6587).
  LC_ALL=C awk '{ printf "%d %s\n", length($0) + 1, $0 }' "$rs/drain.frames" >"$OUT/heroku/heroku-drain.log"
  write_json "$OUT/heroku/truth.json" "$(pair log_line_prefix "$(jstr "$HEROKU_PREFIX")")" \
    "$(pair workload "$MW_JSON")" "$(pair long_query_file '"scripts/samples/long-report.sql"')"
  cat >"$OUT/heroku/README.md" <<EOF
# heroku

Heroku Postgres's log as Heroku hands it over, from a real server: PostgreSQL with
\`log_destination = 'syslog'\` and Heroku's \`log_line_prefix\`
(\`$HEROKU_PREFIX\`), received by a hand-started rsyslogd (control characters not escaped, as
Heroku passes them) that wrote local0 three times:

- \`heroku-logs.log\`: what \`heroku logs -p postgres\` prints:
  \`2026-11-26T16:45:49.000000+00:00 app[postgres.PID]: [DATABASE] [N-k]  sql_error_code = …\`
  (times to the second; the prefix's \`time_ms\` has the milliseconds).
- \`heroku-drain.log\`: the body of an HTTPS log drain's requests, each line an RFC 6587 frame,
  its length in bytes first: \`438 <134>1 2026-11-26T16:45:49+00:00 host app postgres.PID - [DATABASE] [N-k] …\`.
- \`postgresql-rfc3339.log\`: RSYSLOG_FileFormat, the same lines as rsyslog itself writes them.

Heroku's own lines (\`heroku[router]\`, \`app[web.1]\`, the metrics of \`app[heroku-postgres]\`) are
not in these files: a server cannot make them. Workload: as in \`syslog/\` (deadlock, lock wait,
error, a > 2000-character tab-indented query cut in pieces, PREPARE/EXECUTE, multi-line SELECT).
EOF
}

run_prefix_change() {
  log "prefix-change"
  aux_init
  mkdir -p "$OUT/prefix-change"
  local first='%m [%p] ' second='%m [%p] %q%u@%d %a '
  aux_start prefix-change "log_destination = 'stderr,csvlog'" "log_line_prefix = '$first'"
  mini_workload pc-first 1.4
  local w1=$MW_JSON
  # As an operator does mid-incident: more in the prefix, then back (ALTER SYSTEM RESET).
  op -c "ALTER SYSTEM SET log_line_prefix = '$second'"
  op -c "SELECT pg_reload_conf()" >/dev/null
  sleep 1
  mini_workload pc-second 1.4
  local w2=$MW_JSON
  op -c "ALTER SYSTEM RESET log_line_prefix"
  op -c "SELECT pg_reload_conf()" >/dev/null
  sleep 1
  cli puma app shop -c "SELECT id FROM accounts WHERE id = 2" >/dev/null
  pg_stop fast
  copy_trio "$(only_file "$AUX_LOGDIR" log)" "$OUT/prefix-change/postgresql"
  write_json "$OUT/prefix-change/truth.json" "$(pair prefixes "$(strs "$first" "$second" "$first")")" \
    "$(pair before_change "$w1")" "$(pair after_change "$w2")"
  cat >"$OUT/prefix-change/README.md" <<EOF
# log_line_prefix changed by a reload

One server logging to stderr and csvlog at once. It starts with \`log_line_prefix = '$first'\`,
runs the \`prefixes/\` mini workload, then an operator runs
\`ALTER SYSTEM SET log_line_prefix = '$second'\` and \`SELECT pg_reload_conf()\`; the workload
runs again, and \`ALTER SYSTEM RESET log_line_prefix\` with a reload brings the first prefix back.
The server says so in the log (\`parameter "log_line_prefix" changed to "…"\`), each time in a
line that already has the new prefix. The csvlog beside it has every field in columns: the truth
for what the stderr lines say. Ground truth (pids of each workload) in \`truth.json\`.
EOF
}

run_poor() {
  log "poor-logging"
  aux_init
  mkdir -p "$OUT/poor-logging"
  # Everything an investigation needs is off; deadlock_timeout stays at its 1 s default.
  aux_start poor "log_line_prefix = '%m [%p] '" "log_lock_waits = off" "deadlock_timeout = '1s'" \
    "log_min_duration_statement = -1" "log_connections = off" "log_disconnections = off" "log_checkpoints = off" \
    "log_statement = 'none'" "log_temp_files = -1" "log_autovacuum_min_duration = -1"
  local none=""   # no application_name: psql still sends its fallback name, invisible in this prefix
  cli "$none" app shop -c "SELECT id, email FROM accounts WHERE id = 3" >/dev/null
  bg_sql poor-err "$none" app shop "$PID_SQL
SELECT * FROM orders WHERE id = 'x';"
  wait "$BG_PID" || true
  # Lock wait ended by statement_timeout (not logged as a wait: log_lock_waits = off).
  lock_wait_start poor-lw "$none" "$none" 12 2.5 "SET statement_timeout = '1s';"
  local h=$LW_HOLDER_JOB w=$LW_WAITER_JOB
  # Deadlock with deadlock_timeout = 1s: B asks for A's row only after A's check (at 2 s).
  deadlock2 poor-dl "$none" "$none" \
    "UPDATE accounts SET balance = balance - 10 WHERE id = 31;" "UPDATE accounts SET balance = balance + 10 WHERE id = 32;" \
    "UPDATE accounts SET balance = balance - 5 WHERE id = 32;" "UPDATE accounts SET balance = balance + 5 WHERE id = 31;" \
    1.0 0.4 2.4
  wait "$h" || true; wait "$w" || true
  bg_sql poor-st "$none" app shop "$PID_SQL
SET statement_timeout = '500ms';
SELECT pg_sleep(3);"
  wait "$BG_PID" || true
  pg_stop fast
  cp "$(only_file "$AUX_LOGDIR" log)" "$OUT/poor-logging/postgresql.log"
  write_json "$OUT/poor-logging/truth.json" \
    "$(pair settings '{"log_line_prefix": "%m [%p] ", "log_lock_waits": "off", "deadlock_timeout": "1s", "log_min_duration_statement": -1, "log_connections": "off", "log_disconnections": "off", "log_checkpoints": "off", "log_statement": "none", "log_temp_files": -1, "log_autovacuum_min_duration": -1, "application_name": "not set by clients"}')" \
    "$(pair invalid_input_pid "$(num "$(got poor-err pid)")")" \
    "$(pair lock_wait_statement_timeout "$(lock_wait_json poor-lw statement_timeout)")" \
    "$(pair deadlock "$DL_JSON")" \
    "$(pair statement_timeout_pid "$(num "$(got poor-st pid)")")"
  cat >"$OUT/poor-logging/README.md" <<'EOF'
# Poorly configured logging

What many production servers log: `log_line_prefix = '%m [%p] '` (no user, database, application,
client or xid), `log_lock_waits = off`, default `deadlock_timeout = 1s`, no connection/disconnection
logging, no statement durations, `log_checkpoints = off`, no temp-file or autovacuum logging, and
clients that set no application_name. Workload: a query, an invalid-input error, a lock wait that
ends by statement timeout (the wait itself is invisible), a two-process deadlock and a plain
statement timeout. A "logging doctor" should flag every missing setting from this file alone.
Ground truth (pids, victim) in `truth.json`.
EOF
}

run_bench() {
  log "bench-seed"
  aux_init
  mkdir -p "$OUT/bench-seed"
  local prefix='%m [%p] %q%u@%d '
  aux_start bench "log_line_prefix = '$prefix'" "log_min_duration_statement = 0" "log_connections = off" \
    "log_disconnections = off" "log_lock_waits = off" "deadlock_timeout = '1s'" "log_statement = 'none'"
  pgb pgbench app bench -c 4 -j 2 -T 10 >"$CL/bench.out" 2>&1 || die "pgbench failed: $(tail -n3 "$CL/bench.out")"
  pg_stop fast
  local f; f=$(only_file "$AUX_LOGDIR" log)
  gzip -9 -c "$f" >"$OUT/bench-seed/pgbench.log.gz"
  local txs tps lines
  txs=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$CL/bench.out")
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$CL/bench.out")
  lines=$(wc -l <"$f")
  write_json "$OUT/bench-seed/truth.json" "$(pair log_line_prefix "$(jstr "$prefix")")" \
    "$(pair command '"pgbench -c 4 -j 2 -T 10 (built-in TPC-B-like script, scale 1, simple protocol)"')" \
    "$(pair transactions "$(num "$txs")")" "$(pair tps "$(num "$tps")")" \
    "$(pair uncompressed_lines "$(num "$lines")")" "$(pair uncompressed_bytes "$(num "$(stat -c %s "$f")")")"
  cat >"$OUT/bench-seed/README.md" <<EOF
# Benchmark seed

\`pgbench.log.gz\`: one real \`pgbench -c 4 -j 2 -T 10\` run (built-in TPC-B-like script, scale 1,
user app, database bench) with \`log_min_duration_statement = 0\` and
\`log_line_prefix = '$prefix'\`, stderr only; server start to fast shutdown. $txs transactions
(7 statements each: BEGIN, 3 UPDATEs, SELECT, INSERT, END), $lines lines uncompressed. pgbench's
own setup (VACUUM, TRUNCATE pgbench_history) is at the start. A benchmark replicates this file
(shifting times/pids) to build a 300+ MB input.
EOF
}

# =============================================================================================
# off-outage: an Open Food France-style outage (2019: deadlocks between background jobs and web
# requests, then a migration stuck behind an idle-in-transaction job) compressed into ~3.5 minutes
# of real server time on a cluster of its own. Client programs and schema in
# scripts/samples/off-outage/; the timeline is driven from here and timed on the client side.
# =============================================================================================
OFF_PREFIX='%m [%p] %q[user=%u,db=%d,app=%a,client=%h,xid=%x] '
# Phase lengths in seconds. Overridable for trial runs; the committed samples use the defaults.
OFF_STEADY_S=${OFF_STEADY_S:-60}          # baseline before the storm
OFF_STORM_S=${OFF_STORM_S:-25}            # checkout/stock-sync deadlock storm (pgbench -T)
OFF_CALM_S=${OFF_CALM_S:-10}              # baseline between the storm and the stuck job
OFF_STUCK_LEAD_S=${OFF_STUCK_LEAD_S:-10}  # stuck job idle in transaction before the migration
OFF_PILEUP_S=${OFF_PILEUP_S:-75}          # migration start -> pg_terminate_backend
OFF_RECOVERY_S=${OFF_RECOVERY_S:-30}      # steady traffic after the resolution
OFF_WEB_WORKERS=10                        # persistent puma connections (psql sessions)
OFF_SPAWN_INTERVAL=0.25                   # one short-lived puma request (new connection) every 0.25 s
OFF_WEB_TIMEOUT=5s                        # statement_timeout of every puma session
OFF_MAX_CONNECTIONS=30
OFF_SU_RESERVED=3

# off_at SECONDS: sleep until SECONDS after the logged traffic started (no drift between phases).
off_at() {
  local now target left
  now=${EPOCHREALTIME/./}; target=$((OFF_T0_US + $1 * 1000000)); left=$((target - now))
  if ((left > 0)); then sleep "$(printf '%d.%06d' $((left / 1000000)) $((left % 1000000)))"; fi
  return 0
}
# off_request N: one web request on a new connection; "N start end exit" goes to requests.idx.
off_request() {
  local i=$1 p=$((1 + RANDOM % 3000)) t0 rc=0
  t0=$(utc_now)
  PGOPTIONS="-c statement_timeout=$OFF_WEB_TIMEOUT" cli puma app shop \
    -c "SELECT id, supplier_id, name, permalink, price FROM products WHERE id = $p;" \
    -c "SELECT id, sku, price, count_on_hand FROM variants WHERE product_id = $p ORDER BY position;" \
    >/dev/null 2>"$OFF_CL/req/$i.err" || rc=$?
  printf '%s %s %s %s\n' "$i" "$t0" "$(utc_now)" "$rc" >>"$OFF_CL/requests.idx"
}
off_spawner() { # until the stop file exists
  local i=0
  while [[ ! -e $OFF_CL/stop ]]; do
    i=$((i + 1)); off_request "$i" &
    sleep "$OFF_SPAWN_INTERVAL"
  done
  wait
}
# off_op_session TAG SQLFILE: an operator psql session (superuser, unix socket); retried while
# the server refuses it. Sets BG_PID; refused attempts are kept as $OFF_CL/TAG-refused-N.err.
off_op_session() {
  local tag=$1 f=$2 try
  for try in $(seq 1 40); do
    op -f "$f" >"$CL/$tag.out" 2>"$CL/$tag.err" &
    BG_PID=$!
    wait_started "$tag" && return 0
    wait "$BG_PID" || true
    cp "$CL/$tag.err" "$OFF_CL/$tag-refused-$try.err"
    sleep 0.3
  done
  die "operator session $tag could not connect"
}
# off_log_ts ERE: time of the first stderr-log line matching ERE, as ISO UTC (log_timezone = UTC).
off_log_ts() {
  local l; l=$(grep -m1 -E "$1" "$OFF_LOG" || true)
  if [[ -n $l ]]; then printf '%sT%sZ' "${l:0:10}" "${l:11:12}"; fi
}
off_j() { if [[ -n $1 ]]; then jstr "$1"; else printf null; fi; } # JSON string, null if empty
off_count() { grep -c -E "$1" "$2" || true; } # off_count ERE FILE
off_secs() { # off_secs ISO1 ISO2: ISO2 - ISO1 in seconds (3 decimals)
  if [[ -n $1 && -n $2 ]]; then
    awk -v a="$(date -u -d "$1" +%s.%3N)" -v b="$(date -u -d "$2" +%s.%3N)" 'BEGIN { printf "%.3f", b - a }'
  fi
}

run_off_outage() {
  log "off-outage (about $((OFF_STEADY_S + OFF_STORM_S + OFF_CALM_S + OFF_STUCK_LEAD_S + OFF_PILEUP_S + OFF_RECOVERY_S + 25)) s)"
  local D=$OUT/off-outage H=$HELPERS/off-outage
  OFF_CL=$CL/off
  mkdir -p "$D" "$OFF_CL/req"
  init_cluster "$WORK/pg/off"
  { base_conf; cat <<EOF
max_connections = $OFF_MAX_CONNECTIONS
superuser_reserved_connections = $OFF_SU_RESERVED
log_destination = 'stderr,csvlog,jsonlog'
log_directory = 'log'
log_line_prefix = '$OFF_PREFIX'
log_timezone = 'UTC'
log_lock_waits = on
deadlock_timeout = '200ms'
log_min_duration_statement = '100ms'
log_connections = on
log_disconnections = on
log_statement = 'ddl'
log_checkpoints = on
log_autovacuum_min_duration = 0
log_temp_files = 0
log_error_verbosity = default
checkpoint_timeout = '90s'
autovacuum_naptime = '10s'
EOF
  } >>"$DATA/postgresql.conf"
  pg_start
  OPDB=postgres op -v ON_ERROR_STOP=1 >/dev/null <<EOF
CREATE ROLE app LOGIN PASSWORD '$APP_PW';
CREATE DATABASE shop OWNER app;
EOF
  cli rails_migration app shop -v ON_ERROR_STOP=1 -f "$H/schema.sql" >/dev/null
  local catalog products_oid shop_oid
  catalog=$(op -c "SELECT json_build_object(
      'database_oids', (SELECT json_object_agg(datname, oid::bigint ORDER BY oid) FROM pg_database),
      'relation_oids', (SELECT json_object_agg(c.oid::text, c.relname ORDER BY c.oid) FROM pg_class c
                        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 'S')))")
  products_oid=$(op -c "SELECT 'products'::regclass::oid")
  shop_oid=$(op -c "SELECT oid FROM pg_database WHERE datname = 'shop'")
  op -c "CHECKPOINT"
  wait_quiet
  rotate_log # the sample starts here: set-up (initdb, schema, data) stays in the previous file
  OFF_LOG=$(cur_log)

  # -- client programs ---------------------------------------------------------------------
  local total=$((OFF_STEADY_S + OFF_STORM_S + OFF_CALM_S + OFF_STUCK_LEAD_S + OFF_PILEUP_S + OFF_RECOVERY_S))
  local t_storm=$OFF_STEADY_S
  local t_stuck=$((OFF_STEADY_S + OFF_STORM_S + OFF_CALM_S))
  local t_mig=$((t_stuck + OFF_STUCK_LEAD_S))
  local t_monitor=$((t_mig + OFF_PILEUP_S * 45 / 100))
  local t_opconn=$((t_mig + OFF_PILEUP_S * 85 / 100))
  local t_term=$((t_mig + OFF_PILEUP_S))
  local i
  for i in $(seq 1 "$OFF_WEB_WORKERS"); do
    awk -v seed="$i" -v requests=$((total * 3)) -v stop="$OFF_CL/stop" -f "$H/web-worker.awk" >"$OFF_CL/web-$i.sql"
  done
  cat >"$OFF_CL/stuck.sql" <<EOF
SELECT 'pid=' || pg_backend_pid();
\o /dev/null
INSERT INTO delayed_jobs (handler, queue) VALUES ('--- !ruby/object:ProductImportJob supplier_id: 17 file: inventory-2019-03.csv', 'default');
UPDATE delayed_jobs SET locked_at = now(), locked_by = 'delayed_job host:ofn-prod pid:2230' WHERE id = currval('delayed_jobs_id_seq');
BEGIN;
SELECT id, name, price FROM products WHERE supplier_id = 17 ORDER BY id FOR UPDATE;
UPDATE products SET price = price + 0.10, updated_at = now() WHERE supplier_id = 17;
\o
SELECT 'xid=' || txid_current();
\set t \`date -u +%Y-%m-%dT%H:%M:%S.%3NZ\`
\echo idle_since=:t
\set x \`while [ ! -e $OFF_CL/release-stuck ]; do sleep 0.1; done\`
SELECT 'after=' || now();
EOF
  cat >"$OFF_CL/migration.sql" <<EOF
SELECT 'pid=' || pg_backend_pid();
\o /dev/null
SELECT pg_try_advisory_lock(1145566112405866616);
SELECT version FROM schema_migrations ORDER BY version;
\o
\set t \`date -u +%Y-%m-%dT%H:%M:%S.%3NZ\`
\echo start=:t
BEGIN;
ALTER TABLE products ADD COLUMN on_demand boolean NOT NULL DEFAULT false;
INSERT INTO schema_migrations (version) VALUES ('20190327104559');
COMMIT;
\set t \`date -u +%Y-%m-%dT%H:%M:%S.%3NZ\`
\echo done=:t
\o /dev/null
SELECT pg_advisory_unlock(1145566112405866616);
EOF
  {
    echo "SELECT 'pid=' || pg_backend_pid();"
    echo '\o /dev/null'
    for i in $(seq 1 200); do
      echo "SELECT state, wait_event_type, application_name, count(*), max(now() - xact_start) FROM pg_stat_activity WHERE datname = 'shop' GROUP BY 1, 2, 3 ORDER BY 4 DESC;"
      echo "\\set done \`sleep 3; test -e $OFF_CL/stop && echo on || echo off\`"
      echo '\if :done'; echo '\q'; echo '\endif'
    done
  } >"$OFF_CL/monitor.sql"
  cat >"$OFF_CL/operator.sql" <<EOF
SELECT 'pid=' || pg_backend_pid();
\o /dev/null
SELECT pid, application_name, state, wait_event_type, now() - xact_start AS xact_age, left(query, 80) FROM pg_stat_activity WHERE datname = 'shop' ORDER BY xact_start NULLS LAST;
SELECT pid, pg_blocking_pids(pid) AS blocked_by, application_name, left(query, 60) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0;
SELECT pid, application_name, xact_start, state_change, query FROM pg_stat_activity WHERE state = 'idle in transaction';
\o
\set x \`while [ ! -e $OFF_CL/go-terminate ]; do sleep 0.05; done\`
\set t \`date -u +%Y-%m-%dT%H:%M:%S.%3NZ\`
\echo terminate_sent=:t
SELECT 'terminated=' || pid || ':' || pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'delayed_job' AND state = 'idle in transaction';
\set t \`date -u +%Y-%m-%dT%H:%M:%S.%3NZ\`
\echo terminate_returned=:t
EOF

  # -- 1. steady state ---------------------------------------------------------------------
  local web_pids=() t_steady0 storm0 storm1 stuck0 stop_t
  OFF_T0_US=${EPOCHREALTIME/./}
  t_steady0=$(utc_now)
  log "off-outage: steady state ($OFF_STEADY_S s)"
  for i in $(seq 1 "$OFF_WEB_WORKERS"); do
    PGOPTIONS="-c statement_timeout=$OFF_WEB_TIMEOUT" cli puma app shop -f "$OFF_CL/web-$i.sql" \
      >"$CL/off-web-$i.out" 2>"$CL/off-web-$i.err" &
    web_pids+=("$!")
  done
  pgb delayed_job app shop -n -c 2 -j 1 -R 3 -T "$total" -f "$H/jobs.pgbench" >"$OFF_CL/jobs.out" 2>&1 &
  local jobs_pid=$!
  off_spawner &
  local spawner_pid=$!

  # -- 2. checkout deadlock storm ----------------------------------------------------------
  off_at "$t_storm"
  log "off-outage: deadlock storm ($OFF_STORM_S s)"
  storm0=$(utc_now)
  PGOPTIONS="-c statement_timeout=$OFF_WEB_TIMEOUT" pgb puma app shop -n -c 4 -j 1 -R 14 -T "$OFF_STORM_S" \
    --max-tries=5 --failures-detailed --verbose-errors -f "$H/checkout.pgbench" >"$OFF_CL/storm-checkout.out" 2>&1 &
  local sc=$!
  pgb delayed_job app shop -n -c 3 -j 1 -R 10 -T "$OFF_STORM_S" \
    --max-tries=5 --failures-detailed --verbose-errors -f "$H/stock-sync.pgbench" >"$OFF_CL/storm-sync.out" 2>&1 &
  local ss=$!
  wait "$sc" || true; wait "$ss" || true
  storm1=$(utc_now)

  # -- 3. the stuck job --------------------------------------------------------------------
  off_at "$t_stuck"
  log "off-outage: stuck delayed_job, then the migration ${OFF_STUCK_LEAD_S} s later"
  stuck0=$(utc_now)
  cli delayed_job app shop -f "$OFF_CL/stuck.sql" >"$CL/off-stuck.out" 2>"$CL/off-stuck.err" &
  local stuck_job=$!
  wait_started off-stuck || die "stuck job did not start: $(cat "$CL/off-stuck.err")"

  # -- 4. the migration; 5. the pile-up ----------------------------------------------------
  off_at "$t_mig"
  cli rails_migration app shop -f "$OFF_CL/migration.sql" >"$CL/off-migration.out" 2>"$CL/off-migration.err" &
  local mig_job=$!
  wait_started off-migration || die "migration did not start: $(cat "$CL/off-migration.err")"
  log "off-outage: pile-up ($OFF_PILEUP_S s)"
  off_at "$t_monitor"
  off_op_session off-monitor "$OFF_CL/monitor.sql"; local mon_job=$BG_PID
  off_at "$t_opconn"
  off_op_session off-operator "$OFF_CL/operator.sql"; local op_job=$BG_PID

  # -- 6. resolution and recovery ----------------------------------------------------------
  off_at "$t_term"
  touch "$OFF_CL/go-terminate"
  wait "$op_job" || true
  touch "$OFF_CL/release-stuck"
  wait "$stuck_job" || true
  wait "$mig_job" || true
  log "off-outage: resolved; recovery ($OFF_RECOVERY_S s)"
  off_at "$total"
  stop_t=$(utc_now)
  touch "$OFF_CL/stop"
  wait "$spawner_pid" || true
  for i in "${web_pids[@]}"; do wait "$i" || true; done
  wait "$mon_job" || true
  wait "$jobs_pid" || true
  wait_quiet
  rotate_log
  copy_trio "$OFF_LOG" "$D/postgresql"
  OFF_LOG=$D/postgresql.log
  local pm=$PM_PID
  pg_stop fast

  # -- ground truth: what the clients saw ---------------------------------------------------
  local stuck_pid stuck_xid idle_since mig_pid mig_start mig_done op_pid mon_pid term_sent term_ret terminated
  stuck_pid=$(got off-stuck pid); stuck_xid=$(got off-stuck xid); idle_since=$(got off-stuck idle_since)
  mig_pid=$(got off-migration pid); mig_start=$(got off-migration start); mig_done=$(got off-migration done)
  op_pid=$(got off-operator pid); mon_pid=$(got off-monitor pid)
  term_sent=$(got off-operator terminate_sent); term_ret=$(got off-operator terminate_returned)
  terminated=$(sed -nE 's/^terminated=([0-9]+):(t|true)$/\1/p' "$CL/off-operator.out" | paste -sd, -)
  [[ $terminated == "$stuck_pid" ]] || log "warning: pg_terminate_backend ended '$terminated', the stuck job is $stuck_pid"
  [[ -n $mig_done ]] || log "warning: the migration did not complete: $(cat "$CL/off-migration.err")"
  local storm_out=("$OFF_CL/storm-checkout.out" "$OFF_CL/storm-sync.out")
  local c_dl c_dl_web c_dl_job c_st c_tmc c_rsv c_op_ref n_req n_ok first_ref
  c_dl_web=$(off_count 'ERROR:  deadlock detected' "$OFF_CL/storm-checkout.out")
  c_dl_job=$(off_count 'ERROR:  deadlock detected' "$OFF_CL/storm-sync.out")
  c_dl=$((c_dl_web + c_dl_job))
  c_st=$(cat "$CL"/off-web-*.err "$OFF_CL"/req/*.err "${storm_out[@]}" | grep -c 'canceling statement due to statement timeout' || true)
  c_tmc=$(cat "$OFF_CL"/req/*.err | grep -c 'FATAL:  sorry, too many clients already' || true)
  c_rsv=$(cat "$OFF_CL"/req/*.err | grep -c 'FATAL:  remaining connection slots are reserved' || true)
  c_op_ref=$(find "$OFF_CL" -name 'off-*-refused-*.err' | wc -l)
  n_req=$(wc -l <"$OFF_CL/requests.idx")
  n_ok=$(awk '$4 == 0' "$OFF_CL/requests.idx" | wc -l)
  first_ref=$(grep -l 'FATAL:' "$OFF_CL"/req/*.err | sed -E 's#.*/([0-9]+)\.err$#\1#' |
    awk 'NR == FNR { r[$1] = 1; next } ($1 in r) { print $3 }' - "$OFF_CL/requests.idx" | sort | head -n1 || true)
  local jobs_aborted; jobs_aborted=$(grep -c 'aborted' "$OFF_CL/jobs.out" || true)
  ((jobs_aborted == 0)) || log "warning: steady delayed_job pgbench clients aborted: $(grep -m1 aborted "$OFF_CL/jobs.out")"
  local storm_retries storm_failures
  storm_retries=$(sed -n 's/^total number of retries: \([0-9]*\).*/\1/p' "${storm_out[@]}" | awk '{ s += $1 } END { print s + 0 }')
  storm_failures=$(sed -n 's/^number of deadlock failures: \([0-9]*\).*/\1/p' "${storm_out[@]}" | awk '{ s += $1 } END { print s + 0 }')

  # -- and checked against the log ----------------------------------------------------------
  local J=$D/postgresql.json C=$D/postgresql.csv
  local l_dl l_st l_tmc l_rsv l_term l_dl_json l_st_json l_tmc_json l_rsv_json l_dl_csv
  l_dl=$(off_count 'ERROR:  deadlock detected$' "$OFF_LOG")
  l_st=$(off_count 'ERROR:  canceling statement due to statement timeout$' "$OFF_LOG")
  l_tmc=$(off_count 'FATAL:  sorry, too many clients already$' "$OFF_LOG")
  l_rsv=$(off_count 'FATAL:  remaining connection slots are reserved' "$OFF_LOG")
  l_term=$(off_count 'FATAL:  terminating connection due to administrator command$' "$OFF_LOG")
  l_dl_json=$(off_count '"message":"deadlock detected"' "$J")
  l_st_json=$(off_count '"message":"canceling statement due to statement timeout"' "$J")
  l_tmc_json=$(off_count '"message":"sorry, too many clients already"' "$J")
  l_rsv_json=$(off_count '"message":"remaining connection slots are reserved' "$J")
  l_dl_csv=$(off_count ',ERROR,40P01,"deadlock detected",' "$C")
  local lt_alter lt_xwait lt_swait lt_ref lt_term lt_acq lt_first_dl lt_last_dl
  lt_alter=$(off_log_ts "\[$mig_pid\] .*LOG:  statement: ALTER TABLE products")
  lt_xwait=$(off_log_ts "\[$mig_pid\] .*still waiting for AccessExclusiveLock on relation $products_oid of database $shop_oid")
  lt_swait=$(off_log_ts "still waiting for AccessShareLock on relation $products_oid of database $shop_oid")
  lt_ref=$(off_log_ts 'FATAL:  (sorry, too many clients already|remaining connection slots are reserved)')
  lt_term=$(off_log_ts "\[$stuck_pid\] .*FATAL:  terminating connection due to administrator command")
  lt_acq=$(off_log_ts "\[$mig_pid\] .*acquired AccessExclusiveLock on relation $products_oid")
  lt_first_dl=$(off_log_ts 'ERROR:  deadlock detected$')
  lt_last_dl=$(grep -E 'ERROR:  deadlock detected$' "$OFF_LOG" | tail -n1 | awk '{ printf "%sT%sZ", $1, $2 }' || true)
  local p; for p in "$stuck_pid" "$mig_pid" "$op_pid" "$mon_pid"; do
    grep -q "\[$p\] .*connection authorized" "$OFF_LOG" || log "warning: pid $p has no 'connection authorized' line in the log"
  done
  [[ -n $lt_term ]] || log "warning: no terminate line for the stuck job $stuck_pid in the log"
  [[ -n $lt_acq ]] || log "warning: no 'acquired AccessExclusiveLock' line for the migration $mig_pid in the log"
  ((l_dl == c_dl)) || log "warning: deadlocks: clients saw $c_dl, the log has $l_dl"
  ((l_st == c_st)) || log "warning: statement timeouts: clients saw $c_st, the log has $l_st"
  ((l_tmc + l_rsv == c_tmc + c_rsv + c_op_ref)) || log "warning: refusals: clients saw $((c_tmc + c_rsv + c_op_ref)), the log has $((l_tmc + l_rsv))"
  ((l_dl == l_dl_json && l_dl == l_dl_csv && l_st == l_st_json && l_tmc == l_tmc_json && l_rsv == l_rsv_json)) ||
    log "warning: stderr/json/csv counts differ (deadlocks $l_dl/$l_dl_json/$l_dl_csv, timeouts $l_st/$l_st_json)"
  local pile_s; pile_s=$(off_secs "$mig_start" "$term_ret")
  local agree="The clients saw exactly these numbers too (truth.json client_counts)."
  if ((l_dl != c_dl || l_st != c_st || l_tmc + l_rsv != c_tmc + c_rsv + c_op_ref)); then
    agree="The clients' own counts differ: $c_dl deadlock errors, $c_st statement timeouts, $((c_tmc + c_rsv + c_op_ref)) refusals (truth.json client_counts)."
  fi

  write_json "$D/truth.json" \
    "$(pair server_version "$(jstr "$PG_VERSION")")" \
    "$(pair files "$(strs postgresql.log postgresql.csv postgresql.json)")" \
    "$(pair log_line_prefix "$(jstr "$OFF_PREFIX")")" \
    "$(pair settings "$(obj log_destination '"stderr,csvlog,jsonlog"' log_timezone '"UTC"' max_connections "$OFF_MAX_CONNECTIONS" \
      superuser_reserved_connections "$OFF_SU_RESERVED" deadlock_timeout '"200ms"' log_lock_waits '"on"' \
      log_min_duration_statement '"100ms"' log_connections '"on"' log_disconnections '"on"' log_statement '"ddl"' \
      log_checkpoints '"on"' log_autovacuum_min_duration 0 log_temp_files 0 checkpoint_timeout '"90s"' \
      autovacuum_naptime '"10s"' web_statement_timeout "$(jstr "$OFF_WEB_TIMEOUT")")")" \
    "$(pair postmaster_pid "$(num "$pm")")" \
    "$(pair database '"shop"')" \
    "$(pair products_relation_oid "$(num "$products_oid")")" \
    "$(pair shop_database_oid "$(num "$shop_oid")")" \
    "$(pair catalog "$catalog")" \
    "$(pair timing_source '"client side: date -u on the machine running the server, at the moment each action was sent or returned"')" \
    "$(pair phases "$(obj \
      steady "$(strs "$t_steady0" "$storm0")" \
      storm "$(strs "$storm0" "$storm1")" \
      calm "$(strs "$storm1" "$stuck0")" \
      stuck_job_start "$(off_j "$stuck0")" \
      stuck_job_idle_in_transaction_since "$(off_j "$idle_since")" \
      migration_start "$(off_j "$mig_start")" \
      first_refusal "$(off_j "$first_ref")" \
      terminate_sent "$(off_j "$term_sent")" \
      terminate "$(off_j "$term_ret")" \
      migration_done "$(off_j "$mig_done")" \
      recovery "$(strs "$mig_done" "$stop_t")" \
      traffic_stopped "$(off_j "$stop_t")")")" \
    "$(pair pile_up "$(obj start "$(off_j "$mig_start")" end "$(off_j "$term_ret")" duration_s "$(num "$pile_s")" \
      start_definition "$(jstr "client time just before the migration sent BEGIN; ALTER TABLE products ...: the ALTER waits for AccessExclusiveLock from that moment (the stuck job holds RowExclusiveLock on products); the server logs the statement at once and 'still waiting' 200 ms (deadlock_timeout) later")" \
      end_definition "$(jstr "client time when the operator's pg_terminate_backend(...) returned: the stuck job is gone, the migration acquires its lock and commits within milliseconds and the queued SELECTs proceed")" \
      detection_tolerance_s 5 \
      note '"tests require an incident detected from the logs to start and end within 5 s of this window"')")" \
    "$(pair actors "$(obj \
      stuck_job "$(obj pid "$(num "$stuck_pid")" application_name '"delayed_job"' user '"app"' xid "$(num "$stuck_xid")" \
        holds '"RowShareLock + RowExclusiveLock on products, row locks on products WHERE supplier_id = 17"' \
        fate '"terminated by the operator (FATAL terminating connection due to administrator command)"')" \
      migration "$(obj pid "$(num "$mig_pid")" application_name '"rails_migration"' user '"app"' \
        statement '"ALTER TABLE products ADD COLUMN on_demand boolean NOT NULL DEFAULT false"' outcome "$(jstr "$([[ -n $mig_done ]] && echo committed || echo failed)")")" \
      operator "$(obj pid "$(num "$op_pid")" application_name '"psql"' user '"postgres"' connection '"[local] (unix socket)"' \
        statement "$(jstr "SELECT 'terminated=' || pid || ':' || pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'delayed_job' AND state = 'idle in transaction'")" \
        terminated_pids "$(nums ${terminated//,/ })")" \
      operator_monitor "$(obj pid "$(num "$mon_pid")" application_name '"psql"' user '"postgres"' \
        note '"a first operator session that only watches pg_stat_activity, from 45 % of the pile-up to the end"')")")" \
    "$(pair client_counts "$(obj \
      deadlock_errors "$(num "$c_dl")" deadlock_errors_by_app "$(obj puma "$(num "$c_dl_web")" delayed_job "$(num "$c_dl_job")")" \
      storm_pgbench_retries "$(num "$storm_retries")" storm_pgbench_deadlock_failures "$(num "$storm_failures")" \
      statement_timeouts "$(num "$c_st")" \
      refused_too_many_clients "$(num "$c_tmc")" refused_reserved_slots "$(num "$c_rsv")" \
      refused_operator_attempts "$(num "$c_op_ref")" \
      short_lived_web_requests "$(num "$n_req")" short_lived_web_requests_ok "$(num "$n_ok")")")" \
    "$(pair log_counts "$(obj \
      deadlock_detected "$(num "$l_dl")" statement_timeout "$(num "$l_st")" too_many_clients "$(num "$l_tmc")" \
      reserved_slots "$(num "$l_rsv")" terminating_administrator_command "$(num "$l_term")" \
      same_in_json "$(obj deadlock_detected "$(num "$l_dl_json")" statement_timeout "$(num "$l_st_json")" \
        too_many_clients "$(num "$l_tmc_json")" reserved_slots "$(num "$l_rsv_json")")" \
      deadlock_detected_in_csv "$(num "$l_dl_csv")")")" \
    "$(pair log_times "$(obj \
      first_deadlock "$(off_j "$lt_first_dl")" last_deadlock "$(off_j "$lt_last_dl")" \
      migration_statement_logged "$(off_j "$lt_alter")" migration_still_waiting "$(off_j "$lt_xwait")" \
      first_select_queued "$(off_j "$lt_swait")" first_refusal "$(off_j "$lt_ref")" \
      stuck_job_terminated "$(off_j "$lt_term")" migration_acquired "$(off_j "$lt_acq")")")" \
    "$(pair workload "$(obj \
      web_persistent "$(jstr "$OFF_WEB_WORKERS psql sessions (puma, statement_timeout $OFF_WEB_TIMEOUT): product pages, cart updates, best-sellers queries now and then; scripts/samples/off-outage/web-worker.awk")" \
      web_short_lived "$(jstr "one psql request per $OFF_SPAWN_INTERVAL s on a new connection (puma, statement_timeout $OFF_WEB_TIMEOUT): product page")" \
      jobs "$(jstr "pgbench -c 2 -R 3 (delayed_job): scripts/samples/off-outage/jobs.pgbench")" \
      storm "$(jstr "pgbench -c 4 -R 14 checkout.pgbench (puma, ascending hot variants 1..6) against pgbench -c 3 -R 10 stock-sync.pgbench (delayed_job, descending), --max-tries=5, $OFF_STORM_S s")")")"

  cat >"$D/README.md" <<EOF
# off-outage: an Open Food France-style outage from a real server

Modelled on Open Food France's 2019 incident (1 h 40 min lost to what looked like deadlocks between
background jobs and web requests), compressed into $((total / 60)) min $((total % 60)) s of real
PostgreSQL 15 time. One server logged to stderr, csvlog and jsonlog at once:
\`postgresql.log\`, \`postgresql.csv\`, \`postgresql.json\` (same events). Written by
\`scripts/make-samples.sh off-outage\` (helpers in \`scripts/samples/off-outage/\`); ground truth,
timed by the clients themselves, in \`truth.json\`.

Applications (\`application_name\`): \`puma\` (web), \`delayed_job\` (background jobs),
\`rails_migration\` (a deploy), \`psql\` (the operator, superuser over the unix socket). Role \`app\`
is not a superuser; \`max_connections = $OFF_MAX_CONNECTIONS\`, \`superuser_reserved_connections = $OFF_SU_RESERVED\`.
\`log_line_prefix = '$OFF_PREFIX'\`, log_timezone UTC, log_lock_waits on, deadlock_timeout 200ms,
log_min_duration_statement 100ms, connections/disconnections, log_statement ddl, checkpoints,
autovacuum, temp files.

| Phase | From (UTC) | To (UTC) |
|---|---|---|
| 1. steady state: $OFF_WEB_WORKERS persistent puma sessions, a short-lived puma request every $OFF_SPAWN_INTERVAL s, 2 delayed_job workers | $t_steady0 | $storm0 |
| 2. checkout deadlock storm (puma checkouts vs delayed_job stock syncs on variants 1..6): $c_dl deadlocks | $storm0 | $storm1 |
| steady state again | $storm1 | $stuck0 |
| 3. stuck job: delayed_job pid $stuck_pid locks products rows (supplier 17), then idle in transaction | $stuck0 (idle from $idle_since) | $term_ret |
| 4. migration: rails_migration pid $mig_pid, \`ALTER TABLE products ADD COLUMN on_demand ...\` waits for AccessExclusiveLock | $mig_start | $mig_done |
| 5. pile-up: SELECTs on products queue behind the ALTER, statement timeouts (5 s), connection slots run out (first refusal $first_ref) | $mig_start | $term_ret |
| 6. resolution: operator psql pid $op_pid runs pg_terminate_backend on the idle-in-transaction delayed_job | $term_sent | $term_ret |
| recovery: the migration commits, queued SELECTs proceed, steady traffic | $mig_done | $stop_t |

**Pile-up window** (the incident a detector must find): from **$mig_start** (client time just before
the migration sent its ALTER TABLE; it waits from that moment) to **$term_ret** (client time when the
operator's \`pg_terminate_backend\` returned; the migration then acquires its lock and commits within
milliseconds), $pile_s s. Tests require incident detection within **5 s** of both ends.

As found in \`postgresql.log\` (and the same in the json/csv files): $l_dl \`deadlock detected\` errors,
$l_st statement timeouts, $l_rsv \`remaining connection slots are reserved ...\` and $l_tmc
\`sorry, too many clients already\` refusals, $l_term \`terminating connection due to administrator
command\` (pid $stuck_pid at $lt_term). $agree The migration's ALTER is logged at $lt_alter, its first
\`still waiting\` at $lt_xwait, the first queued SELECT at $lt_swait, its lock acquired at $lt_acq.
Refusals: the app role may use $((OFF_MAX_CONNECTIONS - OFF_SU_RESERVED)) of the $OFF_MAX_CONNECTIONS slots, so a full server mostly
answers with the reserved-slots message; \`too many clients\` only appears when connection attempts
race for the very last slots. A refused connection's own lines carry \`app=[unknown]\` in the prefix
(application_name is not set yet); its \`connection authorized: ... application_name=puma\` line, same
pid, names it. The operator (superuser) gets in through the reserved slots: a first
session (pid $mon_pid) only watches pg_stat_activity from 45 % of the pile-up on, the second (pid
$op_pid) looks at the blockers and runs the terminate. The set-up (schema, data) is not in these
files: the log starts with the steady state.
EOF
}

# =============================================================================================
log "PostgreSQL: $PG_VERSION; sections: ${SECTIONS[*]}; work dir $WORK"
want main && run_main
want prefixes && run_prefixes
want prefix-change && run_prefix_change
want timezone && run_timezone
want archive && run_archive
want syslog && run_syslog
want heroku && run_heroku
want poor && run_poor
want bench && run_bench
want off-outage && run_off_outage

# Swap the regenerated folders into samples/ (only the ones this run produced).
mkdir -p "$SAMPLES"
for s in "${SECTIONS[@]}"; do
  d=${SECTION_DIR[$s]}
  rm -rf "${SAMPLES:?}/$d"
  cp -r "$OUT/$d" "$SAMPLES/$d"
done

# samples/README.md: an index of everything this script owns, with line counts. An off-outage-only
# run leaves it alone (the index is refreshed by the next run of any other section).
count_lines() {
  case $1 in
    *.tar.gz) tar -xzOf "$1" | wc -l ;;
    *.gz) gzip -dc "$1" | wc -l ;;
    *.bz2) bzip2 -dc "$1" | wc -l ;;
    *.zip) unzip -p "$1" | wc -l ;;
    *) wc -l <"$1" ;;
  esac
}
index_needed=""
for s in "${SECTIONS[@]}"; do if [[ $s != off-outage ]]; then index_needed=1; fi; done
if [[ -n $index_needed ]]; then {
  cat <<EOF
# samples/

Real PostgreSQL logs produced by \`scripts/make-samples.sh\` (re-runnable; it rewrites exactly the
folders listed here; other folders under samples/ are hand-made fixtures and are left alone).
Server: $PG_VERSION on Debian. Nothing is masked. This index was last written on $(date -u +%Y-%m-%d)
by a run of: ${SECTIONS[*]}; a folder keeps the logs of the run that made it, with that day's times
(a store of folders made on different days spans those days).

- \`run-main/\`: one server, 12 scenarios (00 setup … 11 restart), each as a stderr/csvlog/jsonlog trio;
  ground truth in \`run-main/TRUTH.md\` and \`run-main/truth.json\`.
- \`prefixes/\`: the same small workload under nine log_line_prefix values (see its README).
- \`prefix-change/\`: log_line_prefix changed by a reload, and changed back, mid-log (stderr+csv).
- \`timezone/\`: Europe/Paris and Etc/GMT-3 log_timezone runs, stderr+csv+json.
- \`archive/\`: six rotated stderr files spread over .tar.gz, .gz, .bz2 and .zip.
- \`syslog/\`: log_destination = syslog through rsyslog (traditional, RFC 3339 and RFC 5424 formats).
- \`heroku/\`: Heroku Postgres's shapes (\`heroku logs\` output, an HTTPS drain's frames), through rsyslog.
- \`poor-logging/\`: a badly configured server (for the logging doctor).
- \`bench-seed/\`: a gzip'd pgbench run with log_min_duration_statement = 0 (benchmark seed).
- \`off-outage/\`: an Open Food France-style outage (deadlock storm, idle-in-transaction job, migration
  lock queue, connection exhaustion, pg_terminate_backend), stderr+csv+json; ground truth in its truth.json.

| File | Lines (uncompressed) | Bytes |
|---|---:|---:|
EOF
  for d in run-main prefixes prefix-change timezone archive syslog heroku poor-logging bench-seed off-outage; do
    [[ -d $SAMPLES/$d ]] || continue
    while IFS= read -r f; do
      printf '| `%s` | %s | %s |\n' "${f#"$SAMPLES"/}" "$(count_lines "$f")" "$(stat -c %s "$f")"
    done < <(find "$SAMPLES/$d" -type f | sort)
  done
} >"$SAMPLES/README.md"; fi

log "done in $((SECONDS - T_START)) s. Produced:"
for s in "${SECTIONS[@]}"; do
  find "$SAMPLES/${SECTION_DIR[$s]}" -type f | sort | while IFS= read -r f; do
    printf '  %-62s %8s lines %10s bytes\n' "${f#"$REPO"/}" "$(count_lines "$f")" "$(stat -c %s "$f")"
  done
done
printf '  %-62s %8s lines\n' "samples/README.md" "$(wc -l <"$SAMPLES/README.md")"
du -sh "$SAMPLES" | awk '{print "  total size of samples/: " $1}'
