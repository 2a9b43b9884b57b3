package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.IdNumber;
import cn.bj.hrss.card.identity.Roles;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling and through which channel. The caller is the signed token's: its role (the {@code
 * groups} claim, see {@link Roles}) and its subject ({@code sub}) become the actor recorded on
 * every event; a citizen's token also carries the ID number its real-name check verified ({@code
 * id_number}), which decides whose cards the citizen may see and act on. The channel and the
 * correlation id come from the headers X-Channel (a {@link Channel} by name) and X-Correlation-Id.
 * Only the two services that relay stored reports (bank-gateway-service, card-production-service)
 * may name the bank or factory they act for, with X-Actor-Role and X-Actor-Id, and only as a bank
 * or a factory.
 *
 * @param verifiedIdNumber a citizen's verified ID number; null for every other caller
 * @param relayedBy the relaying service that acts for the bank or factory; null for a direct caller
 */
public record CallerContext(
    String actorRole,
    String actorId,
    String channel,
    String correlationId,
    String verifiedIdNumber,
    String relayedBy) {

  /** What a caller's X-Correlation-Id may be: an id, not text. */
  static final java.util.regex.Pattern CORRELATION_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** The token's role (groups claim) and the actor role it is recorded as. */
  static final Map<String, String> ACTOR_ROLE_OF_TOKEN_ROLE =
      Map.of(
          Roles.CITIZEN, "CITIZEN",
          Roles.EMPLOYER, "EMPLOYER",
          Roles.UNIVERSITY, "UNIVERSITY",
          Roles.COMMUNITY, "COMMUNITY",
          Roles.BANK, "BANK",
          Roles.CARD_FACTORY, "CARD_FACTORY",
          Roles.OPERATOR, "OPERATOR",
          Roles.AUDITOR, "AUDITOR");

  /** A relaying service's token role and the only actor role it may act as. */
  static final Map<String, String> RELAYED_ACTOR_ROLE =
      Map.of(Roles.BANK_GATEWAY_SERVICE, "BANK", Roles.CARD_PRODUCTION_SERVICE, "CARD_FACTORY");

  /** The channels each actor role may use (least privilege: a citizen is never "a bank outlet"). */
  static final Map<String, Set<Channel>> CHANNELS_OF_ROLE =
      Map.of(
          "CITIZEN", Channel.ONLINE,
          "EMPLOYER", Channel.setOf(Channel.EMPLOYER_COLLECTIVE),
          "UNIVERSITY", Channel.setOf(Channel.UNIVERSITY_COLLECTIVE),
          "COMMUNITY", Channel.setOf(Channel.COMMUNITY_DOOR_TO_DOOR),
          "BANK",
              Channel.setOf(
                  Channel.BANK_OUTLET_INSTANT,
                  Channel.BANK_OUTLET,
                  Channel.BANK_DOOR_TO_DOOR,
                  Channel.BANK_API),
          "CARD_FACTORY", Channel.setOf(Channel.CARD_FACTORY_API),
          "OPERATOR", Channel.setOf(Channel.OPERATOR_CONSOLE, Channel.DISTRICT_STREET_OUTLET),
          "AUDITOR", Channel.setOf(Channel.OPERATOR_CONSOLE));

  /**
   * @param reading a read, which records nothing: the channel may be left out
   */
  static CallerContext of(
      JsonWebToken token,
      String relayedRole,
      String relayedId,
      String channel,
      String correlationId,
      boolean reading) {
    if (token == null || token.getSubject() == null || token.getSubject().isBlank()) {
      throw notAuthenticated();
    }
    if (correlationId != null
        && !correlationId.isBlank()
        && !CORRELATION_ID.matcher(correlationId).matches()) {
      // It goes into events, logs and CSV exports: never free text (issue 16).
      throw RuleViolation.invalidInput(
              "INPUT-CORRELATION-ID",
              "请求编号格式有误。",
              "X-Correlation-Id: letters, digits and . _ : - only, at most 128")
          .at("X-Correlation-Id");
    }
    Set<String> tokenRoles = token.getGroups() == null ? Set.of() : token.getGroups();
    List<String> known =
        tokenRoles.stream()
            .filter(
                role ->
                    ACTOR_ROLE_OF_TOKEN_ROLE.containsKey(role)
                        || RELAYED_ACTOR_ROLE.containsKey(role))
            .toList();
    if (known.size() != 1) {
      throw denied("a token must carry exactly one role of the suite");
    }
    String tokenRole = known.get(0);
    String actorRole;
    String actorId;
    String relayedBy = null;
    if (RELAYED_ACTOR_ROLE.containsKey(tokenRole)) {
      if (!RELAYED_ACTOR_ROLE.get(tokenRole).equals(relayedRole)
          || relayedId == null
          || relayedId.isBlank()) {
        throw denied(tokenRole + " acts only as " + RELAYED_ACTOR_ROLE.get(tokenRole));
      }
      actorRole = relayedRole;
      actorId = relayedId;
      relayedBy = tokenRole;
    } else {
      actorRole = ACTOR_ROLE_OF_TOKEN_ROLE.get(tokenRole);
      actorId = token.getSubject(); // sub in every service, never upn (issue 16)
    }
    String verifiedIdNumber = null;
    if ("CITIZEN".equals(actorRole)) {
      Object claim = token.getClaim("id_number");
      if (claim == null || !IdNumber.isValid(claim.toString())) {
        throw denied("a citizen's token carries the verified id_number");
      }
      verifiedIdNumber = claim.toString();
    }
    if (reading && channel == null) {
      return new CallerContext(
          actorRole, actorId, null, correlationId, verifiedIdNumber, relayedBy);
    }
    Channel via =
        Channel.named(channel)
            .orElseThrow(
                () ->
                    RuleViolation.invalidInput(
                        "INPUT-CHANNEL",
                        "无法识别办理渠道。",
                        "X-Channel must be one of " + Arrays.toString(Channel.values())));
    if (!CHANNELS_OF_ROLE.get(actorRole).contains(via)) {
      throw denied(actorRole + " does not use the channel " + channel);
    }
    String correlation =
        correlationId == null || correlationId.isBlank()
            ? UUID.randomUUID().toString()
            : correlationId;
    return new CallerContext(actorRole, actorId, channel, correlation, verifiedIdNumber, relayedBy);
  }

  /**
   * The refusal of everything a caller may not do or see, whether or not the thing exists: one
   * answer, so that a refusal never tells that a card is there (issue 8).
   */
  public static RuleViolation denied(String detail) {
    return RuleViolation.forbidden("ACCESS-DENIED", "您无权办理或查询此项业务。", detail);
  }

  private static RuleViolation notAuthenticated() {
    return RuleViolation.forbidden("ACCESS-DENIED", "您无权办理或查询此项业务。", "no caller");
  }

  /** The same caller as the guardian of the minor they apply for (R-BANK-4). */
  public CallerContext asGuardian() {
    return new CallerContext(
        "GUARDIAN", actorId, channel, correlationId, verifiedIdNumber, relayedBy);
  }

  public boolean is(String role) {
    return role.equals(actorRole);
  }

  /** Refuses (403) a caller whose role is not one of {@code roles}. */
  public CallerContext requireRole(String... roles) {
    if (!Set.of(roles).contains(actorRole)) {
      throw denied("this needs one of the roles " + Set.of(roles));
    }
    return this;
  }

  public Map<String, String> metaData() {
    return CommandMetaData.of(actorRole, actorId, channel, correlationId);
  }
}
