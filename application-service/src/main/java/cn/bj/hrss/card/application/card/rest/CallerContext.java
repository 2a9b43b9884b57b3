package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling and through which channel, from the request headers X-Actor-Role, X-Actor-Id,
 * X-Channel and X-Correlation-Id. Authentication (signed tokens) replaces the first two later; the
 * values are already recorded on every event.
 */
public record CallerContext(
    String actorRole, String actorId, String channel, String correlationId) {

  /** R-CHAN-1 and R-CHAN-2 channels, plus the system interfaces of factories, banks, operators. */
  static final Set<String> CHANNELS =
      Set.of(
          "BUREAU_WEBSITE",
          "JINGTONG_MINI_PROGRAM",
          "BEIJING_HRSS_WECHAT",
          "MINSHENG_ONE_CARD_MINI_PROGRAM",
          "EMPLOYER_COLLECTIVE",
          "UNIVERSITY_COLLECTIVE",
          "COMMUNITY_DOOR_TO_DOOR",
          "BANK_OUTLET_INSTANT",
          "BANK_OUTLET",
          "BANK_DOOR_TO_DOOR",
          "DISTRICT_STREET_OUTLET",
          "CARD_FACTORY_API",
          "BANK_API",
          "OPERATOR_CONSOLE");

  static final Set<String> ROLES =
      Set.of(
          "CITIZEN",
          "GUARDIAN",
          "EMPLOYER",
          "UNIVERSITY",
          "COMMUNITY",
          "BANK",
          "CARD_FACTORY",
          "OPERATOR",
          "AUDITOR");

  static CallerContext of(String role, String id, String channel, String correlationId) {
    if (role == null || !ROLES.contains(role) || id == null || id.isBlank()) {
      throw RuleViolation.invalidInput(
          "INPUT-ACTOR",
          "无法识别办理人身份。",
          "X-Actor-Role must be one of " + ROLES + " and X-Actor-Id must be given");
    }
    if (channel == null || !CHANNELS.contains(channel)) {
      throw RuleViolation.invalidInput(
          "INPUT-CHANNEL", "无法识别办理渠道。", "X-Channel must be one of " + CHANNELS);
    }
    String correlation =
        correlationId == null || correlationId.isBlank()
            ? UUID.randomUUID().toString()
            : correlationId;
    return new CallerContext(role, id, channel, correlation);
  }

  /** Refuses (403) a caller whose role is not one of {@code roles}. */
  public CallerContext requireRole(String... roles) {
    if (!Set.of(roles).contains(actorRole)) {
      throw RuleViolation.forbidden(
          "ACCESS-ROLE", "您无权办理此项业务。", "this needs one of the roles " + Set.of(roles));
    }
    return this;
  }

  public Map<String, String> metaData() {
    return CommandMetaData.of(actorRole, actorId, channel, correlationId);
  }
}
