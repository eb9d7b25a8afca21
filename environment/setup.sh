#!/usr/bin/env bash
# SoilNotebooks set-up: idempotent; installs everything the project uses on a fresh Debian 12 machine.
#   1. Debian packages listed in environment/apt-packages.txt (only the missing ones; apt-get update once)
#   2. npm packages pinned in environment/package-lock.json (plotly.js-dist-min, inlined into reports)
#   3. the local dotnet tools of .config/dotnet-tools.json: the real .NET Interactive kernel
#      (Microsoft.dotnet-interactive) and dotnet-repl, and the real kernel's Jupyter kernelspecs in
#      environment/.local/jupyter-real (project-local)
#   4. NuGet restore and a Release build of the solution (skipped when nothing changed since the last build), then the
#      local feed environment/.local/feed: the packages SoilNotebooks and SoilNotebooks.Interactive (kernel extension)
#   5. our Jupyter kernelspec 'soilnb-csharp' (project-local: JUPYTER_PATH=environment/jupyter); never '.net-csharp'
# A second run checks each step and skips what is present.
# Options: --no-build (skip step 4), --install-kernel-user (also copy the kernelspec to ~/.local/share/jupyter).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENVDIR="$ROOT/environment"
LOCAL="$ENVDIR/.local"
mkdir -p "$LOCAL" "$LOCAL/feed"
NO_BUILD=0; KERNEL_USER=0
for a in "$@"; do
  case "$a" in
    --no-build) NO_BUILD=1 ;;
    --install-kernel-user) KERNEL_USER=1 ;;
    *) echo "setup.sh: unknown option '$a'" >&2; exit 1 ;;
  esac
