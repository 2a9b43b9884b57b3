package cn.bj.hrss.card.refusal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every service's answers to refused input (ADR 27): its own {@link Refusal}s, and what Quarkus
 * refuses before the service's code runs (malformed JSON, wrong media type, no such path, wrong
 * method), each as an {@link ApiError} naming its rule. A service adds mappers only for its own
 * exceptions (application-service: its domain's rule violations and the event store).
 */
public class RefusalMappers {

  private static final Logger LOG = Logger.getLogger(RefusalMappers.class);

  @ServerExceptionMapper
  public Response refusal(Refusal refusal) {
    LOG.debugf("refused with %d: %s", refusal.status(), refusal.getMessage());
    return refusal.toResponse();
  }

  /**
   * No such path, or a path parameter of the wrong type: the one answer for "not there" ({@link
   * ApiError#NOT_FOUND}), named here so that it comes before Quarkus's own page of endpoints.
   */
  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return Refusal.response(404, ApiError.NOT_FOUND);
  }

  /**
   * The framework's own 4xx, which carry no rule: each as a refusal naming the input problem. A 5xx
   * keeps the framework's answer.
   */
  @ServerExceptionMapper
  public Response refusedByTheFramework(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status < 400 || status >= 500) {
      return e.getResponse();
    }
    return switch (status) {
      case 400 -> malformed();
      case 404 -> Refusal.response(404, ApiError.NOT_FOUND);
      case 405 ->
          Refusal.response(405, new ApiError("INPUT-METHOD", "不支持该请求方式。", "method not allowed"));
      case 413 ->
          Refusal.response(
              413, new ApiError("INPUT-TOO-LARGE", "请求内容过长。", "the request body is too large"));
      case 415 ->
          Refusal.response(
              415,
              new ApiError("INPUT-MEDIA-TYPE", "请求格式不受支持，请以JSON提交。", "unsupported media type"));
      default ->
          Refusal.response(
              status, new ApiError("INPUT-REFUSED", "请求未被受理。", "refused with status " + status));
    };
  }

  /**
   * A body Jackson could not read into the request record: broken JSON, the wrong shape, a wrong
   * type or an unknown enum value, nesting or a number beyond the parser's limits. Quarkus's own
   * mappers answer these without a rule (and echo the value), so they are named here.
   */
  @ServerExceptionMapper({
    JsonProcessingException.class,
    JsonParseException.class,
    MismatchedInputException.class,
    InvalidFormatException.class,
    StreamConstraintsException.class
  })
  public Response unreadableBody(JsonProcessingException e) {
    return malformed();
  }

  /** The answer to a body that cannot be read (also the OpenAPI documents' example, ADR 36). */
  static final ApiError MALFORMED =
      new ApiError(
          "INPUT-MALFORMED", "请求格式有误，请检查填写的内容。", "the body is not JSON of the expected shape");

  private static Response malformed() {
    return Refusal.response(400, MALFORMED);
  }
}
