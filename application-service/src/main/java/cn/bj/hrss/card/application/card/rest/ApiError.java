package cn.bj.hrss.card.application.card.rest;

/**
 * The body of every refused request: an RFC 9457 problem document ({@code
 * application/problem+json}) with this project's extensions.
 *
 * @param type a URN naming the rule, for example {@code urn:bj-hrss-card:rule:R-BANK-1}
 * @param title the kind of refusal, in English
 * @param status the HTTP status
 * @param detail what an operator reads, in English; never personal data
 * @param rule the rule id (R-… from RULES.md, or INPUT-…, LIFECYCLE-… of this project)
 * @param message what a citizen reads, in Chinese
 * @param field the request field at fault (for example applicant.idNumber), or null
 */
public record ApiError(
    String type,
    String title,
    int status,
    String detail,
    String rule,
    String message,
    String field) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static ApiError of(int status, String rule, String message, String detail, String field) {
    return new ApiError(
        "urn:bj-hrss-card:rule:" + rule, title(status), status, detail, rule, message, field);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "The request is not valid";
      case 403 -> "Not allowed for this caller";
      case 404 -> "Not found";
      case 409 -> "Not allowed by the rules in the card's or the applicant's situation";
      case 413 -> "The request is too large";
      case 422 -> "The request cannot be processed as sent";
      case 503 -> "The service is unavailable for a moment";
      default -> "The service could not process the request";
    };
  }
}
