package cn.bj.hrss.card.consumer.input;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of the consuming services to input refused before their own code runs, in their
 * refusal shape ({@code rule}, {@code message}, {@code detail}): a control character in the path or
 * the query (a %00 reaches PostgreSQL as an invalid UTF-8 byte, a 500), and the framework's
 * bodiless 4xx (415 wrong media type, 405, 400). A service's own, more specific mappers (its 404)
 * keep their answers.
 */
public final class InputRefusals {

  private InputRefusals() {}

  static Response refusal(int status, String rule, String message, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rule", rule);
    body.put("message", message);
    body.put("detail", detail);
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  /** Refuses a path or query value with a control character. */
  @Provider
  @PreMatching
  public static class ControlCharacters implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      var uri = request.getUriInfo();
      boolean bad = hasControl(uri.getPath(true));
      for (List<String> values : uri.getQueryParameters(true).values()) {
        for (String value : values) {
          bad |= hasControl(value);
        }
      }
      if (bad) {
        request.abortWith(
            refusal(
                400,
                "INPUT-MALFORMED",
                "请求地址中含有无效字符，请检查后重试。",
                "a path or query value contains a control character"));
      }
    }

    private static boolean hasControl(String value) {
      return value != null && value.chars().anyMatch(Character::isISOControl);
    }
  }

  /** The framework's own 4xx, which carry no body, as refusals naming the input problem. */
  @Provider
  public static class FrameworkRefusals implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response response = e.getResponse();
      int status = response.getStatus();
      if (response.hasEntity() || status < 400 || status >= 500) {
        return response;
      }
      return switch (status) {
        case 415 ->
            refusal(415, "INPUT-MEDIA-TYPE", "请求格式不受支持，请以JSON提交。", "unsupported media type");
        case 405 -> refusal(405, "INPUT-METHOD", "不支持该请求方式。", "method not allowed");
        case 404 -> refusal(404, "NOT-FOUND", "未找到。", "no such resource");
        case 400 ->
            refusal(400, "INPUT-MALFORMED", "请求格式有误，请检查填写的内容。", "the request could not be read");
        default -> refusal(status, "INPUT-REFUSED", "请求未被受理。", "refused with status " + status);
      };
    }
  }

  /**
   * A body Jackson could not read into the request record (broken JSON, the wrong shape or type, an
   * unknown enum value, beyond the parser's limits): Quarkus's own answers to these carry no rule
   * and may echo the value, so they are named here.
   */
  @Provider
  public static class UnreadableBody
      implements ExceptionMapper<com.fasterxml.jackson.core.JsonProcessingException> {
    @Override
    public Response toResponse(com.fasterxml.jackson.core.JsonProcessingException e) {
      return refusal(
          400, "INPUT-MALFORMED", "请求格式有误，请检查填写的内容。", "the body is not JSON of the expected shape");
    }
  }

  /** As {@link UnreadableBody}, for the subtype Quarkus maps itself (a body of the wrong shape). */
  @Provider
  public static class MismatchedBody
      implements ExceptionMapper<com.fasterxml.jackson.databind.exc.MismatchedInputException> {
    @Override
    public Response toResponse(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      return new UnreadableBody().toResponse(e);
    }
  }
}
