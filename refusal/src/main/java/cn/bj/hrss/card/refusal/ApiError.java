package cn.bj.hrss.card.refusal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one body of every refused request of every service (ADR 27): an RFC 9457 problem document
 * ({@code application/problem+json}) with this project's extensions. Members that are null are left
 * out.
 *
 * @param type a URN naming the rule, for example {@code urn:bj-hrss-card:rule:R-BANK-1}
 * @param title the kind of refusal, in English (from the status)
 * @param status the HTTP status; null for a refusal carried inside another answer (a batch line)
 * @param detail what an operator reads, in English; never personal data
 * @param rule the rule id (R-… from RULES.md, or INPUT-…, LIFECYCLE-…, REPORT-… of this project)
 * @param message what a citizen reads, in Chinese
 * @param field the request field at fault (for example applicant.idNumber), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
    String type,
    String title,
    Integer status,
    String detail,
    String rule,
    String message,
    String field) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** The one answer for "not yours or not there": the same for both, so it reveals nothing. */
  public static final ApiError NOT_FOUND = new ApiError("NOT-FOUND", "未找到。", "not found");

  /** A refusal before it has a status: one thrown by the rules, or one line of a batch. */
  public ApiError(String rule, String message, String detail) {
    this(typeOf(rule), null, null, detail, rule, message, null);
  }

  /** The document as an answer with this status. */
  public static ApiError of(int status, String rule, String message, String detail, String field) {
    return new ApiError(typeOf(rule), title(status), status, detail, rule, message, field);
  }

  /** This refusal as an answer with this status. */
  public ApiError withStatus(int status) {
    return of(status, rule, message, detail, field);
  }

  private static String typeOf(String rule) {
    return "urn:bj-hrss-card:rule:" + rule;
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "The request is not valid";
      case 403 -> "Not allowed for this caller";
      case 404 -> "Not found";
      case 405 -> "The method is not allowed here";
      case 409 -> "Not allowed by the rules in the card's or the applicant's situation";
      case 411 -> "The request needs a length";
      case 413 -> "The request is too large";
      case 415 -> "The media type is not supported";
      case 422 -> "The request cannot be processed as sent";
      case 503 -> "The service is unavailable for a moment";
      default ->
          status < 500 ? "The request was refused" : "The service could not process the request";
    };
  }
}
