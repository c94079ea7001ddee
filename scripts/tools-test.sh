#!/usr/bin/env bash
# scripts/tools-test.sh - quick self-check of scripts/tools.sh.
#
#   bash scripts/tools-test.sh          sources tools.sh, then checks: Maven >= 3.9.5,
#                                       `java -version` says 21, javac compiles, and a
#                                       JVM (-XX:+UseSerialGC -Xmx512m) starts a process
#                                       with ProcessBuilder (jspawnhelper), loads the CA
#                                       trust store and, for the project-local JDK, runs
#                                       on the unpacked glibc while its child does not.
#   bash scripts/tools-test.sh --maven  also builds a tiny JUnit 5 project with $MVN
#                                       (Surefire forks a JVM); needs Maven Central.
# Prints one line per check and exits non-zero when one fails.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
passed=0 failed=0
ok() { printf 'ok    %s\n' "$*"; passed=$((passed + 1)); }
bad() { printf 'FAIL  %s\n' "$*"; failed=$((failed + 1)); }

start=$(date +%s.%N)
# shellcheck source=scripts/tools.sh
if ! . "$here/tools.sh"; then
    echo "FAIL  sourcing scripts/tools.sh"
    echo "0 passed, 1 failed"
    exit 1
fi
ok "sourced scripts/tools.sh in $(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc 2> /dev/null || echo 0)") s: JAVA_HOME=$JAVA_HOME MVN=$MVN"

mvn_out=$("$MVN" -v 2>&1 | sed 's/\x1b\[[0-9;]*m//g')
mvn_v=$(printf '%s\n' "$mvn_out" | sed -n 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p')
if [ -n "$mvn_v" ] && [ "$(printf '%s\n%s\n' 3.9.5 "$mvn_v" | sort -V | head -n1)" = 3.9.5 ]; then
    ok "Maven $mvn_v >= 3.9.5"
else
    bad "Maven >= 3.9.5: $MVN -v says: $mvn_out"
fi
case "$mvn_out" in
    *"runtime: $JAVA_HOME"*) ok "Maven runs on JAVA_HOME" ;;
    *) bad "Maven does not run on $JAVA_HOME: $mvn_out" ;;
esac

java_out=$("$JAVA_HOME/bin/java" -version 2>&1)
case "$java_out" in
    *'version "21'*) ok "java -version says 21 ($(printf '%s\n' "$java_out" | head -n1))" ;;
    *) bad "java -version does not say 21: $java_out" ;;
esac
[ "$(command -v java)" = "$JAVA_HOME/bin/java" ] && ok "java on PATH is JAVA_HOME's" || bad "java on PATH is $(command -v java), not $JAVA_HOME/bin/java"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/ToolsCheck.java" <<'EOF'
import java.nio.file.*;
import java.security.KeyStore;
import java.util.*;
import javax.net.ssl.*;

public class ToolsCheck {
    static String libc(String maps) {
        for (String l : maps.split("\n")) if (l.contains("/libc.so.6")) return l.substring(l.indexOf('/'));
        return "?";
    }
    public static void main(String[] a) throws Exception {
        int fails = 0;
        System.out.println("feature=" + Runtime.version().feature() + " gc=" +
            java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().get(0).getName() +
            " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Process p = new ProcessBuilder("sh", "-c", "echo child-ok; grep -m1 /libc.so.6 /proc/$$/maps")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        int rc = p.waitFor();
        System.out.println("processbuilder rc=" + rc + " out=" + out.split("\n")[0]
            + " launch=" + System.getProperty("jdk.lang.Process.launchMechanism", "POSIX_SPAWN(default)"));
        if (rc != 0 || !out.startsWith("child-ok")) fails++;
        String childLibc = out.contains("/") ? out.substring(out.lastIndexOf(' ') + 1) : "?";
        String myLibc = libc(Files.readString(Path.of("/proc/self/maps")));
        System.out.println("libc jvm=" + myLibc + " child=" + childLibc);
        String home = System.getProperty("java.home");
        if (home.contains("/.tools/") && (!myLibc.contains("/.tools/") || childLibc.contains("/.tools/"))) {
            System.out.println("project-local JDK: the JVM must use the unpacked libc and its children the system's");
            fails++;
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        int cas = ((X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers().length;
        System.out.println("trusted CAs=" + cas);
        if (cas < 10) fails++;
        System.exit(fails == 0 ? 0 : 1);
    }
}
EOF
if javac_out=$("$JAVA_HOME/bin/javac" -d "$work/classes" "$work/ToolsCheck.java" 2>&1); then
    ok "javac compiles"
    if run_out=$("$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx512m -cp "$work/classes" ToolsCheck 2>&1); then
        ok "java -XX:+UseSerialGC -Xmx512m runs; ProcessBuilder, trust store and libraries fine:"
    else
        bad "the check program failed:"
    fi
    printf '%s\n' "$run_out" | sed 's/^/        /'
else
    bad "javac: $javac_out"
fi

if [ "${1:-}" = --maven ]; then
    mkdir -p "$work/p/src/test/java/t"
    cat > "$work/p/pom.xml" <<'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>t</groupId><artifactId>tools-check</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>21</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
      <version>5.10.2</version><scope>test</scope></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.2.5</version>
      <configuration><argLine>-XX:+UseSerialGC -Xmx512m</argLine></configuration></plugin>
  </plugins></build>
</project>
EOF
    cat > "$work/p/src/test/java/t/ForkTest.java" <<'EOF'
package t;
import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.Test;
class ForkTest {
    @Test void runsOnJava21InAFork() throws Exception {
        assertEquals(21, Runtime.version().feature());
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
    }
}
EOF
    if mvn_build=$(cd "$work/p" && "$MVN" -B verify 2>&1 | sed 's/\x1b\[[0-9;]*m//g') \
        && grep -q 'Tests run: 1, Failures: 0, Errors: 0, Skipped: 0' <<< "$mvn_build"; then
        ok "Maven build of a JUnit 5 project: its test ran in a forked Surefire JVM and passed"
    else
        bad "Maven build of a JUnit 5 project:"; printf '%s\n' "$mvn_build" | tail -n 30 | sed 's/^/        /'
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
