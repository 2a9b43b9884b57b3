package cn.bj.hrss.card.production.rest;

/** A request refused for its content (400), naming the rule it breaks. */
public class InvalidInput extends RuntimeException {

  private final ApiError error;

  public InvalidInput(String rule, String message, String detail) {
    super(rule + ": " + detail);
    this.error = new ApiError(rule, message, detail);
  }

  public ApiError error() {
    return error;
  }
}
