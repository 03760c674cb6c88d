#!/usr/bin/env bash
# install.sh installs Parse Server, pinned, for the shadow comparison
# (see README.md):
#
#   bench/parseshadow/install.sh
#
# It installs the npm package parse-server at exactly $version into
# $LIFEKIT_PARSE_SERVER_DIR (default $HOME/.cache/lifekit/parse-server),
# outside the repository, so that nothing from node_modules can be
# committed. Run again, it does nothing if those versions are already
# there, and replaces any others. It prints the directory.
set -euo pipefail

# The newest 9.10.x on the npm registry when this was written (9.10.1 was
# still in alpha).
version=9.10.0

# router is express 5's, which Parse Server also uses on its own to route
# the requests of a batch. router 2.3.0 (November 2026) no longer keeps a
# match's params on the layer, where parse-server 9.10.0 reads them: every
# POST /batch would answer 500 "Cannot convert undefined or null to
# object". express asks for router ^2.2.0, so hold it at 2.2.0.
router=2.2.0

dir=${LIFEKIT_PARSE_SERVER_DIR:-$HOME/.cache/lifekit/parse-server}

# Our own package.json, so that npm installs into $dir and keeps a lock
# file there.
manifest=$(cat <<JSON
{
  "name": "lifekit-parseshadow",
  "private": true,
  "description": "Parse Server for lifekit's bench/parseshadow; written by install.sh",
  "dependencies": { "parse-server": "$version" },
  "overrides": { "router": "$router" }
}
JSON
)

installed() {
	[ -f "$dir/package.json" ] && [ "$(cat "$dir/package.json")" = "$manifest" ] &&
		node -e '
			const [dir, ...want] = process.argv.slice(1);
			for (const w of want) {
				const [name, version] = w.split("@");
				let got;
				try {
					got = require(`${dir}/node_modules/${name}/package.json`).version;
				} catch {
					process.exit(1);
				}
				if (got !== version) process.exit(1);
			}
		' "$dir" "parse-server@$version" "router@$router"
}

if installed; then
	echo "$dir"
	exit 0
fi

command -v node >/dev/null || { echo "install.sh: node not found" >&2; exit 1; }
command -v npm >/dev/null || { echo "install.sh: npm not found" >&2; exit 1; }

mkdir -p "$dir"
# Start afresh: the directory is a cache, and a lock file from another
# version can keep npm from placing the pinned packages where they resolve.
rm -rf "$dir/node_modules" "$dir/package-lock.json"
printf '%s\n' "$manifest" >"$dir/package.json.new"
mv "$dir/package.json.new" "$dir/package.json"
echo "install.sh: installing parse-server@$version (router@$router) into $dir" >&2
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error >&2
installed || { echo "install.sh: parse-server@$version and router@$router are not both in $dir after npm install" >&2; exit 1; }
echo "$dir"
