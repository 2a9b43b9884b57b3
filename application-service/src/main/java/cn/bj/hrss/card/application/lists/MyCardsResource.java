package cn.bj.hrss.card.application.lists;

import cn.bj.hrss.card.application.card.domain.Masking;
import cn.bj.hrss.card.application.card.query.CardProgress;
import cn.bj.hrss.card.application.card.query.CardProgressQuery;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import cn.bj.hrss.card.application.index.CardIndexRow;
import cn.bj.hrss.card.application.index.CardIndexStore;
import cn.bj.hrss.card.application.security.CardAccess;
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
import java.util.List;
import javax.sql.DataSource;

/**
 * S-LIST-1: a citizen's own cards and those of the minors they are the recorded guardian of (ADR
 * 22: until the minor's 18th birthday, security/CardAccess), from the token alone, each with its
 * progress and due date as {@code GET /cards/{id}/progress} gives them, personal data masked. Only
 * a citizen's token: anyone else is refused (403 ACCESS-DENIED).
 */
@Path("/me/cards")
@Produces(MediaType.APPLICATION_JSON)
public class MyCardsResource {

  /** One card in the list. {@code forMinor}: the card of a minor the caller is guardian of. */
  public record MyCard(
      String cardId,
      String holderName,
      String holderIdNumber,
      boolean forMinor,
      String bankCode,
      String collectionMethod,
      String outletName,
      CardProgress progress) {}

  private final CardIndexStore index;
  private final CardProgressQuery progress;
  private final CardAccess access;
  private final DataSource dataSource;

  MyCardsResource(
      CardIndexStore index, CardProgressQuery progress, CardAccess access, DataSource dataSource) {
    this.index = index;
    this.progress = progress;
    this.access = access;
    this.dataSource = dataSource;
  }

  @GET
  public List<MyCard> myCards(@BeanParam CallerHeaders headers) {
    CallerContext caller = headers.readingContext().requireRole("CITIZEN");
    String me = caller.verifiedIdNumber();
    List<String> holders = new ArrayList<>();
    holders.add(me);
    for (String minor : recordedMinorsOf(me)) {
      if (access.actsAsGuardian(me, minor)) {
        holders.add(minor);
      }
    }
    List<MyCard> cards = new ArrayList<>();
    for (CardIndexRow row : index.heldBy(holders)) {
      progress
          .find(row.cardId())
          .ifPresent(
              p ->
                  cards.add(
                      new MyCard(
                          row.cardId(),
                          Masking.name(row.holderName()),
                          Masking.idNumber(row.holderIdNumber()),
                          !me.equals(row.holderIdNumber()),
                          row.bankCode(),
                          row.collectionMethod() == null ? null : row.collectionMethod().name(),
                          row.outletName(),
                          p)));
    }
    return cards;
  }

  /** The persons whose guardian {@code guardianIdNumber} is recorded to be (in force). */
  private List<String> recordedMinorsOf(String guardianIdNumber) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement(
                "SELECT DISTINCT minor_id_number FROM guardian_relation"
                    + " WHERE guardian_id_number = ? AND withdrawn_at IS NULL")) {
      query.setString(1, guardianIdNumber);
      List<String> minors = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          minors.add(rows.getString(1));
        }
      }
      return minors;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the recorded guardianships", e);
    }
  }
}
