#!/usr/bin/env bash
# Runs the README's install commands exactly as written, as a user would: in a fresh folder
# holding a clean clone of this repository's HEAD as `pulumi-dbssl` and an empty program as
# `my-program` (`npm init -y`). Then checks that the program loads the package, its runtime from
# where the Pulumi CLI starts the dynamic-provider host, and its policy module.
# Usage: bash tests/install/readme-install.sh tarball|git   (a few minutes each: npm ci in the clone)
set -euo pipefail
route=${1:?tarball or git}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
block=$("$here/readme-blocks.sh" "$route")
[ -n "$block" ] || { echo "README.md has no <!-- install:$route --> sh block" >&2; exit 1; }

git clone -q "$repo" "$work/pulumi-dbssl"
mkdir "$work/my-program" && (cd "$work/my-program" && npm init -y >/dev/null)
echo "running the README's $route block in $work:"
sed 's/^/  | /' <<<"$block"
(cd "$work" && bash -euo pipefail -c "$block") >"$work/install.log" 2>&1 || {
  cat "$work/install.log" >&2
  exit 1
}

cd "$work/my-program"
node -e '
  const { createRequire } = require("module");
  const dbssl = require("pulumi-dbssl");
  if (typeof dbssl.alicloud.rds.DbSslConfig !== "function") throw new Error("no DbSslConfig");
  require("pulumi-dbssl/policy");
  // The CLI starts the host with node on @pulumi/pulumi/cmd/dynamic-provider in the program folder.
  const host = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const runtime = createRequire(host).resolve("pulumi-dbssl/runtime");
  if (!runtime.startsWith(process.cwd())) throw new Error("runtime resolved outside the program: " + runtime);
  console.log("ok: pulumi-dbssl, pulumi-dbssl/policy and the host-resolved runtime load from " + process.cwd());
'
npm ls pulumi-dbssl @pulumi/pulumi
