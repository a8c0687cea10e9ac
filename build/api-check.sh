#!/usr/bin/env bash
# API compatibility check: builds the library jars of the baseline commit (build/api-baseline.txt)
# and compares this checkout's jars with them (japicmp). A binary or source incompatible change to
# a type in a STABLE package fails. Builds this checkout's library jars too (no tests); CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
libraries=spi,core,testkit,testkit-evidence,adapters-filesystem,adapters-s3,adapters-xdomea,adapters-sealing
baseline=$(grep -v '^#' build/api-baseline.txt | tr -d '[:space:]')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive "$baseline" | tar -x -C "$work"
(cd "$work" && mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dcyclonedx.skip=true \
    -Dexec.skip=true package -pl "$libraries" -am)
mkdir -p "$work/jars"
for m in ${libraries//,/ }; do
  artifact=$(cd "$work/$m" && ls target/*.jar | grep -v -- '-sources\|-javadoc' | head -n1)
  name=$(basename "$artifact" | sed 's/-[0-9][0-9.]*\(-SNAPSHOT\)\?\.jar$//')
  cp "$work/$m/$artifact" "$work/jars/$name.jar"
done
mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dcyclonedx.skip=true -Dexec.skip=true \
    package japicmp:cmp -pl "$libraries" -am -Daktenlift.api.baseline="$work/jars"
echo "API check: no incompatible change to a STABLE package since $baseline"