done
log() { echo "[setup] $*" >&2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# 1. Debian packages
missing=()
while read -r pkg; do
  pkg="${pkg%%#*}"; pkg="$(echo "$pkg" | xargs)"; [ -z "$pkg" ] && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then missing+=("$pkg"); fi
done < "$ENVDIR/apt-packages.txt"
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  log "Debian packages: present"
fi
command -v dotnet >/dev/null || { echo "setup.sh: the .NET SDK 10 (dotnet) is required and not on PATH." >&2; exit 1; }

# 2. npm (pinned by package-lock.json)
PLOTLY="$ENVDIR/node_modules/plotly.js-dist-min/plotly.min.js"
if [ ! -f "$PLOTLY" ] || [ "$ENVDIR/package-lock.json" -nt "$PLOTLY" ]; then
  command -v npm >/dev/null || { log "installing npm"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >&2; }
  log "npm ci (plotly.js-dist-min)"
  (cd "$ENVDIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
  touch "$PLOTLY"
else
  log "npm packages: present"
fi

# 3. local dotnet tools (the real .NET Interactive kernel and dotnet-repl, pinned in .config/dotnet-tools.json)
TOOLSTAMP="$LOCAL/tools.stamp"
if [ ! -f "$TOOLSTAMP" ] || [ "$ROOT/.config/dotnet-tools.json" -nt "$TOOLSTAMP" ] \
   || ! (cd "$ROOT" && dotnet tool run dotnet-interactive -- --version >/dev/null 2>&1); then
  log "dotnet tool restore (Microsoft.dotnet-interactive, dotnet-repl)"
  (cd "$ROOT" && dotnet tool restore >&2)
  touch "$TOOLSTAMP"
else
  log "dotnet tools: present"
fi
# The real kernel's kernelspecs, project-local (JUPYTER_PATH=environment/.local/jupyter-real), without the HTTP
# port range (no listening port). They run the local tool, so the notebook must lie under this repository.
REAL="$LOCAL/jupyter-real/kernels"
if [ ! -f "$REAL/.net-csharp/kernel.json" ] || [ "$TOOLSTAMP" -nt "$REAL/.net-csharp/kernel.json" ]; then
  log "installing the real .NET Interactive kernelspecs into $REAL"
  mkdir -p "$REAL"
  (cd "$ROOT" && dotnet tool run dotnet-interactive -- jupyter install --path "$REAL" >&2)
  for k in "$REAL"/.net-*/kernel.json; do
    /usr/bin/python3 - "$k" <<'PY'
import json, sys
p = sys.argv[1]; spec = json.load(open(p)); argv = spec["argv"]
if "--http-port-range" in argv:
    i = argv.index("--http-port-range"); del argv[i:i + 2]
spec["argv"] = ["dotnet", "tool", "run", "dotnet-interactive", "--"] + argv[2:]
json.dump(spec, open(p, "w"), indent=1)
PY
  done
else
  log "real .NET Interactive kernelspecs: present"
fi

# 4. restore + build (Release), skipped when no source changed since the last successful build
STAMP="$LOCAL/build.stamp"
if [ "$NO_BUILD" -eq 0 ]; then
  changed=1
  if [ -f "$STAMP" ]; then
    changed=$(find "$ROOT/src" "$ROOT/tests" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" "$ROOT/NuGet.Config" \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$STAMP" -print -quit | wc -l)
  fi
  if [ "$changed" -ne 0 ]; then
    log "dotnet build -c Release"
    dotnet build "$ROOT/SoilNotebooks.sln" -c Release -v q --nologo -clp:ErrorsOnly >&2
    touch "$STAMP"
  else
    log "build: up to date"
  fi
  # ReadyToRun copy of the CLI for environment/soilnb and the Jupyter kernel: cold start 0.65 s instead of 1.13 s
  # (medians on an idle machine, bash tests/peers/runner/startup.sh 5 environment/.local/soilnb/soilnb.dll).
  # Incremental: only changed assemblies are compiled again.
  R2R="$LOCAL/soilnb/soilnb.dll"
  if [ ! -f "$R2R" ] || [ -n "$(find "$ROOT/src" \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$R2R" -print -quit)" ]; then
    log "dotnet publish soilnb (ReadyToRun)"
    dotnet publish "$ROOT/src/SoilNotebooks.Runner/SoilNotebooks.Runner.csproj" -c Release -r linux-x64 --self-contained false \
      -p:PublishReadyToRun=true -o "$LOCAL/soilnb" -v q --nologo -clp:ErrorsOnly >&2
    touch "$R2R"
  else
    log "soilnb (ReadyToRun): up to date"
  fi
  # The local feed: SoilNotebooks + SoilNotebooks.Interactive (the kernel extension), packed from the Release build.
  # A repack drops the same version from the NuGet cache, so the next #r "nuget:" restores the new build.
  FEED="$LOCAL/feed"; PKG="$FEED/SoilNotebooks.Interactive.0.1.0.nupkg"
  CACHED="${NUGET_PACKAGES:-$HOME/.nuget/packages}/soilnotebooks.interactive/0.1.0/.nupkg.metadata"
  if [ ! -f "$PKG" ] || [ "$STAMP" -nt "$PKG" ] || [ ! -f "$FEED/SoilNotebooks.0.1.0.nupkg" ] \
     || [ ! -f "$CACHED" ]; then
    log "packing the local feed ($FEED)"
    mkdir -p "$FEED"
    for p in SoilNotebooks SoilNotebooks.Interactive; do
      dotnet pack "$ROOT/src/$p/$p.csproj" -c Release --no-build -o "$FEED" -v q --nologo -clp:ErrorsOnly >&2
      rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/$(echo "$p" | tr '[:upper:]' '[:lower:]')/0.1.0"
    done
    STALE_PM=1
    # Restore them from the feed into the NuGet cache (NuGet.Config maps SoilNotebooks* to the feed): the real
    # kernel's #r "nuget:" takes an exact version from there, as soilnb does (it cannot take a relative #i path).
    INSTALL="$LOCAL/feed-install"; mkdir -p "$INSTALL"
    printf '%s\n' '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework>' \
      '<ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup><ItemGroup>' \
      '<PackageReference Include="SoilNotebooks.Interactive" Version="0.1.0" /></ItemGroup></Project>' \
      > "$INSTALL/feed-install.csproj"
    dotnet restore "$INSTALL/feed-install.csproj" -v q --nologo >&2
    touch "$PKG"
  else
    log "local feed: up to date"
  fi
  # .NET Interactive keeps the paths a #r "nuget:" resolved to in ~/.packagemanagement, keyed by the reference and not by
  # the package's content: after a repack, or where an entry points into another NuGet folder (a run with another
  # NUGET_PACKAGES), drop our entries, or the real kernel loads an older build of the same version.
  PM="$HOME/.packagemanagement/nuget/Cache"
  if [ -d "$PM" ]; then
    PKGS="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
    for f in "$PM"/*.resolvedReferences.paths; do
      [ -f "$f" ] && grep -qi 'soilnotebooks' "$f" || continue
      if [ -n "${STALE_PM:-}" ] || ! grep -i 'soilnotebooks' "$f" | grep -q ",${PKGS%/}/"; then
        key="${f%.resolvedReferences.paths}"   # $PM/<hash>: the entry's files are <hash>.csx and <hash>.resolvedReferences.paths
        log "dropping .NET Interactive's cached resolution $(basename "$key")"; rm -f -- "$key.csx" "$f"
      fi
    done
  fi
fi

# 5. our Jupyter kernelspec (project-local; committed under environment/jupyter/kernels/soilnb-csharp). It has its own
# name, so it sits beside the real kernel's '.net-csharp' and installing it never replaces that one.
KSPEC="$ENVDIR/jupyter/kernels/soilnb-csharp"
[ -f "$KSPEC/kernel.json" ] || { echo "setup.sh: missing $KSPEC/kernel.json" >&2; exit 1; }
chmod +x "$ENVDIR/soilnb" "$KSPEC/soilnb_kernel.py" 2>/dev/null || true
if [ "$KERNEL_USER" -eq 1 ]; then
  # (Debian ships no `jupyter kernelspec` command; jupyter_client's KernelSpecManager does the same install)
  # The copy no longer lies in the repository, so its kernel.json names this repository's soilnb wrapper (SOILNB).
  /usr/bin/python3 -c "import json, os, sys; from jupyter_client.kernelspec import KernelSpecManager as M
d = M().install_kernel_spec(sys.argv[1], kernel_name='soilnb-csharp', user=True, replace=True)
p = os.path.join(d, 'kernel.json'); spec = json.load(open(p))
spec['env'] = {'SOILNB': 'bash ' + sys.argv[2]}; json.dump(spec, open(p, 'w'), indent=1); print(d)" \
    "$KSPEC" "$ENVDIR/soilnb" >&2
  log "kernelspec soilnb-csharp installed for this user"
fi
log "ready (JUPYTER_PATH=$ENVDIR/jupyter makes the 'soilnb-csharp' kernel visible to Jupyter)"
