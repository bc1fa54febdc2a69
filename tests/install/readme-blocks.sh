#!/usr/bin/env bash
# Prints the sh code block that follows `<!-- install:NAME -->` in README.md (shared by the
# install scripts, so what they run is what the README says).
# Usage: tests/install/readme-blocks.sh NAME
set -euo pipefail
readme="$(cd "$(dirname "$0")/../.." && pwd)/README.md"
awk -v marker="<!-- install:$1 -->" '
  $0 == marker { found = 1; next }
  found && /^```sh$/ { inside = 1; next }
  inside && /^```$/ { exit }
  inside { print }
' "$readme"
