package cn.bj.hrss.card.application.index;

import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jboss.logging.Logger;

/**
 * The table {@code card_index}: written by {@link CardIndexProjection} in the transaction of the
 * events, filled again from the whole event store by {@link #rebuild} (an operator's {@code POST
 * /card-index/rebuild}, and at start-up when the table is empty and the store is not), and read by
 * the lists and the pickup sweep.
 */
@ApplicationScoped
public class CardIndexStore {

  private static final Logger LOG = Logger.getLogger(CardIndexStore.class);

  private static final String COLUMNS =
      "card_id, holder_id_number, holder_name, guardian_id_number, organisation_id, channel,"
          + " status, bank_code, collection_method, outlet_name, application_date, waiting_since,"
          + " pickup_reminded, returned_to_bank, updated_sequence";

  private static final String UPSERT =
      "INSERT INTO card_index ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (card_id) DO UPDATE"
          + " SET status = EXCLUDED.status, bank_code = EXCLUDED.bank_code,"
          + " collection_method = EXCLUDED.collection_method,"
          + " outlet_name = EXCLUDED.outlet_name, waiting_since = EXCLUDED.waiting_since,"
          + " pickup_reminded = EXCLUDED.pickup_reminded,"
          + " returned_to_bank = EXCLUDED.returned_to_bank,"
          + " updated_sequence = EXCLUDED.updated_sequence";

  private final DataSource dataSource;

  CardIndexStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Folds one event into its card's row, in the caller's (the event's) transaction. */
  void apply(CardEvent event, CardIndexRow.Meta meta) {
    try (Connection c = dataSource.getConnection()) {
      CardIndexRow row =
          select(
                  c,
                  "SELECT " + COLUMNS + " FROM card_index WHERE card_id = ? FOR UPDATE",
                  meta.cardId())
              .stream()
              .findFirst()
              .map(existing -> existing.evolve(event, meta))
              .orElseGet(() -> CardIndexRow.first(event, meta));
      if (row != null) {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
          bind(upsert, row);
          upsert.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not update the card index", e);
    }
  }

  /**
   * Folds the whole event store again into the index, in one transaction that holds the table
   * (commands that append meanwhile wait for it and then fold their events in); returns the number
   * of cards.
   */
  public int rebuild(EventStore store) {
    return QuarkusTransaction.requiringNew()
        .timeout((int) Duration.ofMinutes(30).toSeconds())
        .call(() -> refill(store, false));
  }

  /** At start-up: fills the index from the store when it is empty (the cards before V8). */
  public void fillIfEmpty(EventStore store) {
    int cards =
        QuarkusTransaction.requiringNew()
            .timeout((int) Duration.ofMinutes(30).toSeconds())
            .call(() -> refill(store, true));
    if (cards > 0) {
      LOG.infof("card index filled from the event store: %d cards", cards);
    }
  }

  private int refill(EventStore store, boolean onlyIfEmpty) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement()) {
      statement.execute("LOCK TABLE card_index IN EXCLUSIVE MODE");
      if (onlyIfEmpty) {
        try (ResultSet any = statement.executeQuery("SELECT 1 FROM card_index LIMIT 1")) {
          if (any.next()) {
            return 0;
          }
        }
      }
      Map<String, CardIndexRow> rows = new LinkedHashMap<>();
      try (BlockingStream<TrackedEventMessage<?>> events = store.openStream(null)) {
        while (events.hasNextAvailable()) {
          if (events.nextAvailable() instanceof DomainEventMessage<?> message
              && message.getPayload() instanceof CardEvent event) {
            CardIndexRow.Meta meta = CardIndexProjection.meta(message);
            CardIndexRow row = rows.get(meta.cardId());
            CardIndexRow next =
                row == null ? CardIndexRow.first(event, meta) : row.evolve(event, meta);
            if (next != null) {
              rows.put(meta.cardId(), next);
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the event store", e);
      }
      statement.executeUpdate("DELETE FROM card_index");
      try (PreparedStatement insert = c.prepareStatement(UPSERT)) {
        int batch = 0;
        for (CardIndexRow row : rows.values()) {
          bind(insert, row);
          insert.addBatch();
          if (++batch % 1000 == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      return rows.size();
    }
  }

  /** The cards held by any of {@code idNumbers}, oldest application first. */
  public List<CardIndexRow> heldBy(List<String> idNumbers) {
    if (idNumbers.isEmpty()) {
      return List.of();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM card_index WHERE holder_id_number = ANY (?)"
                    + " ORDER BY application_date NULLS LAST, card_id")) {
      query.setArray(1, c.createArrayOf("varchar", idNumbers.toArray()));
      return rows(query);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the card index", e);
    }
  }

  /**
   * The cards of the persons the registry lists with {@code organisationId} (as security/CardAccess
   * decides an organisation's reach), of {@code status} if given, newest application first.
   */
  public List<CardIndexRow> ofOrganisation(String organisationId, CardStatus status) {
    String sql =
        "SELECT "
            + prefixed("ci.")
            + " FROM card_index ci JOIN insured_person ip ON ip.id_number = ci.holder_id_number"
            + " WHERE ip.organisation_id = ?"
            + (status == null ? "" : " AND ci.status = ?")
            + " ORDER BY ci.application_date DESC NULLS LAST, ci.card_id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, organisationId);
      if (status != null) {
        query.setString(2, status.name());
      }
      return rows(query);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the card index", e);
    }
  }

  /**
   * The cards waiting at an outlet for their holder (S-PICKUP-1): dispatched there, or mail
   * returned.
   */
  public List<CardIndexRow> waitingAtOutlets() {
    try (Connection c = dataSource.getConnection()) {
      return select(
          c,
          "SELECT "
              + COLUMNS
              + " FROM card_index WHERE status = 'DISPATCHED' AND collection_method = 'OUTLET_PICKUP'"
              + " AND waiting_since IS NOT NULL ORDER BY waiting_since, card_id");
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the card index", e);
    }
  }

  /** The row of one card. */
  public Optional<CardIndexRow> find(String cardId) {
    try (Connection c = dataSource.getConnection()) {
      return select(c, "SELECT " + COLUMNS + " FROM card_index WHERE card_id = ?", cardId).stream()
          .findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the card index", e);
    }
  }

  private static String prefixed(String alias) {
    return alias + COLUMNS.replace(", ", ", " + alias);
  }

  private static List<CardIndexRow> select(Connection c, String sql, String... values)
      throws SQLException {
    try (PreparedStatement query = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        query.setString(i + 1, values[i]);
      }
      return rows(query);
    }
  }

  private static List<CardIndexRow> rows(PreparedStatement query) throws SQLException {
    List<CardIndexRow> rows = new ArrayList<>();
    try (ResultSet r = query.executeQuery()) {
      while (r.next()) {
        rows.add(
            new CardIndexRow(
                r.getString("card_id"),
                r.getString("holder_id_number"),
                r.getString("holder_name"),
                r.getString("guardian_id_number"),
                r.getString("organisation_id"),
                r.getString("channel"),
                CardStatus.valueOf(r.getString("status")),
                r.getString("bank_code"),
                r.getString("collection_method") == null
                    ? null
                    : CollectionMethod.valueOf(r.getString("collection_method")),
                r.getString("outlet_name"),
                date(r, "application_date"),
                date(r, "waiting_since"),
                r.getBoolean("pickup_reminded"),
                r.getBoolean("returned_to_bank"),
                r.getLong("updated_sequence")));
      }
    }
    return rows;
  }

  private static LocalDate date(ResultSet r, String column) throws SQLException {
    Date value = r.getDate(column);
    return value == null ? null : value.toLocalDate();
  }

  private static void bind(PreparedStatement s, CardIndexRow row) throws SQLException {
    s.setString(1, row.cardId());
    s.setString(2, row.holderIdNumber());
    s.setString(3, row.holderName());
    s.setString(4, row.guardianIdNumber());
    s.setString(5, row.organisationId());
    s.setString(6, row.channel());
    s.setString(7, row.status().name());
    s.setString(8, row.bankCode());
    s.setString(9, row.collectionMethod() == null ? null : row.collectionMethod().name());
    s.setString(10, row.outletName());
    s.setDate(11, row.applicationDate() == null ? null : Date.valueOf(row.applicationDate()));
    s.setDate(12, row.waitingSince() == null ? null : Date.valueOf(row.waitingSince()));
    s.setBoolean(13, row.pickupReminded());
    s.setBoolean(14, row.returnedToBank());
    s.setLong(15, row.updatedSequence());
  }
}
