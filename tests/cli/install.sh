#!/usr/bin/env bash
# `npm run cli:install`: builds the real Pulumi CLI from its Go module at the version pinned in
# go.mod (the one our @pulumi/pulumi is locked to) into tests/cli/bin/, with the two plugin
# launchers the CLI release ships as scripts. Reuses Go's module and build caches; a second run
# with nothing changed only checks the stamp.
#   --if-go   do nothing (exit 0, one line) when Go is not installed: `npm test` and `npm run demo`
#             call it this way, so a machine without Go still runs them (the CLI tests then say
#             they are skipped, and the demo uses the engine harness).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v go >/dev/null 2>&1; then
  if [ "${1:-}" = --if-go ]; then
    echo "cli:install: no Go toolchain on PATH; the real Pulumi CLI is not built (tests/cli skip, the demo uses the engine harness)"
    exit 0
  fi
  echo "cli:install: needs Go (https://go.dev/doc/install); the CLI is built from its Go module" >&2
  exit 1
fi
version=$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' go.mod)
stamp="$version $(cat go.mod go.sum install.sh launchers/* | sha256sum | cut -c1-16)"
if [ -x bin/pulumi ] && [ "$(cat bin/.stamp 2>/dev/null)" = "$stamp" ]; then
  echo "cli:install: pulumi $version already built: $PWD/bin/pulumi"
  exit 0
fi
mkdir -p bin
echo "cli:install: building pulumi $version from github.com/pulumi/pulumi/pkg/v3 (first build: about 5 minutes on 2 cores with the modules to download; then seconds)"
go build \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
  -o bin/pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
cp launchers/pulumi-resource-pulumi-nodejs launchers/pulumi-analyzer-policy-nodejs bin/
chmod +x bin/*
# The Node.js language host (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is
# not served by the Go module proxy this project can reach (403 "This module version is not
# available", every version). Without it the CLI runs programs through the Automation API's inline
# mode (`--client`: the program runs in the calling Node process), which needs only `pulumi`.
echo "$stamp" > bin/.stamp
echo "cli:install: $("$PWD/bin/pulumi" version) at $PWD/bin/pulumi"
echo "cli:install: plugin launchers at $PWD/bin/pulumi-resource-pulumi-nodejs, $PWD/bin/pulumi-analyzer-policy-nodejs"
