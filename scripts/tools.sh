# shellcheck shell=bash
# scripts/tools.sh - the build and run tools of this project, kept project-local.
#
# Source it from bash, from any working directory:   . scripts/tools.sh
# Afterwards these are exported:
#   JAVA_HOME           a Java 21 JDK: it builds (javac, Maven, Surefire forks)
#                       and runs Karaf 4.4.8, which needs exactly Java 21.
#   MVN                 a Maven >= 3.9.5 command (odlparent's enforcer refuses older).
#   TOOLS_JAVA_FEATURE  the feature version of JAVA_HOME (21, or more with the
#                       fallback below); scripts that start Karaf must check it is 21.
#   PATH                gains "$JAVA_HOME/bin" and, when MVN is project-local, its bin/.
# Sourcing returns non-zero, with a message on stderr, when a tool cannot be had; it
# prints nothing otherwise. It never changes the calling shell's options.
#
# Where Java 21 comes from, first match wins:
#   1. JAVA_HOME, when it already is a Java 21 JDK;
#   2. /usr/lib/jvm/*21* (a distribution's JDK 21);
#   3. .tools/jdk21 in the project, made once: Debian 12 (bookworm) has no JDK 21,
#      so Debian 13 (trixie)'s openjdk-21 packages are downloaded with a private apt
#      configuration (trixie from the same mirror as the system's own sources), and
#      unpacked together with trixie's libc6, libstdc++6, libgcc-s1 and zlib1g (the
#      JDK needs glibc >= 2.38; bookworm has 2.36). Every JDK executable is then
#      patched (trixie's patchelf) to start with trixie's ld-linux-x86-64.so.2 and
#      to find trixie's libraries first through DT_RPATH, which also covers every
#      library the JVM loads. Nothing outside .tools/ changes, and processes the
#      JVM starts (ProcessBuilder) use the system's libraries as usual.
#   Explicit fallback, off unless TOOLS_ALLOW_NEWER_JAVA=1: when none of the above
#   works, a newer JDK in /usr/lib/jvm (e.g. temurin-25) is used for BUILDING only;
#   TOOLS_JAVA_FEATURE then says so, and Karaf will not run on it.
#
# Where Maven comes from: `mvn` on PATH when it is >= 3.9.5; otherwise
# .tools/apache-maven-3.9.11, fetched once as the Maven artifact
# org.apache.maven:apache-maven:3.9.11:tar.gz:bin by the machine's older Maven
# (installed with apt-get when there is no mvn at all).
#
# Set TOOLS_VERBOSE=1 to see what is being set up. Logs are in .tools/logs/.
# Run `bash scripts/tools.sh --help` for the commands it has when executed.

if [ -z "${BASH_VERSION:-}" ]; then
    echo "tools.sh: ERROR: source scripts/tools.sh from bash (it uses bash to find the project root)." >&2
    return 1 2> /dev/null || exit 1
fi

_TOOLS_MAVEN_VERSION=3.9.11
_TOOLS_MAVEN_MIN=3.9.5
# Bump when the layout or the patching of .tools/jdk21 changes: forces a re-setup.
_TOOLS_JDK_LAYOUT=1
_TOOLS_JDK_DEBS="openjdk-21-jdk-headless openjdk-21-jre-headless libc6 libstdc++6 libgcc-s1 zlib1g patchelf"

_tools_err() { printf 'tools.sh: ERROR: %s\n' "$*" >&2; }
_tools_info() { [ "${TOOLS_VERBOSE:-0}" = 1 ] && printf 'tools.sh: %s\n' "$*" >&2; return 0; }

