#!/usr/bin/env bash
# Checks the Linux packaging: validates the desktop entry and the AppStream
# metainfo, checks that they agree with each other, with the D-Bus service
# file that activates the app and with the app id the window sets, checks
# the icons, then builds the .deb with `cargo deb` (one
# release build) and checks what it installs and what it depends on.
# Any difference is an error. Installs its tools with apt or cargo if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

id=io.github.unknot.Unknot
desktop=packaging/linux/$id.desktop
metainfo=packaging/linux/$id.metainfo.xml
service=packaging/linux/$id.service
icons=packaging/linux/icons/hicolor
sizes=(16 24 32 48 64 128 256 512)

passes=0
failures=0
fail() {
  echo "packaging/check.sh: FAIL: $*" >&2
  failures=$((failures + 1))
}
ok() {
  echo "packaging/check.sh: ok: $*"
  passes=$((passes + 1))
}

# --- tools -----------------------------------------------------------------
missing=()
command -v desktop-file-validate >/dev/null || missing+=(desktop-file-utils)
command -v appstreamcli >/dev/null || missing+=(appstream)
# cargo-deb resolves `$auto` in Depends with dpkg-shlibdeps.
command -v dpkg-shlibdeps >/dev/null || missing+=(dpkg-dev)
if ((${#missing[@]})); then
  echo "packaging/check.sh: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! cargo deb --version >/dev/null 2>&1; then
  echo "packaging/check.sh: installing cargo-deb (takes a few minutes)" >&2
  cargo install cargo-deb --locked
fi

# --- desktop entry and metainfo ---------------------------------------------
# Hints and warnings count too: the validators must have nothing to say.
if out=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$out" ]; then
  ok "desktop-file-validate $desktop"
else
  fail "desktop-file-validate $desktop:"$'\n'"$out"
fi
if out=$(appstreamcli validate --no-net --strict "$metainfo" 2>&1); then
  ok "appstreamcli validate --no-net --strict $metainfo"
else
  fail "appstreamcli validate $metainfo:"$'\n'"$out"
fi

desktop_key() { sed -n "s/^$1=//p" "$desktop"; }
expect_equal() { # what actual expected
  if [ "$2" = "$3" ]; then ok "$1 is '$3'"; else fail "$1 is '$2', expected '$3'"; fi
}
expect_equal "desktop Exec" "$(desktop_key Exec)" unknot
expect_equal "desktop Icon" "$(desktop_key Icon)" "$id"
expect_equal "desktop StartupWMClass" "$(desktop_key StartupWMClass)" "$id"
# Launchers that activate over D-Bus start `unknot background` through the
# service file (it owns the name and opens the window on Activate); the
# others run Exec.
expect_equal "desktop DBusActivatable" "$(desktop_key DBusActivatable)" true
expect_equal "service file" "$(cat "$service")" \
  "$(printf '[D-BUS Service]\nName=%s\nExec=/usr/bin/unknot background' "$id")"
expect_equal "metainfo id" "$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' "$metainfo")" "$id"
expect_equal "metainfo launchable" \
  "$(sed -n 's:.*<launchable type="desktop-id">\(.*\)</launchable>.*:\1:p' "$metainfo")" "$id.desktop"
expect_equal "metainfo binary" "$(sed -n 's:.*<binary>\(.*\)</binary>.*:\1:p' "$metainfo")" unknot
expect_equal "window app id (src/identity.rs)" \
  "$(sed -n 's/^pub const APP_ID: &str = "\(.*\)";/\1/p' src/identity.rs)" "$id"

# --- icons ------------------------------------------------------------------
png_size() { # prints "WIDTHxHEIGHT" from the PNG header
  local b
  read -r -a b <<<"$(od -An -tu1 -j16 -N8 "$1")"
  echo "$(((b[0] << 24) + (b[1] << 16) + (b[2] << 8) + b[3]))x$(((b[4] << 24) + (b[5] << 16) + (b[6] << 8) + b[7]))"
}
if cmp -s assets/icon.svg "$icons/scalable/apps/$id.svg"; then
  ok "scalable icon is assets/icon.svg"
else
  fail "$icons/scalable/apps/$id.svg differs from assets/icon.svg; run packaging/linux/make-icons.sh"
fi
for n in "${sizes[@]}"; do
  png=$icons/${n}x${n}/apps/$id.png
  if [ ! -f "$png" ]; then
    fail "missing $png; run packaging/linux/make-icons.sh"
  else
    expect_equal "size of $png" "$(png_size "$png")" "${n}x${n}"
  fi
done

# --- the .deb ---------------------------------------------------------------
echo "packaging/check.sh: building the .deb (a release build)" >&2
deb=$(cargo deb --no-dbgsym -- --locked | tail -n 1)
if [ ! -f "$deb" ]; then
  fail "cargo deb made no file (it printed '$deb')"
  echo "packaging: $passes passed, $failures failed"
  exit 1
fi
ok "built $deb"

expected_files=(
  "-rwxr-xr-x ./usr/bin/unknot"
  "-rw-r--r-- ./usr/share/applications/$id.desktop"
  "-rw-r--r-- ./usr/share/dbus-1/services/$id.service"
  "-rw-r--r-- ./usr/share/metainfo/$id.metainfo.xml"
  "-rw-r--r-- ./usr/share/icons/hicolor/scalable/apps/$id.svg"
  "-rw-r--r-- ./usr/share/doc/unknot/README.md"
  "-rw-r--r-- ./usr/share/doc/unknot/copyright"
)
for n in "${sizes[@]}"; do
  expected_files+=("-rw-r--r-- ./usr/share/icons/hicolor/${n}x${n}/apps/$id.png")
done
# dpkg-deb -c: mode owner size date time path; keep regular files' mode and path.
actual=$(dpkg-deb -c "$deb" | awk '$1 ~ /^-/ {print $1, $6}' | sort)
expected=$(printf '%s\n' "${expected_files[@]}" | sort)
if [ "$actual" = "$expected" ]; then
  ok "the .deb installs exactly the ${#expected_files[@]} expected files"
else
  fail "the .deb's files differ from the expected ones (< expected, > in the .deb):"$'\n'"$(diff <(echo "$expected") <(echo "$actual") || true)"
fi

field() { dpkg-deb -f "$deb" "$1"; }
expect_equal "Package" "$(field Package)" unknot
expect_equal "Version" "$(field Version)" \
  "$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)-1"
expect_equal "Architecture" "$(field Architecture)" "$(dpkg --print-architecture)"
expect_equal "Recommends" "$(field Recommends)" "zenity, xdg-desktop-portal"

# Depends: the libraries opened at run time, exactly as listed in Cargo.toml,
# plus what `$auto` found the binary linked against (always versioned, and
# libc6 at least).
dlopened=(libxkbcommon0 libxkbcommon-x11-0 libwayland-client0 libwayland-egl1 libx11-6
  libx11-xcb1 libxcursor1 libxi6 "libegl1 | libgl1" libdbus-1-3)
depends=$(field Depends)
declare -A listed=()
while IFS= read -r item; do
  [ -n "$item" ] && listed["$item"]=1
done < <(echo "$depends" | sed 's/, */\n/g')
for dep in "${dlopened[@]}"; do
  if [ -n "${listed[$dep]:-}" ]; then unset 'listed[$dep]'; else fail "Depends lacks '$dep': $depends"; fi
done
for item in "${!listed[@]}"; do
  if [[ $item =~ ^[a-z0-9][a-z0-9.+-]*\ \(\>=\ [^\)]+\)$ ]]; then
    : # an $auto entry
  else
    fail "Depends has '$item', which is neither listed by hand nor a versioned \$auto entry"
  fi
done
if [[ $depends =~ (^|, )libc6\ \(\>= ]]; then
  ok "Depends: $depends"
else
  fail "Depends has no versioned libc6 from \$auto (is dpkg-shlibdeps working?): $depends"
fi

# The packaged files themselves: the entry validates and the binary runs.
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
if out=$(desktop-file-validate "$unpacked/usr/share/applications/$id.desktop" 2>&1) && [ -z "$out" ]; then
  ok "the packaged desktop entry validates"
else
  fail "the packaged desktop entry: $out"
fi
if cmp -s "$service" "$unpacked/usr/share/dbus-1/services/$id.service"; then
  ok "the packaged D-Bus service file is $service"
else
  fail "the packaged D-Bus service file differs from $service"
fi
expect_equal "packaged 'unknot --version'" "$("$unpacked/usr/bin/unknot" --version 2>&1 || true)" \
  "unknot $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"

echo "packaging: $passes passed, $failures failed"
((failures == 0))
