package cn.bj.hrss.card.application.card.rest;

/**
 * The body of every refused request.
 *
 * @param rule the rule id (R-… from RULES.md, or INPUT-…, LIFECYCLE-… of this project)
 * @param message what a citizen reads, in Chinese
 * @param detail what an operator reads, in English; never personal data
 */
public record ApiError(String rule, String message, String detail) {}