# The feature version (21, 25, ...) of the JDK in $1, from its release file; no JVM started.
_tools_jdk_feature() {
    local line v
    [ -f "$1/release" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    while IFS= read -r line; do
        case "$line" in
            JAVA_VERSION=*)
                v=${line#JAVA_VERSION=}; v=${v//\"/}; v=${v%%[.+-]*}
                [ -n "$v" ] && printf '%s\n' "$v" && return 0 ;;
        esac
    done < "$1/release"
    return 1
}

# version_ge A B: true when version A >= version B.
_tools_version_ge() {
    [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# ---------------------------------------------------------------------------
# Setup steps: run as a separate `bash scripts/tools.sh --setup-...` process with
# errexit, so nothing here touches the sourcing shell.
# ---------------------------------------------------------------------------

_tools_fail() {
    _tools_err "$*"
    if [ -n "${_TOOLS_LOG:-}" ] && [ -s "$_TOOLS_LOG" ]; then
        printf 'tools.sh: last lines of %s:\n' "$_TOOLS_LOG" >&2
        tail -n 25 "$_TOOLS_LOG" | sed 's/^/    /' >&2
    fi
    exit 1
}

# Prints "URI SUITE SIGNED_BY" lines of the system's enabled deb sources (deb822 and
# one-line formats), to derive the Debian mirror without naming a host here.
_tools_system_sources() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk '
            function flush() {
                if (types ~ /(^| )deb( |$)/ && enabled != "no" && uris != "")
                    { split(uris, u, " "); n = split(suites, s, " ");
                      for (i = 1; i <= n; i++) print u[1], s[i], (signed == "" ? "-" : signed) }
                types = uris = suites = signed = ""; enabled = "yes"
            }
            BEGIN { enabled = "yes" }
            /^[ \t]*$/ { flush(); next }
            /^#/ { next }
            { key = tolower($1); sub(/^[^:]*:[ \t]*/, ""); val = $0 }
            key == "types:" { types = val } key == "uris:" { uris = val }
            key == "suites:" { suites = val } key == "enabled:" { enabled = tolower(val) }
            key == "signed-by:" { signed = val }
            END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk '$1 == "deb" {
                signed = "-"; i = 2
                if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) { if ($i ~ /signed-by=/) { signed = $i; sub(/.*signed-by=/, "", signed); sub(/\]$/, "", signed) } i++ }
                                  if ($i ~ /signed-by=/) { signed = $i; sub(/.*signed-by=/, "", signed); sub(/\]$/, "", signed) } i++ }
                print $i, $(i + 1), signed }' "$f"
    done
}

