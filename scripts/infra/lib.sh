# Shared settings and helpers for the infra scripts; sourced, never run.
# Ports and credentials here are also the built-in defaults of the app configuration, so change
# them in both places (and in .data/infra.env via env.sh) or not at all.

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/../.." && pwd)"
DATA_DIR="$REPO_ROOT/.data"
DEPLOY_DIR="$REPO_ROOT/deploy"

KAFKA_HOST=127.0.0.1
KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19093
KAFKA_BROKERS="$KAFKA_HOST:$KAFKA_PORT"

PG_HOST=127.0.0.1
PG_PORT=55432
# Role and databases are created by deploy/postgres/init.sql; these name them for env.sh
# (opensts_<name>, DATABASE_URL_<NAME>): one per service, and nonces, shared by gateway and
# token-issuance.
PG_APP_USER=opensts
PG_APP_PASSWORD=opensts
PG_DATABASES=(identity policy issuance gateway audit nonces)

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# True if something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp: no ss/nc needed).
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Serialises concurrent up/down runs on the same clone (e.g. two terminals, parallel CI steps).
take_lock() {
  mkdir -p "$DATA_DIR"
  exec 9>"$DATA_DIR/.infra.lock"
  flock -w 900 9 || die "another infra script holds $DATA_DIR/.infra.lock"
}

# apt-get for a missing system package; only possible as root (CI is root) or with sudo.
apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install $*"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
  log "installing $* with apt-get"
  # 9>&-: a service the package starts must not inherit the lock of take_lock.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update >/dev/null 9>&-
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y \
    -o DPkg::Lock::Timeout=300 --no-install-recommends "$@" >/dev/null 9>&-
}
