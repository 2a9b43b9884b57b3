package cn.bj.hrss.card.refusal;

import jakarta.ws.rs.core.Response;

/**
 * A request refused with an HTTP status and the rule it breaks; {@link RefusalMappers} answers it
 * with its {@link ApiError}.
 */
public class Refusal extends RuntimeException {

  private final int status;
  private final ApiError error;

  public Refusal(int status, ApiError error) {
    super(error.rule() + ": " + error.detail());
    this.status = status;
    this.error = error;
  }

  public static Refusal badRequest(String rule, String message, String detail) {
    return new Refusal(400, new ApiError(rule, message, detail));
  }

  public static Refusal forbidden(String rule, String message, String detail) {
    return new Refusal(403, new ApiError(rule, message, detail));
  }

  public static Refusal conflict(String rule, String message, String detail) {
    return new Refusal(409, new ApiError(rule, message, detail));
  }

  /** Not there, or not the caller's: the same answer for both ({@link ApiError#NOT_FOUND}). */
  public static Refusal notFound() {
    return new Refusal(404, ApiError.NOT_FOUND);
  }

  /** Not there, saying in English what was not found (never personal data). */
  public static Refusal notFound(String detail) {
    return new Refusal(
        404, new ApiError(ApiError.NOT_FOUND.rule(), ApiError.NOT_FOUND.message(), detail));
  }

  public int status() {
    return status;
  }

  public ApiError error() {
    return error;
  }

  /** The answer to this refusal: its status and its document. */
  public Response toResponse() {
    return response(status, error);
  }

  /** An answer with this status and this document, for filters that answer without throwing. */
  public static Response response(int status, ApiError error) {
    return Response.status(status)
        .type(ApiError.MEDIA_TYPE)
        .entity(error.withStatus(status))
        .build();
  }
}