# Downloads the .debs into $1/apt/archives with a private apt configuration: trixie
# from the mirror of the system's own sources, own lists, cache and (empty) status.
_tools_download_debs() {
    local apt=$1/apt uri="" signed="-" sec_uri="" sec_signed="" signed_line u s g
    while read -r u s g; do
        case "$s" in
            *-security) [ -z "$sec_uri" ] && sec_uri=$u && sec_signed=$g ;;
            *-*|*/*) ;;
            *) [ -z "$uri" ] && uri=$u && signed=$g ;;  # the stable suite, e.g. bookworm
        esac
    done < <(_tools_system_sources)
    [ -n "$uri" ] || _tools_fail "found no Debian mirror in /etc/apt/sources.list{,.d}: cannot download trixie's openjdk-21."
    [ "$signed" != "-" ] || signed=/usr/share/keyrings/debian-archive-keyring.gpg
    [ "$sec_signed" != "-" ] || sec_signed=$signed
    rm -rf "${apt:?}/etc" "${apt:?}/state" "${apt:?}/cache" "${apt:?}/archives"
    mkdir -p "$apt/etc/preferences.d" "$apt/state/lists/partial" "$apt/cache" "$apt/archives/partial"
    : > "$apt/state/status"
    signed_line=""; [ -f "$signed" ] && signed_line="Signed-By: $signed"
    {
        printf 'Types: deb\nURIs: %s\nSuites: trixie trixie-updates\nComponents: main\n%s\n' "$uri" "$signed_line"
        if [ -n "$sec_uri" ]; then
            signed_line=""; [ -f "$sec_signed" ] && signed_line="Signed-By: $sec_signed"
            printf '\nTypes: deb\nURIs: %s\nSuites: trixie-security\nComponents: main\n%s\n' "$sec_uri" "$signed_line"
        fi
    } > "$apt/etc/trixie.sources"
    local -a o=(
        -o "Dir::Etc::sourcelist=$apt/etc/trixie.sources"
        -o "Dir::Etc::sourceparts=-"
        -o "Dir::Etc::preferences=$apt/etc/preferences"
        -o "Dir::Etc::preferencesparts=$apt/etc/preferences.d"
        -o "Dir::State=$apt/state"
        -o "Dir::State::status=$apt/state/status"
        -o "Dir::Cache=$apt/cache"
        -o "Dir::Cache::archives=$apt/archives"
        -o "Debug::NoLocking=1"
        -o "APT::Architecture=amd64" -o "APT::Architectures::=amd64"
        -o "Acquire::Languages=none"
        -q
    )
    [ "$(id -u)" = 0 ] && o+=(-o "APT::Sandbox::User=root")
    _tools_info "downloading trixie's JDK 21 packages (private apt configuration in $apt)"
    apt-get "${o[@]}" update >> "$_TOOLS_LOG" 2>&1 \
        || _tools_fail "apt-get update of the private trixie sources ($apt/etc/trixie.sources) failed."
    # shellcheck disable=SC2086  # a list of package names
    ( cd "$apt/archives" && apt-get "${o[@]}" download $_TOOLS_JDK_DEBS ) >> "$_TOOLS_LOG" 2>&1 \
        || _tools_fail "apt-get download of trixie's $_TOOLS_JDK_DEBS failed."
    rm -rf "$apt/state/lists" "$apt/cache"  # ~60 MB of indexes, stale by next time anyway
}

# Unpacks every downloaded .deb into $2; fails (without exiting) when one does not unpack.
_tools_unpack_debs() {
    local f
    rm -rf "$2"; mkdir -p "$2"
    for f in "$1"/apt/archives/*.deb; do
        dpkg-deb -x "$f" "$2" >> "$_TOOLS_LOG" 2>&1 || { echo "dpkg-deb -x $f failed" >> "$_TOOLS_LOG"; return 1; }
    done
}

_tools_setup_jdk() {
    set -euo pipefail
    local tools=$1 jdkroot=$1/jdk21 arch name f missing=0
    # Made meanwhile by another process that held the lock?
    [ "$(cat "$jdkroot/.ready" 2> /dev/null)" = "layout=$_TOOLS_JDK_LAYOUT root=$jdkroot" ] && return 0
    _TOOLS_LOG=$tools/logs/jdk21-setup.log
    mkdir -p "$tools/logs"
    : > "$_TOOLS_LOG"

    arch=$(dpkg --print-architecture 2>/dev/null) || _tools_fail "dpkg --print-architecture failed (no dpkg?): the project-local JDK 21 needs a Debian machine (or install a JDK 21 and set JAVA_HOME)."
    [ "$arch" = amd64 ] || _tools_fail "the project-local JDK 21 is made for amd64 only (this is $arch): install a JDK 21 and set JAVA_HOME."

    # The .debs kept from an earlier setup (e.g. the project moved) are used again,
    # unless one is missing or does not unpack: then all are downloaded anew.
    for name in $_TOOLS_JDK_DEBS; do
        compgen -G "$tools/apt/archives/${name}_*.deb" > /dev/null || missing=1
    done
    [ "$missing" = 0 ] || _tools_download_debs "$tools"
    _tools_info "unpacking into $jdkroot"
    if ! _tools_unpack_debs "$tools" "$jdkroot"; then
        [ "$missing" = 0 ] || _tools_fail "the downloaded packages do not unpack."
        _tools_download_debs "$tools"
        _tools_unpack_debs "$tools" "$jdkroot" || _tools_fail "the downloaded packages do not unpack."
    fi

    local jh=$jdkroot/usr/lib/jvm/java-21-openjdk-amd64 lib=$jdkroot/usr/lib/x86_64-linux-gnu
    local ld=$lib/ld-linux-x86-64.so.2
    [ -x "$jh/bin/java" ] && [ -x "$jh/bin/javac" ] || _tools_fail "the unpacked packages hold no $jh/bin/java and javac."
    [ -f "$ld" ] && [ -f "$lib/libc.so.6" ] || _tools_fail "the unpacked libc6 has no $ld."

    # Absolute symlinks into the unpacked tree (/etc/java-21-openjdk/..., ...) are
    # re-pointed, relatively, at the unpacked copy. Others (cacerts) are left to the system.
    local link target
    while IFS= read -r -d '' link; do
        target=$(readlink "$link")
        if [ -e "$jdkroot$target" ] || [ -L "$jdkroot$target" ]; then
            ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$jdkroot$target")" "$link"
        fi
    done < <(find "$jdkroot" -type l -lname '/*' -print0)

    # Patch every JDK executable: trixie's loader, and trixie's libraries found first.
    local patchelf=("$ld" --library-path "$lib" "$jdkroot/usr/bin/patchelf")
    "${patchelf[@]}" --version >> "$_TOOLS_LOG" 2>&1 || _tools_fail "trixie's patchelf does not start with trixie's loader."
    local n=0 rpath magic
    while IFS= read -r -d '' f; do
        magic=$(head -c 4 "$f" | od -An -c | tr -d ' ')
        [ "$magic" = '177ELF' ] || continue
        "${patchelf[@]}" --print-interpreter "$f" > /dev/null 2>&1 || continue  # a library
        rpath=$("${patchelf[@]}" --print-rpath "$f")
        "${patchelf[@]}" --set-interpreter "$ld" --force-rpath --set-rpath "${rpath:+$rpath:}$lib" "$f" >> "$_TOOLS_LOG" 2>&1 \
            || _tools_fail "patchelf failed on $f."
        n=$((n + 1))
    done < <(find "$jh" -type f -perm -u+x -print0)
    [ "$n" -ge 3 ] || _tools_fail "patched only $n JDK executables: expected bin/java, bin/javac, lib/jspawnhelper and more."
    echo "patched $n executables" >> "$_TOOLS_LOG"

    # cacerts: Debian's JDK links lib/security/cacerts to the system's Java keystore
    # (package ca-certificates-java). Without it, make one from the system's CA bundle.
    local sys_cacerts=${TOOLS_SYSTEM_CACERTS:-/etc/ssl/certs/java/cacerts} bundle=/etc/ssl/certs/ca-certificates.crt
    if [ ! -s "$sys_cacerts" ]; then
        [ -s "$bundle" ] || _tools_fail "neither $sys_cacerts nor $bundle exists: install ca-certificates (apt-get install -y ca-certificates-java)."
        mkdir -p "$jdkroot/etc/ssl/certs/java" "$tools/tmp"
        cat > "$tools/tmp/MakeCacerts.java" <<'EOF'
import java.io.*;
import java.security.KeyStore;
import java.security.cert.*;
public class MakeCacerts {
    public static void main(String[] a) throws Exception {
        KeyStore ks = KeyStore.getInstance("JKS");  // JKS: its trusted certificates read without a password
        ks.load(null, null);
        int n = 0;
        try (InputStream in = new BufferedInputStream(new FileInputStream(a[0]))) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("debian:" + (n++), c);
            }
        }
        if (n == 0) throw new IllegalStateException("no certificate in " + a[0]);
        try (OutputStream out = new FileOutputStream(a[1])) { ks.store(out, "changeit".toCharArray()); }
        System.out.println(n + " CA certificates written to " + a[1]);
    }
}
EOF
        "$jh/bin/java" "$tools/tmp/MakeCacerts.java" "$bundle" "$jdkroot/etc/ssl/certs/java/cacerts" >> "$_TOOLS_LOG" 2>&1 \
            || _tools_fail "could not make a cacerts keystore from $bundle."
        rm -rf "$tools/tmp"
        ln -sfn "$(realpath -m --relative-to="$jh/lib/security" "$jdkroot/etc/ssl/certs/java/cacerts")" "$jh/lib/security/cacerts"
        [ -s "$jh/lib/security/cacerts" ] || _tools_fail "$jh/lib/security/cacerts does not resolve."
    elif [ "$sys_cacerts" != /etc/ssl/certs/java/cacerts ]; then
        ln -sfn "$sys_cacerts" "$jh/lib/security/cacerts"
    fi

    # Prove it: the JVM and the compiler start and say 21.
    local out
    out=$("$jh/bin/java" -version 2>&1) || _tools_fail "the unpacked java does not start: $out"
    case "$out" in *'version "21'*) ;; *) _tools_fail "the unpacked java is not 21: $out" ;; esac
    out=$("$jh/bin/javac" -version 2>&1) || _tools_fail "the unpacked javac does not start: $out"
    printf '%s\n' "$out" >> "$_TOOLS_LOG"
    printf 'layout=%s root=%s\n' "$_TOOLS_JDK_LAYOUT" "$jdkroot" > "$jdkroot/.ready"
}

_tools_setup_maven() {
    set -euo pipefail
    local tools=$1 v=$_TOOLS_MAVEN_VERSION mvn dl
    [ -x "$tools/apache-maven-$v/bin/mvn" ] && return 0  # fetched meanwhile by another process
    _TOOLS_LOG=$tools/logs/maven-setup.log
    mkdir -p "$tools/logs"
    : > "$_TOOLS_LOG"
    if ! mvn=$(command -v mvn); then
        [ "$(id -u)" = 0 ] || _tools_fail "no mvn at all, and not root to 'apt-get install maven': install Maven >= $_TOOLS_MAVEN_MIN."
        _tools_info "installing Debian's maven (to fetch Maven $v)"
        { DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven; }; } \
            >> "$_TOOLS_LOG" 2>&1 || _tools_fail "apt-get install maven failed."
        mvn=$(command -v mvn) || _tools_fail "mvn is still not on PATH after apt-get install maven."
    fi
    _tools_info "fetching Maven $v with $mvn"
    dl=$tools/dl
    rm -rf "$dl"; mkdir -p "$dl"
    # From an empty directory, so no project pom is read.
    ( cd "$dl" && "$mvn" -B -q dependency:copy "-Dartifact=org.apache.maven:apache-maven:$v:tar.gz:bin" "-DoutputDirectory=$dl" ) \
        >> "$_TOOLS_LOG" 2>&1 || _tools_fail "$mvn could not fetch org.apache.maven:apache-maven:$v:tar.gz:bin."
    [ -s "$dl/apache-maven-$v-bin.tar.gz" ] || _tools_fail "no $dl/apache-maven-$v-bin.tar.gz after the fetch."
    rm -rf "$tools/apache-maven-$v" "$dl/x"; mkdir -p "$dl/x"
    tar -xzf "$dl/apache-maven-$v-bin.tar.gz" -C "$dl/x" >> "$_TOOLS_LOG" 2>&1 || _tools_fail "cannot unpack $dl/apache-maven-$v-bin.tar.gz."
    local out
    out=$("$dl/x/apache-maven-$v/bin/mvn" -v 2>&1) || _tools_fail "the fetched Maven does not start: $out"
    case "$out" in *"Apache Maven $v"*) ;; *) _tools_fail "the fetched Maven is not $v: $out" ;; esac
    mv "$dl/x/apache-maven-$v" "$tools/apache-maven-$v"
    rm -rf "$dl"
}

# Runs one setup step in its own bash process, holding .tools/.lock so that two
# scripts sourcing tools.sh at once do not set up the same thing twice.
_tools_run_setup() {
    local step=$1 tools=$2
    mkdir -p "$tools" || { _tools_err "cannot create $tools"; return 1; }
    if command -v flock > /dev/null 2>&1; then
        flock "$tools/.lock" bash "$_TOOLS_SELF" "$step" "$tools"
    else
        bash "$_TOOLS_SELF" "$step" "$tools"
    fi
}

# ---------------------------------------------------------------------------
# Detection, in the sourcing shell: no options changed, no errexit reliance.
# ---------------------------------------------------------------------------

_tools_find_java() {
    local tools=$1 d jh f
    TOOLS_JAVA_FEATURE=
    if [ -n "${JAVA_HOME:-}" ] && [ "$(_tools_jdk_feature "$JAVA_HOME")" = 21 ]; then
        TOOLS_JAVA_FEATURE=21; return 0
    fi
    for d in /usr/lib/jvm/*21*; do
        [ -d "$d" ] && [ "$(_tools_jdk_feature "$d")" = 21 ] || continue
        JAVA_HOME=$d; TOOLS_JAVA_FEATURE=21; return 0
    done
    jh=$tools/jdk21/usr/lib/jvm/java-21-openjdk-amd64
    f=$tools/jdk21/.ready
    if [ ! -f "$f" ] || [ "$(< "$f")" != "layout=$_TOOLS_JDK_LAYOUT root=$tools/jdk21" ]; then
        if _tools_run_setup --setup-jdk "$tools"; then :; else
            if [ "${TOOLS_ALLOW_NEWER_JAVA:-0}" = 1 ]; then
                for d in /usr/lib/jvm/*; do
                    f=$(_tools_jdk_feature "$d") || continue
                    if [ "$f" -gt 21 ] 2> /dev/null; then
                        printf 'tools.sh: WARNING: no Java 21; TOOLS_ALLOW_NEWER_JAVA=1, so building with Java %s at %s. Karaf 4.4.8 will NOT run on it.\n' "$f" "$d" >&2
                        JAVA_HOME=$d; TOOLS_JAVA_FEATURE=$f; return 0
                    fi
                done
            fi
            _tools_err "no Java 21 JDK: none in JAVA_HOME or /usr/lib/jvm/*21*, and the project-local one in $tools/jdk21 could not be made (see above)."
            return 1
        fi
    fi
    JAVA_HOME=$jh; TOOLS_JAVA_FEATURE=21
}

# The version of the Maven installation whose bin/mvn is $1 (resolved), cached by path and mtime.
_tools_mvn_version() {
    local mvn=$1 tools=$2 home jar v key cache line out
    home=$(dirname "$(dirname "$mvn")")
    for jar in "$home"/lib/maven-core-[0-9]*.jar; do
        [ -f "$jar" ] || continue
        v=${jar##*/maven-core-}; v=${v%.jar}
        [[ $v =~ ^[0-9]+(\.[0-9]+)+$ ]] && { printf '%s\n' "$v"; return 0; }
    done
    key="$mvn $(stat -c %Y "$mvn" "$home"/lib 2> /dev/null | tr '\n' ' ')"
    cache=$tools/.mvn-versions
    if [ -f "$cache" ]; then
        while IFS='|' read -r line v; do
            [ "$line" = "$key" ] && { printf '%s\n' "$v"; return 0; }
        done < "$cache"
    fi
    out=$("$mvn" -v 2> /dev/null | sed 's/\x1b\[[0-9;]*m//g') || return 1
    v=$(printf '%s\n' "$out" | sed -n 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -n1)
    [ -n "$v" ] || return 1
    mkdir -p "$tools" && printf '%s|%s\n' "$key" "$v" >> "$cache"
    printf '%s\n' "$v"
}

