package cn.bj.hrss.card.bank.rest;

/** A request refused with an HTTP status and the rule it breaks. */
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

  public static Refusal conflict(String rule, String message, String detail) {
    return new Refusal(409, new ApiError(rule, message, detail));
  }

  /** Not there, or another bank's: the same answer for both. */
  public static Refusal notFound() {
    return new Refusal(404, ApiError.NOT_FOUND);
  }

  public int status() {
    return status;
  }

  public ApiError error() {
    return error;
  }
}
