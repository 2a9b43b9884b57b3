package cn.bj.hrss.card.bank.rest;

/**
 * The body of every refused request, in application-service's words.
 *
 * @param rule the rule id (R-… from RULES.md, or INPUT-…, AUTH-…, FEED-…, REPORT-… of this project)
 * @param message what a person reads, in Chinese
 * @param detail what a developer reads, in English; never personal data, never another bank's data
 */
public record ApiError(String rule, String message, String detail) {

  /** The one answer for "not yours or not there": the same for both, so it reveals nothing. */
  public static final ApiError NOT_FOUND = new ApiError("NOT-FOUND", "未找到。", "not found");
}
