package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/ops.sh} without a suite: its help, and {@code restart} through the local run's
 * control directory (ADR 38) against a stand-in for the suite's processes. {@code SuiteEndToEndIT}
 * restarts a real service with it.
 */
class OpsScriptTest {

  @TempDir Path run;

  /** The comment block under the shebang, without its comment signs: the help. */
  private static String help() throws IOException {
    List<String> lines = Files.readAllLines(OpsScript.SCRIPT);
    StringBuilder help = new StringBuilder();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.startsWith("#")) {
        break;
      }
      help.append(line.replaceFirst("^# ?", "")).append('\n');
    }
    return help.toString();
  }

  @Test
  void without_arguments_it_prints_its_help_alone_and_the_help_lists_restart() throws IOException {
    OpsScript result = OpsScript.run(Map.of());
    assertEquals(2, result.exitCode(), result.toString());
    assertEquals(help(), result.out());
    assertEquals("", result.err());
    assertTrue(result.out().contains("deploy/ops.sh restart NAME"), result.out());
    assertTrue(result.out().endsWith("(ADR 38).\n"), "the block's last line ends the help");
  }

  @Test
  void help_asked_for_is_printed_without_a_running_suite() throws IOException {
    OpsScript result = OpsScript.run(Map.of("SUITE_OPERATOR_TOKEN", ""), "help");
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(help(), result.out());
  }

  @Test
  void restart_without_a_running_local_suite_is_refused() {
    OpsScript result =
        OpsScript.run(Map.of("SUITE_LOCAL_RUN_DIR", run.toString()), "restart", "x-service");
    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.err().contains("no local suite of yours is running"), result.toString());
  }

  @Test
  void restart_asks_the_suite_and_waits_until_the_instance_is_ready() throws IOException {
    HttpServer ready = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ready.createContext(
        "/q/health/ready",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    ready.start();
    List<String> restarted = new CopyOnWriteArrayList<>();
    long alive = ProcessHandle.current().pid();
    LocalRunControl.Instances standIn =
        new LocalRunControl.Instances() {
          @Override
          public Set<String> names() {
            return Set.of("notification-service", "notification-service#2");
          }

          @Override
          public long[] restart(String name) {
            restarted.add(name);
            return new long[] {1, alive};
          }

          @Override
          public String url(String name) {
            return "http://127.0.0.1:" + ready.getAddress().getPort();
          }

          @Override
          public Path log(String name) {
            return run.resolve(name + ".log");
          }
        };
    List<String> said = new ArrayList<>();
    Map<String, String> env = Map.of("SUITE_LOCAL_RUN_DIR", run.toString());
    try (LocalRunControl control = LocalRunControl.start(run, standIn, said::add)) {
      OpsScript done = OpsScript.run(env, "restart", "notification-service#2");
      assertEquals(0, done.exitCode(), done.toString());
      assertEquals(List.of("notification-service#2"), restarted);
      assertTrue(
          done.out().contains("process 1 stopped, process " + alive + " started"), done.out());
      assertTrue(
          done.out()
              .matches("(?s).*notification-service#2: ready again at \\S+ after \\d+\\.\\d s\n"),
          done.out());

      OpsScript unknown = OpsScript.run(env, "restart", "nobody-service");
      assertEquals(2, unknown.exitCode(), unknown.toString());
      assertTrue(unknown.err().contains("unknown service nobody-service"), unknown.toString());
      assertEquals(List.of("notification-service#2"), restarted, "nothing else restarted");
      try (var left = Files.list(run.resolve(LocalRunControl.DIRECTORY))) {
        assertEquals(
            List.of(LocalRunControl.PID_FILE),
            left.map(p -> p.getFileName().toString()).toList(),
            "every request and reply is taken away");
      }
    } finally {
      ready.stop(0);
    }
    assertFalse(Files.exists(run.resolve(LocalRunControl.DIRECTORY).resolve("suite.pid")));
    OpsScript after = OpsScript.run(env, "restart", "notification-service");
    assertEquals(1, after.exitCode(), "a closed suite takes no request: " + after);
  }
}
