package cn.bj.hrss.card.production.rest;

/**
 * The body of every refused request, as application-service writes it.
 *
 * @param rule the rule id (R-… from RULES.md, or INPUT-…, REPORT-… of this project)
 * @param message what a person reads, in Chinese
 * @param detail what an operator or a developer reads, in English; never personal data
 */
public record ApiError(String rule, String message, String detail) {}
