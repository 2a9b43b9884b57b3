package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.card.domain.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The recorded guardians of minors (R-BANK-4, table {@code guardian_relation}, ADR 22): those the
 * registry import lists, and those the staff of an outlet checked in person. A row is never
 * rewritten except to withdraw it; every row says who recorded it, when, and (in person) at which
 * outlet, from which document (its number masked) and which member of staff.
 */
@ApplicationScoped
public class GuardianRelations {

  /** A recorded relation as an operator or an auditor reads it: ID numbers masked. */
  public record View(
      String minorIdNumber,
      String guardianIdNumber,
      String source,
      String documentType,
      String documentNumber,
      String outletName,
      String staffId,
      String recordedByRole,
      String recordedBy,
      String importId,
      String correlationId,
      Instant recordedAt,
      Instant withdrawnAt,
      String withdrawnBy) {}

  /** A check of the documents in person, by the staff of an outlet. */
  public record InPersonCheck(
      String minorIdNumber,
      String guardianIdNumber,
      String documentType,
      String documentNumber,
      String outletName,
      String staffId,
      String recordedByRole,
      String recordedBy,
      String correlationId) {}

  private final DataSource dataSource;

  GuardianRelations(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A document number as it is kept: only its last four characters. */
  static String maskedDocumentNumber(String number) {
    int length = number.codePointCount(0, number.length());
    if (length <= 4) {
      return "*".repeat(Math.max(length, 4));
    }
    return "*".repeat(length - 4) + number.substring(number.offsetByCodePoints(0, length - 4));
  }

  /** Records a check in person; returns it as kept. */
  public View recordInPerson(InPersonCheck check) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO guardian_relation (minor_id_number, guardian_id_number, source,"
                    + " document_type, document_number_masked, outlet_name, staff_id,"
                    + " recorded_by_role, recorded_by, correlation_id, recorded_at)"
                    + " VALUES (?, ?, 'IN_PERSON', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      insert.setString(1, check.minorIdNumber());
      insert.setString(2, check.guardianIdNumber());
      insert.setString(3, check.documentType());
      insert.setString(4, maskedDocumentNumber(check.documentNumber()));
      insert.setString(5, check.outletName());
      insert.setString(6, check.staffId());
      insert.setString(7, check.recordedByRole());
      insert.setString(8, check.recordedBy());
      insert.setString(9, check.correlationId());
      insert.setTimestamp(10, Timestamp.from(Instant.now()));
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        long id = row.getLong(1);
        return views(c, "id = ?", id).get(0);
      }
    }
  }

  /** Every relation recorded for the minor, in force or withdrawn, oldest first. */
  public List<View> of(String minorIdNumber) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return views(c, "minor_id_number = ?", minorIdNumber);
    }
  }

  /**
   * R-BANK-4, in the registry import's transaction: {@code guardians} become the minor's registry
   * guardians. Those no longer listed are withdrawn (by the import), new ones are recorded; the
   * ones checked in person stay as they are.
   */
  void replaceFromRegistry(
      Connection c,
      String minorIdNumber,
      List<String> guardians,
      String importId,
      String importedBy,
      Timestamp now)
      throws SQLException {
    try (PreparedStatement withdraw =
        c.prepareStatement(
            "UPDATE guardian_relation SET withdrawn_at = ?, withdrawn_by = ?"
                + " WHERE minor_id_number = ? AND source = 'REGISTRY' AND withdrawn_at IS NULL"
                + " AND NOT (guardian_id_number::text = ANY (?))")) {
      Array listed = c.createArrayOf("text", guardians.toArray());
      withdraw.setTimestamp(1, now);
      withdraw.setString(2, "import " + importId);
      withdraw.setString(3, minorIdNumber);
      withdraw.setArray(4, listed);
      withdraw.executeUpdate();
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO guardian_relation (minor_id_number, guardian_id_number, source,"
                + " recorded_by_role, recorded_by, import_id, recorded_at)"
                + " SELECT ?, ?, 'REGISTRY', 'OPERATOR', ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM guardian_relation WHERE minor_id_number = ?"
                + " AND guardian_id_number = ? AND source = 'REGISTRY' AND withdrawn_at IS NULL)")) {
      for (String guardian : guardians) {
        insert.setString(1, minorIdNumber);
        insert.setString(2, guardian);
        insert.setString(3, importedBy);
        insert.setString(4, importId);
        insert.setTimestamp(5, now);
        insert.setString(6, minorIdNumber);
        insert.setString(7, guardian);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static List<View> views(Connection c, String where, Object value) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT * FROM guardian_relation WHERE " + where + " ORDER BY id")) {
      select.setObject(1, value);
      try (ResultSet rows = select.executeQuery()) {
        List<View> views = new ArrayList<>();
        while (rows.next()) {
          Timestamp withdrawn = rows.getTimestamp("withdrawn_at");
          views.add(
              new View(
                  Masking.idNumber(rows.getString("minor_id_number")),
                  Masking.idNumber(rows.getString("guardian_id_number")),
                  rows.getString("source"),
                  rows.getString("document_type"),
                  rows.getString("document_number_masked"),
                  rows.getString("outlet_name"),
                  rows.getString("staff_id"),
                  rows.getString("recorded_by_role"),
                  rows.getString("recorded_by"),
                  rows.getString("import_id"),
                  rows.getString("correlation_id"),
                  rows.getTimestamp("recorded_at").toInstant(),
                  withdrawn == null ? null : withdrawn.toInstant(),
                  rows.getString("withdrawn_by")));
        }
        return views;
      }
    }
  }
}
