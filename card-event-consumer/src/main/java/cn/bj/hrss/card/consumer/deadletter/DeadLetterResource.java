package cn.bj.hrss.card.consumer.deadletter;

import cn.bj.hrss.card.consumer.CardEventHandler;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters.Entry;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters.Outcome;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild.State;
import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's view of a consumer service's dead letters (ADR 15), the same in every consumer
 * service: list them (where they are and why, never what they say), re-drive a card's or all,
 * discard a stray one. The projection host serves it ({@code host.DeadLetterEndpoints},
 * {@code @Path("/dead-letters")}, ADR 26).
 */
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public abstract class DeadLetterResource {

  private static final Set<State> REBUILDING =
      Set.of(State.COPYING, State.REPLAYING, State.SWITCHING);

  private final DeadLetters deadLetters;
  private final CardEventHandler handler;
  private final ProjectionRebuild rebuild;

  /**
   * @param handler the live consumer's handler: a re-drive applies exactly as the consumer would
   * @param rebuild the service's rebuild: no re-drive while it runs, as the copy would miss it
   */
  protected DeadLetterResource(
      DeadLetters deadLetters, CardEventHandler handler, ProjectionRebuild rebuild) {
    this.deadLetters = deadLetters;
    this.handler = handler;
    this.rebuild = rebuild;
  }

  /** The dead letters waiting, oldest first (with {@code all=true} also those done); one card's. */
  @GET
  public List<Entry> listDeadLetters(
      @QueryParam("cardId") String cardId, @QueryParam("all") boolean all) throws Exception {
    return deadLetters.list(blankToNull(cardId), all);
  }

  /** How many dead letters wait, and on which topic they are. */
  @GET
  @Path("/summary")
  public Map<String, Object> deadLetterSummary() throws Exception {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("topic", deadLetters.topic());
    summary.put("waiting", deadLetters.waitingCount());
    return summary;
  }

  /**
   * Re-drives one card's dead letters ({@code cardId}), or every card's: 200 with what each card's
   * re-drive did, or 409 while a rebuild runs.
   */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Path("/redrive")
  public Response redrive(@QueryParam("cardId") String cardId) throws Exception {
    if (rebuild != null && REBUILDING.contains(rebuild.progress().state())) {
      return problem(
          409,
          "REBUILD-RUNNING",
          "重建进行中，请在重建完成后再重新投递。",
          "a rebuild is running: re-drive after it ends");
    }
    List<Outcome> outcomes = deadLetters.redrive(blankToNull(cardId), handler);
    return Response.ok(outcomes).build();
  }

  /**
   * Marks one dead letter done without applying it: a stray record that was never one of its card's
   * events. The card stays parked until its next re-drive. 204, or 404 if none waits there.
   */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Path("/{partition}/{offset}/discard")
  public Response discard(@PathParam("partition") int partition, @PathParam("offset") long offset)
      throws Exception {
    if (deadLetters.discard(partition, offset)) {
      return Response.noContent().build();
    }
    return problem(
        404,
        "DEAD-LETTER-UNKNOWN",
        "没有该死信。",
        "no dead letter waits at partition " + partition + ", offset " + offset);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** The suite's one refusal document (ADR 27). */
  private static Response problem(int status, String rule, String message, String detail) {
    return Refusal.response(status, ApiError.of(status, rule, message, detail, null));
  }
}
