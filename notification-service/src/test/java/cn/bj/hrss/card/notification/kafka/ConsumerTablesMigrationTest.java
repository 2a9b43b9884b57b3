package cn.bj.hrss.card.notification.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.infra.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * card-event-consumer's tables come from its own Flyway location (ADR 26), on a fresh database and
 * on one migrated before, whose history holds the service's own V5__dead_letters (kept in test
 * resources exactly as it was shipped, so that its checksum is the deployed one). V5 is below the
 * service's latest version, so Flyway calls it missing (not future): without {@code
 * versioned:missing} the service would not start on such a database.
 */
class ConsumerTablesMigrationTest {

  private static final List<String> LIBRARY_TABLES =
      List.of("card_event_position", "dead_letter", "parked_card");

  private final LocalPostgres postgres = LocalInfrastructure.shared().postgres();

  /** Flyway as application.properties sets it up now. */
  private Flyway now(String schema) {
    return Flyway.configure()
        .dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
        .schemas(schema)
        .locations("classpath:db/migration", "classpath:db/card-event-consumer")
        .ignoreMigrationPatterns("*:future", "versioned:missing")
        .load();
  }

  @Test
  void a_fresh_database_gets_the_library_tables_from_the_library() throws Exception {
    String schema = "adr26_fresh_" + UUID.randomUUID().toString().substring(0, 8);

    MigrateResult result = now(schema).migrate();

    assertTrue(result.success);
    assertEquals(LIBRARY_TABLES, libraryTables(schema));
    assertTrue(indexExists(schema, "dead_letter_waiting"));
  }

  @Test
  void a_database_migrated_before_keeps_its_tables_and_validates() throws Exception {
    String schema = "adr26_old_" + UUID.randomUUID().toString().substring(0, 8);
    Flyway.configure()
        .dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
        .schemas(schema)
        .locations("classpath:db/migration", "classpath:db/before-adr-26")
        .load()
        .migrate();
    try (Connection connection = connect()) {
      connection
          .createStatement()
          .execute(
              "INSERT INTO "
                  + schema
                  + ".parked_card (card_id, reason, parked_at) VALUES ('C1', 'kept', now())");
    }

    MigrateResult result = now(schema).migrate();
    now(schema).validate();

    assertTrue(result.success);
    assertEquals(1, result.migrationsExecuted, "only the library's repeatable migration runs");
    assertEquals(LIBRARY_TABLES, libraryTables(schema));
    try (Connection connection = connect();
        ResultSet row =
            connection
                .createStatement()
                .executeQuery("SELECT reason FROM " + schema + ".parked_card")) {
      assertTrue(row.next());
      assertEquals("kept", row.getString(1));
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  private List<String> libraryTables(String schema) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection connection = connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " AND table_name IN ('card_event_position', 'dead_letter', 'parked_card')"
                    + " ORDER BY table_name")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  private boolean indexExists(String schema, String index) throws Exception {
    try (Connection connection = connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT 1 FROM pg_indexes WHERE schemaname = ? AND indexname = ?")) {
      statement.setString(1, schema);
      statement.setString(2, index);
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    }
  }
}
