# Puts a Node.js the project supports first on PATH.
#
#   . scripts/use-node.sh            # in bash or zsh: this shell now has it
#   eval "$(bash scripts/use-node.sh)"   # the same, from any POSIX shell
#
# If the `node` on PATH is already at least the major version in .nvmrc, it changes nothing.
# Otherwise it installs the exact version named in .nvmrc from the npm registry's
# node-<os>-<arch> package (which carries bin/node) into .node/<version>/ (git-ignored),
# once; later calls find it there and only set PATH. npm is the machine's own, run by that node.
# Run directly, it prints the `export PATH=…` line for `eval` and its messages on stderr.

# The repository root, found from this file's path (read here, at the top: inside a function zsh's $0 is its name).
_use_node_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"

_use_node_main() {
  local root="$_use_node_root" want major have os arch dir tmp tgz
  want="$(tr -d ' \tv\r\n' <"$root/.nvmrc")"
  major="${want%%.*}"
  have="$(node -p 'process.versions.node' 2>/dev/null || true)"
  if [ -n "$have" ] && [ "${have%%.*}" -ge "$major" ]; then
    echo "use-node: using this machine's Node $have ($(command -v node))." >&2
    return 0
  fi
  dir="$root/.node/$want"
  if [ ! -x "$dir/bin/node" ]; then
    case "$(uname -s)" in
      Linux) os=linux ;;
      *)
        echo "use-node: Node ${have:-(none)} is older than $major, and only Linux builds are installed by this script; install Node $want (nvm reads .nvmrc)." >&2
        return 1
        ;;
    esac
    case "$(uname -m)" in
      x86_64 | amd64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *)
        echo "use-node: no node-$os package for $(uname -m); install Node $want by hand." >&2
        return 1
        ;;
    esac
    if ! command -v npm >/dev/null; then
      echo "use-node: npm is needed to fetch node-$os-$arch@$want from the npm registry, and there is no npm on PATH." >&2
      return 1
    fi
    echo "use-node: Node ${have:-(none)} is older than $major; installing Node $want from the npm package node-$os-$arch into .node/$want/ (once)…" >&2
    tmp="$(mktemp -d)" || return 1
    if ! tgz="$(cd "$tmp" && npm pack --silent "node-$os-$arch@$want")" ||
      ! tar -xzf "$tmp/$tgz" -C "$tmp" package/bin/node package/LICENSE; then
      echo "use-node: could not fetch node-$os-$arch@$want from the npm registry." >&2
      rm -rf "$tmp"
      return 1
    fi
    mkdir -p "$dir/bin" && mv "$tmp/package/bin/node" "$dir/bin/node" && mv "$tmp/package/LICENSE" "$dir/LICENSE"
    rm -rf "$tmp"
    if ! "$dir/bin/node" -v >/dev/null; then
      echo "use-node: the installed $dir/bin/node does not run on this machine." >&2
      rm -rf "$dir"
      return 1
    fi
  fi
  case ":$PATH:" in
    *":$dir/bin:"*) ;;
    *) PATH="$dir/bin:$PATH" ;;
  esac
  export PATH
  echo "use-node: Node $want from .node/$want/bin is first on PATH (npm $(npm -v 2>/dev/null || echo 'not found'))." >&2
}

if (return 0 2>/dev/null); then
  _use_node_main
  _use_node_status=$?
  unset -f _use_node_main
  unset _use_node_root
  return $_use_node_status
else
  set -e
  _use_node_main
  printf 'export PATH=%q\n' "$PATH"
fi
