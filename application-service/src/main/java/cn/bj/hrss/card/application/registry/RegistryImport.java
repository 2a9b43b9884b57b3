package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.card.domain.ReferenceData;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Loads the registry of insured persons from an operator's file, row by row: each valid row is
 * inserted or updated (a later import keeps the registry up to date), each bad row is reported with
 * its line, field and rule and changes nothing. A row's guardians (R-BANK-4, optional column {@code
 * guardian_id_numbers}) are recorded with the person, in the same transaction ({@link
 * GuardianRelations}). A row whose optional column {@code ended} says the person died or emigrated
 * has every live card of theirs cancelled once its batch is committed ({@link RegistryEndings},
 * S-END-1); the value {@code none} clears an ending recorded before, an empty one leaves it. Rows
 * are written in batches of {@value #BATCH}, each in its own transaction, and the job's counters
 * move after every batch, so that {@code GET /imports/{id}} shows the progress of a running import.
 */
@ApplicationScoped
public class RegistryImport {

  private static final Logger LOG = Logger.getLogger(RegistryImport.class);
  static final int BATCH = 1000;
  private static final int MAX_STORED_ERRORS = 10_000;
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final String UPSERT =
      "INSERT INTO insured_person (id_number, name, category, district_code, organisation_id,"
          + " pension_bank_code, updated_at, holds_old_card, away_from_school, ended)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id_number) DO UPDATE SET name = EXCLUDED.name,"
          + " category = EXCLUDED.category, district_code = EXCLUDED.district_code,"
          + " organisation_id = EXCLUDED.organisation_id,"
          + " pension_bank_code = EXCLUDED.pension_bank_code, updated_at = EXCLUDED.updated_at,"
          + " holds_old_card = EXCLUDED.holds_old_card,"
          + " away_from_school = EXCLUDED.away_from_school,"
          + " ended = CASE WHEN ? THEN NULL ELSE COALESCE(EXCLUDED.ended, insured_person.ended)"
          + " END";

  /** The file formats an import reads. */
  public enum Format {
    CSV,
    JSON_LINES
  }

  /**
   * The outcome (or, while running, the progress) of one import.
   *
   * @param cardsCancelled S-END-1: the cards cancelled because a row said their holder died or
   *     emigrated
   */
  public record Report(
      String importId,
      String status,
      int rowsRead,
      int rowsApplied,
      int rowsRejected,
      List<RowError> firstErrors,
      int cardsCancelled) {}

  /** A rejected row. */
  public record RowError(int line, String field, String rule, String message) {}

  private final DataSource dataSource;
  private final ReferenceData referenceData;
  private final GuardianRelations guardians;
  private final RegistryEndings endings;

  RegistryImport(
      DataSource dataSource,
      ReferenceData referenceData,
      GuardianRelations guardians,
      RegistryEndings endings) {
    this.dataSource = dataSource;
    this.referenceData = referenceData;
    this.guardians = guardians;
    this.endings = endings;
  }

  /**
   * @param importedBy the operator who imports (recorded with each guardian the import records)
   */
  public Report run(BufferedReader input, Format format, String importedBy) {
    String id = UUID.randomUUID().toString();
    Instant started = Instant.now();
    execute(
        "INSERT INTO import_job (id, status, rows_read, rows_applied, rows_rejected, started_at)"
            + " VALUES (?, 'RUNNING', 0, 0, 0, ?)",
        id,
        Timestamp.from(started));
    int read = 0;
    int applied = 0;
    int cancelled = 0;
    List<RowError> errors = new ArrayList<>();
    int storedErrors = 0;
    List<RegistryRow> batch = new ArrayList<>();
    List<RowError> batchErrors = new ArrayList<>();
    try {
      int lineNumber = 0;
      String line;
      while ((line = input.readLine()) != null) {
        lineNumber++;
        if (line.isBlank() || (format == Format.CSV && lineNumber == 1 && isHeader(line))) {
          continue;
        }
        read++;
        Optional<RegistryRow> row = parse(line, format, lineNumber, batchErrors);
        row.ifPresent(batch::add);
        if (batch.size() + batchErrors.size() >= BATCH) {
          applied += write(batch, id, importedBy);
          cancelled += endings.cancelCardsOf(batch, id, importedBy);
          storedErrors += storeErrors(id, batchErrors, storedErrors);
          addFirst(errors, batchErrors);
          progress(id, read, applied, read - applied, started);
          batch.clear();
          batchErrors.clear();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the import", e);
    }
    applied += write(batch, id, importedBy);
    cancelled += endings.cancelCardsOf(batch, id, importedBy);
    storeErrors(id, batchErrors, storedErrors);
    addFirst(errors, batchErrors);
    execute(
        "UPDATE import_job SET status = 'DONE', rows_read = ?, rows_applied = ?,"
            + " rows_rejected = ?, cards_cancelled = ?, finished_at = ? WHERE id = ?",
        read,
        applied,
        read - applied,
        cancelled,
        Timestamp.from(Instant.now()),
        id);
    progress(id, read, applied, read - applied, started);
    return new Report(id, "DONE", read, applied, read - applied, errors, cancelled);
  }

  private Optional<RegistryRow> parse(
      String line, Format format, int lineNumber, List<RowError> errors) {
    RegistryRow row;
    try {
      row =
          format == Format.CSV
              ? RegistryRow.fromCsv(line)
              : JSON.readValue(line, RegistryRow.class);
    } catch (IOException e) {
      errors.add(new RowError(lineNumber, null, "INPUT-MALFORMED", "not a JSON object"));
      return Optional.empty();
    }
    Optional<RegistryRow.Problem> problem = row.problem(referenceData);
    if (problem.isPresent()) {
      RegistryRow.Problem p = problem.get();
      errors.add(new RowError(lineNumber, p.field(), p.rule(), p.message()));
      return Optional.empty();
    }
    return Optional.of(row);
  }

  private static boolean isHeader(String line) {
    return line.startsWith("id_number");
  }

  private static void addFirst(List<RowError> errors, List<RowError> more) {
    for (RowError e : more) {
      if (errors.size() < 100) {
        errors.add(e);
      }
    }
  }

  /** Writes valid rows in one transaction; returns how many were written. */
  private int write(List<RegistryRow> rows, String importId, String importedBy) {
    if (rows.isEmpty()) {
      return 0;
    }
    Timestamp now = Timestamp.from(Instant.now());
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = dataSource.getConnection();
                  PreparedStatement upsert = c.prepareStatement(UPSERT)) {
                for (RegistryRow row : rows) {
                  upsert.setString(1, row.idNumber());
                  upsert.setString(2, row.name());
                  upsert.setString(3, row.category());
                  upsert.setString(4, row.districtCode());
                  upsert.setString(5, row.organisationId());
                  upsert.setString(6, row.pensionBankCode());
                  upsert.setTimestamp(7, now);
                  upsert.setBoolean(8, row.holdsAnOldCard());
                  upsert.setBoolean(9, row.studentAwayFromSchool());
                  upsert.setString(10, row.ending());
                  upsert.setBoolean(11, row.clearsEnding());
                  upsert.addBatch();
                }
                upsert.executeBatch();
                for (RegistryRow row : rows) {
                  if (row.guardians().isPresent()) {
                    guardians.replaceFromRegistry(
                        c, row.idNumber(), row.guardians().get(), importId, importedBy, now);
                  }
                }
                return rows.size();
              }
            });
  }

  private int storeErrors(String id, List<RowError> errors, int alreadyStored) {
    List<RowError> toStore =
        errors.subList(0, Math.max(0, Math.min(errors.size(), MAX_STORED_ERRORS - alreadyStored)));
    if (toStore.isEmpty()) {
      return 0;
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              try (Connection c = dataSource.getConnection();
                  PreparedStatement insert =
                      c.prepareStatement(
                          "INSERT INTO import_error (job_id, line, field, rule, message)"
                              + " VALUES (?, ?, ?, ?, ?)")) {
                for (RowError e : toStore) {
                  insert.setString(1, id);
                  insert.setInt(2, e.line());
                  insert.setString(3, e.field());
                  insert.setString(4, e.rule());
                  insert.setString(5, e.message());
                  insert.addBatch();
                }
                insert.executeBatch();
              } catch (SQLException ex) {
                throw new IllegalStateException("could not store import errors", ex);
              }
            });
    return toStore.size();
  }

  private void progress(String id, int read, int applied, int rejected, Instant started) {
    execute(
        "UPDATE import_job SET rows_read = ?, rows_applied = ?, rows_rejected = ? WHERE id = ?",
        read,
        applied,
        rejected,
        id);
    long millis = Math.max(1, Duration.between(started, Instant.now()).toMillis());
    LOG.infof(
        "import %s: %d rows read, %d applied, %d rejected (%d rows/s)",
        id, read, applied, rejected, read * 1000L / millis);
  }

  public Optional<Report> find(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement job = c.prepareStatement("SELECT * FROM import_job WHERE id = ?");
        PreparedStatement errors =
            c.prepareStatement(
                "SELECT * FROM import_error WHERE job_id = ? ORDER BY line LIMIT 100")) {
      job.setString(1, id);
      errors.setString(1, id);
      try (var row = job.executeQuery();
          var errorRows = errors.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        List<RowError> first = new ArrayList<>();
        while (errorRows.next()) {
          first.add(
              new RowError(
                  errorRows.getInt("line"),
                  errorRows.getString("field"),
                  errorRows.getString("rule"),
                  errorRows.getString("message")));
        }
        return Optional.of(
            new Report(
                id,
                row.getString("status"),
                row.getInt("rows_read"),
                row.getInt("rows_applied"),
                row.getInt("rows_rejected"),
                first,
                row.getInt("cards_cancelled")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read import " + id, e);
    }
  }

  private void execute(String sql, Object... values) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not record the import's progress", e);
    }
  }
}