_tools_find_maven() {
    local tools=$1 mvn v local_mvn=$1/apache-maven-$_TOOLS_MAVEN_VERSION/bin/mvn
    if mvn=$(command -v mvn); then
        mvn=$(readlink -f "$mvn")
        if [ "$mvn" = "$local_mvn" ]; then MVN=$mvn; return 0; fi
        if v=$(_tools_mvn_version "$mvn" "$tools") && _tools_version_ge "$v" "$_TOOLS_MAVEN_MIN"; then
            MVN=$mvn; return 0
        fi
    fi
    if [ ! -x "$local_mvn" ]; then
        _tools_run_setup --setup-maven "$tools" || {
            _tools_err "no Maven >= $_TOOLS_MAVEN_MIN: the one on PATH is ${v:-missing}, and $tools/apache-maven-$_TOOLS_MAVEN_VERSION could not be fetched (see above)."
            return 1
        }
    fi
    MVN=$local_mvn
}

_tools_path_prepend() {
    case ":$PATH:" in *":$1:"*) ;; *) PATH=$1:$PATH ;; esac
}

_tools_main() {
    local root tools
    root=$(cd "$(dirname "$_TOOLS_SELF")/.." && pwd -P) || { _tools_err "cannot find the project root from $_TOOLS_SELF"; return 1; }
    # The real path: the JDK is patched for, and records, the place it was unpacked in, so a .tools that is a
    # link (a git worktree sharing another's) must not look like a different place and set it up again
    tools=$(readlink -f "$root/.tools")
    _tools_find_java "$tools" || return 1
    export JAVA_HOME TOOLS_JAVA_FEATURE
    _tools_path_prepend "$JAVA_HOME/bin"
    _tools_find_maven "$tools" || return 1
    export MVN
    case "$MVN" in "$tools"/*) _tools_path_prepend "$(dirname "$MVN")" ;; esac
    export PATH
}

_TOOLS_SELF=$(readlink -f "${BASH_SOURCE[0]}")

if [ "$_TOOLS_SELF" = "$(readlink -f "$0" 2> /dev/null)" ]; then
    # Executed, not sourced.
    case "${1:-}" in
        --setup-jdk) _tools_setup_jdk "$2" ;;
        --setup-maven) _tools_setup_maven "$2" ;;
        --print)
            _tools_main || exit 1
            printf 'export JAVA_HOME=%q MVN=%q TOOLS_JAVA_FEATURE=%q PATH=%q\n' "$JAVA_HOME" "$MVN" "$TOOLS_JAVA_FEATURE" "$PATH" ;;
        *)
            printf 'usage: . scripts/tools.sh          (from bash: sets up and exports JAVA_HOME, MVN)\n' >&2
            printf '       bash scripts/tools.sh --print  (sets up, prints the exports)\n' >&2
            exit 2 ;;
    esac
    exit $?
fi

if _tools_main; then _TOOLS_OK=1; else _TOOLS_OK=0; fi
unset -f _tools_err _tools_info _tools_jdk_feature _tools_version_ge _tools_fail _tools_system_sources \
    _tools_download_debs _tools_unpack_debs _tools_setup_jdk _tools_setup_maven _tools_run_setup _tools_find_java _tools_mvn_version \
    _tools_find_maven _tools_path_prepend _tools_main
unset _TOOLS_SELF _TOOLS_MAVEN_VERSION _TOOLS_MAVEN_MIN _TOOLS_JDK_LAYOUT _TOOLS_JDK_DEBS
if [ "$_TOOLS_OK" = 1 ]; then unset _TOOLS_OK; return 0; else unset _TOOLS_OK; return 1; fi
