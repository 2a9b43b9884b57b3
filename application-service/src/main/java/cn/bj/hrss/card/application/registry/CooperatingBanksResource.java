package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The cooperating banks (R-BANK-1) and their outlets where a card may be collected (R-PICK-2), as
 * public reference data for whoever fills in an application: the citizen app's and the portal's
 * lists to pick from. Any signed-in caller of the suite may read it (a valid token; none: 401); it
 * holds no personal data, only what the bureau publishes (bank names, outlet names and addresses).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CooperatingBanksResource {

  /** A cooperating bank with its outlets, in the order of their names. */
  public record CooperatingBank(String code, String nameZh, List<BankOutlet> outlets) {}

  /**
   * An outlet of the bank where a card may be collected: {@code BANK_INSTANT} (即时制卡网点) or {@code
   * BANK}.
   */
  public record BankOutlet(String name, String kind, String districtCode, String address) {}

  private final DataSource dataSource;

  CooperatingBanksResource(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** R-BANK-1, R-PICK-2: the cooperating banks by code, each with its outlets. */
  @GET
  @Path("/cooperating-banks")
  public List<CooperatingBank> cooperatingBanks(@BeanParam CallerHeaders headers)
      throws SQLException {
    headers.readingContext();
    Map<String, List<BankOutlet>> outlets = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement banks =
            c.prepareStatement("SELECT code, name_zh FROM cooperating_bank ORDER BY code");
        PreparedStatement places =
            c.prepareStatement(
                "SELECT name, kind, bank_code, district_code, address FROM outlet"
                    + " WHERE bank_code IS NOT NULL AND kind IN ('BANK', 'BANK_INSTANT')"
                    + " ORDER BY name")) {
      try (ResultSet rows = banks.executeQuery()) {
        while (rows.next()) {
          names.put(rows.getString("code"), rows.getString("name_zh"));
          outlets.put(rows.getString("code"), new ArrayList<>());
        }
      }
      try (ResultSet rows = places.executeQuery()) {
        while (rows.next()) {
          List<BankOutlet> ofBank = outlets.get(rows.getString("bank_code"));
          if (ofBank != null) {
            ofBank.add(
                new BankOutlet(
                    rows.getString("name"),
                    rows.getString("kind"),
                    rows.getString("district_code"),
                    rows.getString("address")));
          }
        }
      }
    }
    return names.entrySet().stream()
        .map(
            bank ->
                new CooperatingBank(
                    bank.getKey(), bank.getValue(), List.copyOf(outlets.get(bank.getKey()))))
        .toList();
  }
}
