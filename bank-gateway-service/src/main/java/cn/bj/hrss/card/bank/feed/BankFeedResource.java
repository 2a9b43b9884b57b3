package cn.bj.hrss.card.bank.feed;

import cn.bj.hrss.card.refusal.Refusal;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/**
 * A bank's REST feed, for banks that do not run Kafka: read from position N, acknowledge up to M.
 * Only the bank itself gets here ({@code AuthenticationFilter}).
 */
@Path("/banks/{bankCode}/feed")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BankFeedResource {

  /** The body of an acknowledgement: every message up to this position is processed. */
  public record Acknowledgement(Long upTo) {}

  private final BankFeed feed;
  private final DeliveryStates states;

  BankFeedResource(BankFeed feed, DeliveryStates states) {
    this.feed = feed;
    this.states = states;
  }

  /**
   * Messages from position {@code from} on (default: the one after the acknowledged position), at
   * most {@code limit} (1-500, default 100). Reading does not move the acknowledgement.
   */
  @GET
  public FeedPage read(
      @PathParam("bankCode") String bankCode,
      @QueryParam("from") Long from,
      @QueryParam("limit") @DefaultValue("100") int limit)
      throws SQLException {
    if (from != null && from < 1) {
      throw Refusal.badRequest("INPUT-POSITION", "读取位置有误。", "from must be 1 or more");
    }
    if (limit < 1 || limit > 500) {
      throw Refusal.badRequest("INPUT-PAGING", "分页参数有误。", "limit must be 1..500");
    }
    return feed.read(bankCode, from, limit);
  }

  /**
   * Everything up to {@code upTo} is processed; the next read without {@code from} goes on after.
   */
  @POST
  @Path("/acknowledgements")
  public FeedState acknowledge(@PathParam("bankCode") String bankCode, Acknowledgement body)
      throws SQLException {
    if (body == null || body.upTo() == null) {
      throw Refusal.badRequest("INPUT-MISSING", "请注明确认到的位置。", "the body needs upTo");
    }
    return feed.acknowledge(bankCode, body.upTo());
  }

  /** How far behind its feed this bank is, over REST and over Kafka. */
  @GET
  @Path("/status")
  public FeedState status(@PathParam("bankCode") String bankCode) throws SQLException {
    return states.of(bankCode);
  }
}
