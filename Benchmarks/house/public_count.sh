#!/usr/bin/env bash
# Counts the declarations each target exports: lines of Sources/TARGET/**/*.swift that declare something `public` or
# `open` (type, function, property, initializer, subscript, case-less enum member; `public import` and
# `public extension` lines count too, an extension's members count each), per target, plus `package` declarations
# (visible to the package's other targets only) in a last column; `of them types`: public struct/enum/class/protocol/
# actor/typealias declarations. A plain text count, not a compiler's: comments
# and string literals are skipped only where a line starts with `//`.
#
#   Benchmarks/house/public_count.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
printf '| target | public/open | of them types | package |\n|---|---:|---:|---:|\n'
total=0
for dir in Sources/*/; do
    t="$(basename "$dir")"
    files=$(find "$dir" -name '*.swift' -not -type l)
    [[ -z "$files" ]] && continue
    pub=$(cat $files | grep -vE '^\s*//' | grep -cE '(^|[[:space:]@(])(public|open)[[:space:]]' || true)
    pkg=$(cat $files | grep -vE '^\s*//' | grep -cE '(^|[[:space:]])package[[:space:]]+(func|var|let|init|struct|enum|class|final|static|protocol|typealias|extension|subscript|actor|import|private\(set\)|internal\(set\)|lazy|mutating|nonisolated|convenience|required|indirect|case)' || true)
    types=$(cat $files | grep -vE '^\s*//' | grep -cE '(public|open)[[:space:]]+((final|indirect)[[:space:]]+)?(struct|enum|class|protocol|actor|typealias)[[:space:]]' || true)
    printf '| %s | %s | %s | %s |\n' "$t" "$pub" "$types" "$pkg"
    total=$((total + pub))
done
printf '| total | %s | | |\n' "$total"
