package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns this service's own refusals (its domain's rule violations, an unknown card, the event store
 * failing) into the suite's one problem document ({@link ApiError}, ADR 27). Malformed input, wrong
 * media types, unknown paths and control characters are answered by the refusal module's mappers,
 * as in every service.
 */
public class ApiErrorMappers {

  private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

  static Response problem(int status, String rule, String message, String detail, String field) {
    return Refusal.response(status, ApiError.of(status, rule, message, detail, field));
  }

  @ServerExceptionMapper
  public Response ruleViolation(RuleViolation violation) {
    LOG.infof("refused: %s", violation.getMessage());
    int status =
        switch (violation.kind()) {
          case CONFLICT -> 409;
          case FORBIDDEN -> 403;
          case INVALID_INPUT -> 400;
        };
    return problem(
        status,
        violation.ruleId(),
        violation.citizenMessage(),
        violation.detail(),
        violation.field());
  }

  @ServerExceptionMapper
  public Response notFound(AggregateNotFoundException e) {
    return problem(404, "CARD-NOT-FOUND", "未找到该申领记录。", "no card with this id", null);
  }

  @ServerExceptionMapper
  public Response concurrentUpdate(ConcurrencyException e) {
    return problem(
        409,
        "CONCURRENT-UPDATE",
        "该卡正在办理其他业务，请稍后重试。",
        "another command changed this card at the same time; retry",
        null);
  }

  /**
   * The database cannot be reached: 503 with Retry-After, so that callers (and their clients'
   * retries, with the same Idempotency-Key for an application) come back later. The request's
   * transaction was rolled back, so nothing of it is stored.
   */
  static Response databaseUnavailable(Throwable e) {
    LOG.warnf("refused with 503, the database is unreachable: %s", rootMessage(e));
    return Response.fromResponse(
            problem(
                503,
                "SERVICE-UNAVAILABLE",
                "系统繁忙，请稍后再试。",
                "the database is unreachable; nothing was stored; retry after "
                    + DatabaseUnavailable.RETRY_AFTER_SECONDS
                    + " s",
                null))
        .header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
        .build();
  }

  /**
   * Failures of the store, the transaction or Axon that no mapper above names: 503 when the
   * database is unreachable, otherwise 500 (logged).
   */
  @ServerExceptionMapper({
    SQLException.class,
    AxonException.class,
    IllegalStateException.class,
    RollbackException.class,
    HeuristicMixedException.class,
    HeuristicRollbackException.class,
    SystemException.class
  })
  public Response storeFailed(Exception e) {
    if (DatabaseUnavailable.isCauseOf(e)) {
      return databaseUnavailable(e);
    }
    return internal(e);
  }

  private static Response internal(Throwable e) {
    LOG.error("request failed", e);
    return problem(500, "INTERNAL", "系统繁忙，请稍后重试。", "the request failed; see the service log", null);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e.getClass().getSimpleName() + " <- " + root;
  }

  @ServerExceptionMapper
  public Response commandFailed(CommandExecutionException e) {
    if (DatabaseUnavailable.isCauseOf(e)) {
      return databaseUnavailable(e);
    }
    Throwable cause = e.getCause();
    if (cause instanceof RuleViolation violation) {
      return ruleViolation(violation);
    }
    if (cause instanceof AggregateNotFoundException notFound) {
      return notFound(notFound);
    }
    if (cause instanceof ConcurrencyException concurrency) {
      return concurrentUpdate(concurrency);
    }
    LOG.error("command failed", e);
    return problem(500, "INTERNAL", "系统繁忙，请稍后重试。", "the command failed; see the service log", null);
  }
}
