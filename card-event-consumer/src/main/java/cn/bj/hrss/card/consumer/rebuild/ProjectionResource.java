package cn.bj.hrss.card.consumer.rebuild;

import cn.bj.hrss.card.consumer.ConsumerGroups;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild.AlreadyRunning;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The operator's view of a consumer service's projection, the same in every consumer service: its
 * rebuild (start it, follow it), and what reconciliation compares with application-service (each
 * card's applied position, the counts per status, the consumer's lag). The projection host serves
 * it ({@code host.ProjectionEndpoints}, {@code @Path("/projection")}, ADR 26).
 */
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public abstract class ProjectionResource {

  private final ProjectionRebuild rebuild;

  protected ProjectionResource(ProjectionRebuild rebuild) {
    this.rebuild = rebuild;
  }

  /**
   * Starts a rebuild into a copy: 202, or 409 if one runs. Without {@code from}, every card from
   * the start of the card topic; with {@code from} (an ISO-8601 instant), the cards with events at
   * or after it, from their whole history, the others carried over as they stand.
   */
  @RolesAllowed({Roles.OPERATOR})
  @POST
  @Path("/rebuild")
  public Response startRebuild(@QueryParam("from") String from) {
    Instant moment;
    try {
      moment = from == null || from.isBlank() ? null : Instant.parse(from);
    } catch (DateTimeParseException e) {
      return Refusal.response(
          400,
          ApiError.of(
              400,
              "INPUT-MALFORMED",
              "时间格式有误。",
              "from must be an ISO-8601 instant, e.g. 2025-03-01T00:00:00Z",
              "from"));
    }
    try {
      return Response.accepted(rebuild.start(moment)).build();
    } catch (AlreadyRunning e) {
      ApiError running =
          ApiError.of(409, "REBUILD-RUNNING", "已有重建任务在运行，请等待其完成。", e.getMessage(), null);
      return Response.fromResponse(Refusal.response(409, running))
          .header("Retry-After", "10")
          .build();
    }
  }

  /** The running or last rebuild: events applied, events per second, events left, the outcome. */
  @GET
  @Path("/rebuild")
  public RebuildProgress rebuildProgress() {
    return rebuild.progress();
  }

  /** Cards, counts per status and the consumer's lag (records of the topic not applied yet). */
  @GET
  @Path("/summary")
  public Map<String, Object> projectionSummary() throws Exception {
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = rebuild.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet row = statement.executeQuery("SELECT count(*) FROM card_event_position")) {
        row.next();
        summary.put("cards", row.getLong(1));
      }
      try (ResultSet rows = statement.executeQuery(rebuild.layout().countsQuery())) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    summary.put("countsPerStatus", counts);
    try (Admin admin =
        Admin.create(
            KafkaClientSecurity.secured(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, rebuild.bootstrapServers())))) {
      summary.put(
          "lag", ConsumerGroups.lag(admin, rebuild.live().groupId(), rebuild.live().topic()));
    }
    return summary;
  }

  /** Every card's last applied sequence, one {@code cardId,sequence} line each, by card id. */
  @GET
  @Path("/positions")
  @Produces("text/csv")
  public StreamingOutput positions() {
    return output -> {
      try (Connection connection = rebuild.dataSource().getConnection()) {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // a cursor: the rows are not all held in memory
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT card_id, last_sequence FROM card_event_position ORDER BY card_id COLLATE \"C\"")) {
          statement.setFetchSize(5000);
          BufferedWriter writer =
              new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
          writer.write("cardId,sequence\n");
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              writer.write(rows.getString(1));
              writer.write(',');
              writer.write(Long.toString(rows.getLong(2)));
              writer.write('\n');
            }
          }
          writer.flush();
        } finally {
          connection.rollback();
          connection.setAutoCommit(autoCommit);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not read the positions", e);
      }
    };
  }
}
