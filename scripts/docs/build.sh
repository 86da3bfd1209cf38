#!/usr/bin/env bash
# Builds the documentation (docs/ and the API reference) into artifacts/docs/.
# fsdocs evaluates each literate page, but a page that throws while it runs is still written;
# running every page with `dotnet fsi` first makes such a page fail the build.
set -euo pipefail
cd "$(dirname "$0")/../.."

libraries=(Algebra Symbolic Filtering Proofs Numerics)
# the facade references every library, so one build produces all the assemblies the pages load;
# the "train a rule" page also loads the experiments project (tensors, with its native code)
dotnet build src/EigenVerify -c Release --nologo -v quiet
dotnet build src/EigenVerify.Experiments -c Release --nologo -v quiet

for page in docs/*.fsx; do
  echo "running $page"
  if ! dotnet fsi "$page"; then
    echo "error: $page failed while it ran" >&2
    exit 1
  fi
done

projects=(src/EigenVerify/EigenVerify.fsproj)
for lib in "${libraries[@]}"; do projects+=("src/EigenVerify.$lib/EigenVerify.$lib.fsproj"); done
dotnet fsdocs build --input docs --output artifacts/docs --projects "${projects[@]}" \
  --eval --strict --clean --properties Configuration=Release
echo "documentation: artifacts/docs/index.html"
