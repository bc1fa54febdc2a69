#!/usr/bin/env bash
# Measures the README's install-size table: fresh programs (`npm init -y`) that install, with
# the README's command, @pulumi/pulumi alone, then the packed pulumi-dbssl, then the SDKs of one
# family, then every SDK the package supports (versions: package.json peerDependencies).
# Size: `du -sm node_modules`; packages: the folders `npm ls --all --parseable` lists (each once),
# the number `npm install` reports as added. Writes the table between the install-size markers of
# README.md with --write, else prints it; --check fails when the README's package counts differ
# from the measured ones (sizes depend on the file system, so they are not compared). Needs the
# registry (or a warm npm cache); about 2 minutes.
# Usage: bash tests/install/install-size.sh [--write|--check]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
peer() { node -p "const p=require('$repo/package.json').peerDependencies; '$1@' + p['$1']"; }
pulumi="@pulumi/pulumi@$(node -p "require('$repo/node_modules/@pulumi/pulumi/package.json').version")"
rds="$(peer @alicloud/rds20140815) $(peer @alicloud/openapi-core) $(peer @alicloud/credentials)"
others="$(peer @alicloud/r-kvstore20150101) $(peer tencentcloud-sdk-nodejs)"
(cd "$repo" && npm pack --ignore-scripts --pack-destination "$work" >/dev/null 2>&1)
tgz=$(ls "$work"/pulumi-dbssl-*.tgz)

# measure NAME PACKAGE... -> "<MB> <packages>"
measure() {
  local dir="$work/$1"
  shift
  mkdir "$dir"
  (cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "$@" >/dev/null)
  local mb count
  mb=$(du -sm "$dir/node_modules" | cut -f1)
  count=$(cd "$dir" && { npm ls --all --parseable 2>/dev/null || true; } | tail -n +2 | sort -u | wc -l)
  echo "$mb $count"
}

read -r p_mb p_n <<<"$(measure pulumi "$pulumi")"
read -r d_mb d_n <<<"$(measure dbssl "$pulumi" "$tgz")"
# shellcheck disable=SC2086 # the SDK lists are meant to split into words
read -r r_mb r_n <<<"$(measure rds "$pulumi" "$tgz" $rds)"
# shellcheck disable=SC2086
read -r a_mb a_n <<<"$(measure all "$pulumi" "$tgz" $rds $others)"
tc_mb=$(du -sm "$work/all/node_modules/tencentcloud-sdk-nodejs" | cut -f1)

table="| consumer program (\`node_modules\`, Node $(node -v | cut -c2-), npm $(npm -v)) | size | packages |
|---|---|---|
| \`@pulumi/pulumi\` ${pulumi#@pulumi/pulumi@} alone | $p_mb MB | $p_n |
| + \`pulumi-dbssl\` (no SDK) | $d_mb MB | $d_n |
| + the \`alicloud.rds\` SDKs (\`@alicloud/rds20140815\`, \`openapi-core\`, \`credentials\`) | $r_mb MB | $r_n |
| + every SDK the package supports (adds \`@alicloud/r-kvstore20150101\`, \`tencentcloud-sdk-nodejs\`) | $a_mb MB | $a_n |

Measured by \`tests/install/install-size.sh\` (\`--write\` updates this table): \`npm pack\`, then
fresh programs (\`npm init -y\`) installing \`@pulumi/pulumi\`, the tarball and the SDKs as above;
size is \`du -sm node_modules\`, packages the folders \`npm ls --all --parseable\` lists (the
count \`npm install\` reports as added; all are production dependencies, so \`npm ls --omit=dev\`
lists the same). With plain dependencies every user would get the last row: $((a_mb - r_mb)) MB
more than an RDS-only program, $tc_mb MB of it \`tencentcloud-sdk-nodejs\`."

if [ "${1:-}" = --check ]; then
  counts() { grep -E '^\| (`@pulumi|\+ )' | awk -F'|' '{ gsub(/ /, "", $4); print $4 }' | paste -sd' '; }
  readme=$(sed -n '/<!-- install-size:start -->/,/<!-- install-size:end -->/p' "$repo/README.md" | counts)
  measured=$(counts <<<"$table")
  if [ "$readme" != "$measured" ]; then
    echo "README.md install-size packages: $readme; measured: $measured." >&2
    echo "Run: bash tests/install/install-size.sh --write" >&2
    exit 1
  fi
  echo "README.md install-size package counts match: $measured"
  exit 0
fi
if [ "${1:-}" = --write ]; then
  TABLE="$table" node -e '
    const fs = require("fs");
    const file = process.argv[1];
    const text = fs.readFileSync(file, "utf8");
    const re = /(<!-- install-size:start -->\n)[\s\S]*?(<!-- install-size:end -->)/;
    if (!re.test(text)) throw new Error("no install-size markers in " + file);
    fs.writeFileSync(file, text.replace(re, (_, a, b) => a + process.env.TABLE + "\n" + b));
  ' "$repo/README.md"
  echo "README.md: install-size table written"
fi
echo "$table"
