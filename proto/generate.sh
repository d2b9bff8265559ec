#!/usr/bin/env bash
# Regenerates the Go code for every .proto file under proto/.
# protoc comes from Debian (package protobuf-compiler); the Go plugins are the versions
# pinned as tools in go.mod, so the output is reproducible.
set -euo pipefail
cd "$(dirname "$0")"
command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 1; }
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/" google.golang.org/protobuf/cmd/protoc-gen-go google.golang.org/grpc/cmd/protoc-gen-go-grpc
include=/usr/include
[ -f "$include/google/protobuf/any.proto" ] || { echo "google/protobuf/*.proto not under $include: apt-get install libprotobuf-dev" >&2; exit 1; }
module=github.com/sailgo/sail
# Each proto package is generated in one protoc call so cross-file references resolve.
for dir in spark/connect sail; do
  [ -d "$dir" ] || continue
  PATH="$bin:$PATH" protoc -I . -I "$include" \
    --go_out=.. --go_opt=module=$module \
    --go-grpc_out=.. --go-grpc_opt=module=$module \
    $(find "$dir" -name '*.proto' | sort)
done
