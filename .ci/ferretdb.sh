#!/usr/bin/env bash
# Sourced by .ci/run: builds FerretDB 1.24.2 (a MongoDB-wire-compatible server, Apache-2.0) with Go, starts it
# on 127.0.0.1 with its SQLite backend in a temporary folder, and exports MONGODB_TEST_URI so the MongoDB
# tests (conformance, storage contract, two processes on one database) run against a real server. If Go,
# the build or the server is not available, it says why and the MongoDB tests skip with their own reason.
#
# Why not a plain `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`: that builds, but the
# binary panics at start ("Invalid build/version/version.txt file content"), because FerretDB embeds its
# version from build/version/version.txt, a file its own build task generates and its module does not ship.
# So the module is downloaded with Go, copied, given that file, and built; the binary is kept in the Go bin
# folder and reused by the next run.

FERRETDB_VERSION=v1.24.2

ferretdb_start() {
  if ! command -v go >/dev/null; then
    echo "FerretDB: not started (no Go on this machine); MongoDB tests will skip."
    return 0
  fi
  local bin
  bin="$(go env GOPATH)/bin/ferretdb-${FERRETDB_VERSION}"
  if [ ! -x "$bin" ]; then
    echo "FerretDB: building ${FERRETDB_VERSION} (once; kept as $bin)"
    local dir src
    dir="$(go mod download -json "github.com/FerretDB/FerretDB@${FERRETDB_VERSION}" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
    src="$(mktemp -d)"
    if [ -z "$dir" ] || ! cp -r "$dir/." "$src/" || ! chmod -R u+w "$src" ||
      ! echo "$FERRETDB_VERSION" >"$src/build/version/version.txt" ||
      ! (cd "$src" && go build -o "$bin" ./cmd/ferretdb); then
      echo "FerretDB: build failed; MongoDB tests will skip."
      rm -rf "$src"
      return 0
    fi
    rm -rf "$src"
  fi
  FERRETDB_DIR="$(mktemp -d)"
  local port=27117
  "$bin" --handler=sqlite --sqlite-url="file:${FERRETDB_DIR}/" --state-dir="$FERRETDB_DIR" \
    --listen-addr="127.0.0.1:${port}" --debug-addr=- --telemetry=disable --log-level=warn \
    >"$FERRETDB_DIR/ferretdb.log" 2>&1 &
  FERRETDB_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
      export MONGODB_TEST_URI="mongodb://127.0.0.1:${port}"
      echo "FerretDB ${FERRETDB_VERSION} (SQLite backend) on 127.0.0.1:${port}: MONGODB_TEST_URI=${MONGODB_TEST_URI}"
      return 0
    fi
    if ! kill -0 "$FERRETDB_PID" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "FerretDB: the server did not start; MongoDB tests will skip. Its log:"
  cat "$FERRETDB_DIR/ferretdb.log" || true
  ferretdb_stop
}

ferretdb_stop() {
  if [ -n "${FERRETDB_PID:-}" ]; then kill "$FERRETDB_PID" 2>/dev/null || true; fi
  if [ -n "${FERRETDB_DIR:-}" ]; then rm -rf "$FERRETDB_DIR"; fi
  FERRETDB_PID=
}
