package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16, item 7: outside the dev and test profiles notification-service takes no committed
 * default for its secrets. Started as it runs in production (its built jar) without one, or with it
 * empty, it stops at start-up and names the missing variable or its property.
 */
class SecretsFailClosedTest {

  private static final Path HOME = Path.of(System.getProperty("suite.home", "..")).toAbsolutePath();

  @ParameterizedTest
  @CsvSource({
    "SUITE_SMS_GATEWAY_SECRET, sms.gateway.secret, SUITE_NOTIFICATION_PSEUDONYM_SECRET, absent",
    "SUITE_SMS_GATEWAY_SECRET, sms.gateway.secret, SUITE_NOTIFICATION_PSEUDONYM_SECRET, empty",
    "SUITE_NOTIFICATION_PSEUDONYM_SECRET, notification.pseudonym-secret, SUITE_SMS_GATEWAY_SECRET,"
        + " absent"
  })
  void notification_service_without_a_secret_does_not_start_and_names_it(
      String missing, String property, String given, String how)
      throws IOException, InterruptedException {
    Path jar = HOME.resolve("notification-service/target/quarkus-app/quarkus-run.jar");
    assertTrue(Files.exists(jar), "notification-service is built before deploy: " + jar);
    Path log = Files.createTempFile("secrets-fail-closed", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Dquarkus.http.port=0", "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("SUITE_"));
    env.put(given, "a-secret-of-this-test");
    if (how.equals("empty")) {
      env.put(missing, "");
    }
    // Nothing to reach: the service must stop on its configuration before it tries.
    env.put("SUITE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none");
    env.put("SUITE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
    Process process = builder.start();
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(ended, "still running without " + missing + ":\n" + output);
    assertNotEquals(0, process.exitValue(), output);
    assertTrue(
        output.contains(missing) || output.contains(property),
        "the refusal names " + missing + " or " + property + ":\n" + output);
  }
}
