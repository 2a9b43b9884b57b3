package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.IdNumber;
import cn.bj.hrss.card.refusal.Refusal;
import java.util.regex.Pattern;

/**
 * What a bank's report must hold before it is stored. These checks keep out what can never be
 * applied, naming the rule; whether the card's state allows it is application-service's decision,
 * later.
 */
public final class ReportRules {

  static final Pattern ID_NUMBER = Pattern.compile("[0-9]{17}[0-9X]");

  /** The card number printed on the card and stored in its chip (FACTS.md). */
  static final Pattern CARD_NUMBER = Pattern.compile("[0-9A-Z]{9}");

  /** An 18-character resident ID number (GB 11643-1999); its check character is checked too. */
  private ReportRules() {}

  /** The body of a report on one card; which fields count depends on the kind. */
  public record CardReport(String reference, String outletName, String channel, String method) {}

  /** The body of a retiree's bank change, reported by the new bank (R-BANK-6). */
  public record BankChange(
      String reference, String cardNumber, String idNumber, String outletName, String channel) {}

  public static ReportLine check(String cardId, ReportKind kind, CardReport body) {
    if (body == null) {
      body = new CardReport(null, null, null, null);
    }
    checkReference(body.reference());
    return switch (kind) {
      case HANDED_OVER -> {
        // R-PICK-2: the card is collected at the outlet it was sent to.
        String outlet = required(body.outletName(), "R-PICK-2", "请注明领卡网点。", "outletName");
        yield new ReportLine(
            body.reference(), cardId, kind, channel(kind, body.channel()), outlet, null, null);
      }
      case DELIVERED -> {
        String method = body.method();
        if (!"MAIL".equals(method) && !"DOOR_TO_DOOR".equals(method)) {
          throw Refusal.badRequest(
              "R-PICK-1", "请注明送达方式：邮寄或银行上门送卡。", "method must be MAIL or DOOR_TO_DOOR");
        }
        String channel =
            "MAIL".equals(method) ? Channel.BANK_API.name() : Channel.BANK_DOOR_TO_DOOR.name();
        yield new ReportLine(body.reference(), cardId, kind, channel, null, method, null);
      }
      case FINANCIAL_ACTIVATED -> {
        // R-PICK-3: only in person at an outlet of the issuing bank (R-PICK-4: on delivery, the
        // outlet whose staff came); application-service checks it is one of the bank's own.
        String channel = channel(kind, body.channel());
        String outlet = required(body.outletName(), "R-PICK-3", "请注明激活金融功能的网点。", "outletName");
        yield new ReportLine(body.reference(), cardId, kind, channel, outlet, null, null);
      }
      case SOCIAL_ENABLED ->
          new ReportLine(
              body.reference(),
              cardId,
              kind,
              channel(kind, body.channel()),
              optional(body.outletName()),
              null,
              null);
      case BANK_CHANGED ->
          throw new IllegalArgumentException("a bank change names the card by its number");
    };
  }

  /** A bank change, before the card is found: the card id is filled in by the caller. */
  public static ReportLine checkBankChange(BankChange body) {
    if (body == null) {
      throw Refusal.badRequest("INPUT-MISSING", "请求内容为空。", "the request has no body");
    }
    checkReference(body.reference());
    if (body.cardNumber() == null || !CARD_NUMBER.matcher(body.cardNumber()).matches()) {
      throw Refusal.badRequest(
          "INPUT-CARD-NUMBER", "社保卡卡号应为9位数字或大写字母。", "cardNumber must match [0-9A-Z]{9}");
    }
    if (idNumber(body.idNumber()) == null) {
      throw Refusal.badRequest(
          "INPUT-ID-NUMBER", "身份证号码有误。", "idNumber must be an 18-character resident ID number");
    }
    return new ReportLine(
        body.reference(),
        null,
        ReportKind.BANK_CHANGED,
        channel(ReportKind.BANK_CHANGED, body.channel()),
        // R-BANK-6: in person at an outlet of the new bank, which application-service checks.
        required(body.outletName(), "R-BANK-6", "请注明办理更换发卡银行的本行网点。", "outletName"),
        null,
        body.cardNumber());
  }

  /** The ID number in upper case if it is well formed with a correct check character, else null. */
  public static String idNumber(String value) {
    if (value == null) {
      return null;
    }
    String id = value.trim().toUpperCase();
    // the checksum only (GB 11643): whether the person exists is application-service's to say
    boolean wellFormed = ID_NUMBER.matcher(id).matches();
    return wellFormed && id.charAt(17) == IdNumber.checkCharacter(id) ? id : null;
  }

  private static String channel(ReportKind kind, String given) {
    String channel = given == null || given.isBlank() ? Channel.BANK_OUTLET.name() : given;
    if (!kind.channels().contains(channel)) {
      if (kind == ReportKind.FINANCIAL_ACTIVATED) {
        throw Refusal.badRequest(
            "R-PICK-3",
            "金融功能须本人持卡到发卡银行网点激活。",
            "the financial function is activated in person only: channel one of "
                + kind.channels());
      }
      throw Refusal.badRequest(
          "INPUT-CHANNEL", "无法识别办理渠道。", "channel must be one of " + kind.channels());
    }
    return channel;
  }

  private static void checkReference(String reference) {
    if (reference != null && (reference.isBlank() || reference.length() > 100)) {
      throw Refusal.badRequest("INPUT-REFERENCE", "报告编号有误。", "reference must be 1-100 characters");
    }
  }

  private static String required(String value, String rule, String message, String field) {
    if (value == null || value.isBlank() || value.length() > 200) {
      throw Refusal.badRequest(rule, message, field + " must be given (at most 200 characters)");
    }
    return value;
  }

  private static String optional(String value) {
    if (value != null && value.length() > 200) {
      throw Refusal.badRequest("INPUT-OUTLET", "网点名称过长。", "outletName is at most 200 characters");
    }
    return value == null || value.isBlank() ? null : value;
  }
}
