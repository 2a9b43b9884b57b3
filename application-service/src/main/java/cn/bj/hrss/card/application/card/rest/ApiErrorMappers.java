package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.domain.RuleViolation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every refusal into an RFC 9457 problem document with a rule id and readable messages. */
public class ApiErrorMappers {

  private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

  static Response problem(int status, String rule, String message, String detail, String field) {
    return Response.status(status)
        .type(ApiError.MEDIA_TYPE)
        .entity(ApiError.of(status, rule, message, detail, field))
        .build();
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

  /** Requests Quarkus refused before our code ran: malformed JSON, wrong media type, ... */
  @ServerExceptionMapper
  public Response refusedByTheFramework(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status == 400) {
      return problem(
          400,
          "INPUT-MALFORMED",
          "请求格式有误，请检查填写的内容。",
          "the body is not JSON of the expected shape",
          null);
    }
    if (status == 404) {
      return problem(404, "NOT-FOUND", "未找到请求的内容。", "no such resource", null);
    }
    if (status == 415) {
      return problem(415, "INPUT-MEDIA-TYPE", "请求格式不受支持。", "unsupported media type", null);
    }
    return e.getResponse();
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

  /**
   * A body Jackson could not read into the request record: broken JSON, the wrong shape, a wrong
   * type or an unknown enum value, nesting or a number beyond the parser's limits. Quarkus's own
   * mappers answer these without a problem document (and echo the value), so they are named here.
   */
  @ServerExceptionMapper({
    JsonProcessingException.class,
    JsonParseException.class,
    MismatchedInputException.class,
    InvalidFormatException.class,
    StreamConstraintsException.class
  })
  public Response unreadableBody(JsonProcessingException e) {
    return problem(
        400,
        "INPUT-MALFORMED",
        "请求格式有误，请检查填写的内容。",
        "the body is not JSON of the expected shape",
        null);
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
