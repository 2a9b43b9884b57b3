package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.domain.RuleViolation;
import jakarta.ws.rs.core.Response;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refusals into HTTP answers with a rule id and a readable message. */
public class ApiErrorMappers {

  private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

  @ServerExceptionMapper
  public Response ruleViolation(RuleViolation violation) {
    LOG.infof("refused: %s", violation.getMessage());
    Response.Status status =
        violation.kind() == RuleViolation.Kind.CONFLICT
            ? Response.Status.CONFLICT
            : Response.Status.BAD_REQUEST;
    return Response.status(status)
        .entity(new ApiError(violation.ruleId(), violation.citizenMessage(), violation.detail()))
        .build();
  }

  @ServerExceptionMapper
  public Response notFound(AggregateNotFoundException e) {
    return Response.status(Response.Status.NOT_FOUND)
        .entity(new ApiError("CARD-NOT-FOUND", "未找到该申领记录。", "no card with this id"))
        .build();
  }

  @ServerExceptionMapper
  public Response concurrentUpdate(ConcurrencyException e) {
    return Response.status(Response.Status.CONFLICT)
        .entity(
            new ApiError(
                "CONCURRENT-UPDATE",
                "该卡正在办理其他业务，请稍后重试。",
                "another command changed this card at the same time; retry"))
        .build();
  }

  @ServerExceptionMapper
  public Response commandFailed(CommandExecutionException e) {
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
    return Response.serverError()
        .entity(new ApiError("INTERNAL", "系统繁忙，请稍后重试。", "the command failed; see the service log"))
        .build();
  }
}
