package cn.bj.hrss.card.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code deploy/ops.sh} run as an operator runs it: its exit code, what it printed and said. */
record OpsScript(int exitCode, String out, String err) {

  static final Path SCRIPT =
      Path.of(System.getProperty("suite.home", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("deploy/ops.sh");

  /** Runs {@code ops.sh ARGS} with {@code environment} over the test's, for at most 5 minutes. */
  static OpsScript run(Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("ops-out", ".txt");
      Path err = Files.createTempFile("ops-err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("ops.sh " + String.join(" ", args) + " did not end");
      }
      OpsScript result =
          new OpsScript(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
