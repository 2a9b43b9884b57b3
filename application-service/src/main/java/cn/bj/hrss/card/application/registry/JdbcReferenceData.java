package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.card.domain.District;
import cn.bj.hrss.card.application.card.domain.InsuredCategory;
import cn.bj.hrss.card.application.card.domain.InsuredPerson;
import cn.bj.hrss.card.application.card.domain.Organisation;
import cn.bj.hrss.card.application.card.domain.Outlet;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** The reference data the rules read, from application-service's own tables. */
@ApplicationScoped
public class JdbcReferenceData implements ReferenceData {

  private final DataSource dataSource;

  JdbcReferenceData(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Set<String> codes() {
    return query("SELECT code FROM cooperating_bank", null, rows -> strings(rows));
  }

  @Override
  public boolean isCooperating(String bankCode) {
    return bankCode != null
        && query("SELECT 1 FROM cooperating_bank WHERE code = ?", bankCode, ResultSet::next);
  }

  @Override
  public Optional<InsuredPerson> insuredPerson(String idNumber) {
    return query(
        "SELECT * FROM insured_person WHERE id_number = ?",
        idNumber,
        row ->
            row.next()
                ? Optional.of(
                    new InsuredPerson(
                        row.getString("id_number"),
                        row.getString("name"),
                        InsuredCategory.valueOf(row.getString("category")),
                        District.byCode(row.getString("district_code")).orElseThrow(),
                        row.getString("organisation_id"),
                        row.getString("pension_bank_code"),
                        row.getBoolean("holds_old_card"),
                        row.getBoolean("away_from_school"),
                        row.getString("ended")))
                : Optional.empty());
  }

  @Override
  public Optional<Organisation> organisation(String id) {
    Optional<Organisation> found =
        query(
            "SELECT * FROM organisation WHERE id = ?",
            id,
            row ->
                row.next()
                    ? Optional.of(
                        new Organisation(
                            row.getString("id"),
                            Organisation.Kind.valueOf(row.getString("kind")),
                            row.getString("name"),
                            District.byCode(row.getString("district_code")).orElseThrow(),
                            Set.of(),
                            row.getBoolean("door_to_door_delivery")))
                    : Optional.empty());
    return found.map(
        o ->
            new Organisation(
                o.id(),
                o.kind(),
                o.name(),
                o.district(),
                query(
                    "SELECT bank_code FROM organisation_bank WHERE organisation_id = ?",
                    id,
                    rows -> strings(rows)),
                o.doorToDoorDelivery()));
  }

  @Override
  public Optional<Outlet> outlet(String name) {
    return query(
        "SELECT * FROM outlet WHERE name = ?",
        name,
        row ->
            row.next()
                ? Optional.of(
                    new Outlet(
                        row.getString("name"),
                        Outlet.Kind.valueOf(row.getString("kind")),
                        row.getString("bank_code"),
                        row.getString("address")))
                : Optional.empty());
  }

  @Override
  public boolean isRecordedGuardian(String minorIdNumber, String guardianIdNumber) {
    if (minorIdNumber == null || guardianIdNumber == null) {
      return false;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT 1 FROM guardian_relation WHERE minor_id_number = ?"
                    + " AND guardian_id_number = ? AND withdrawn_at IS NULL LIMIT 1")) {
      statement.setString(1, minorIdNumber);
      statement.setString(2, guardianIdNumber);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the recorded guardians", e);
    }
  }

  private static Set<String> strings(ResultSet rows) throws SQLException {
    Set<String> values = new HashSet<>();
    while (rows.next()) {
      values.add(rows.getString(1));
    }
    return values;
  }

  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private <T> T query(String sql, String parameter, RowReader<T> reader) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      if (parameter != null) {
        statement.setString(1, parameter);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read reference data", e);
    }
  }
}
