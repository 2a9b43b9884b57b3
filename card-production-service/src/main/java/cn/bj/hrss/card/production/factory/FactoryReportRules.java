package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.TrackingNumber;
import cn.bj.hrss.card.refusal.Refusal;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What a factory report must hold before it is stored. These checks keep out what can never be
 * applied; whether the card's state allows it is application-service's decision, later.
 */
public final class FactoryReportRules {

  /** The card number printed on the card and stored in its chip (FACTS.md). */
  static final Pattern CARD_NUMBER = Pattern.compile("[0-9A-Z]{9}");

  static final Pattern FACTORY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private FactoryReportRules() {}

  public static void checkFactory(String factoryId) {
    if (factoryId == null || !FACTORY_ID.matcher(factoryId).matches()) {
      throw Refusal.badRequest(
          "INPUT-FACTORY",
          "制卡厂标识有误。",
          "the factory id must be 1-64 letters, digits, '.', '_' or '-'");
    }
  }

  /**
   * Checks a line and returns it normalised: the kind in upper case, and only the fields its kind
   * and dispatch method use (as application-service records them).
   *
   * @throws Refusal naming the rule the line breaks
   */
  public static ReportLine check(ReportLine line) {
    if (line == null) {
      throw Refusal.badRequest("INPUT-MISSING", "报告内容为空。", "the report has no content");
    }
    if (isBlank(line.cardId()) || line.cardId().length() > 64) {
      throw Refusal.badRequest(
          "INPUT-CARD-ID", "缺少申领编号。", "cardId must be given (at most 64 characters)");
    }
    if (line.reference() != null
        && (line.reference().isBlank() || line.reference().length() > 100)) {
      throw Refusal.badRequest("INPUT-REFERENCE", "报告编号有误。", "reference must be 1-100 characters");
    }
    ReportKind kind = kind(line.kind());
    return switch (kind) {
      case PRODUCED -> produced(line);
      case PRODUCTION_FAILED -> failed(line);
      case DISPATCHED -> dispatched(line);
    };
  }

  private static ReportKind kind(String kind) {
    try {
      return ReportKind.valueOf(kind);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusal.badRequest(
          "INPUT-KIND", "报告类型有误。", "kind must be one of " + Arrays.toString(ReportKind.values()));
    }
  }

  private static ReportLine produced(ReportLine line) {
    if (line.cardNumber() == null || !CARD_NUMBER.matcher(line.cardNumber()).matches()) {
      throw Refusal.badRequest(
          "INPUT-CARD-NUMBER", "社保卡卡号应为9位数字或大写字母。", "card number must match [0-9A-Z]{9}");
    }
    return new ReportLine(
        line.reference(), line.cardId(), "PRODUCED", line.cardNumber(), null, null, null, null);
  }

  private static ReportLine failed(ReportLine line) {
    if (isBlank(line.reason()) || line.reason().length() > 500) {
      throw Refusal.badRequest(
          "INPUT-MISSING",
          "请说明制卡失败原因。",
          "a production failure needs a reason (at most 500 characters)");
    }
    return new ReportLine(
        line.reference(),
        line.cardId(),
        "PRODUCTION_FAILED",
        null,
        line.reason(),
        null,
        null,
        null);
  }

  private static ReportLine dispatched(ReportLine line) {
    CollectionMethod method;
    try {
      method = CollectionMethod.valueOf(line.method());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusal.badRequest(
          "R-PICK-1",
          "请注明发卡方式：网点领卡、邮寄或银行上门送卡。",
          "method must be one of " + Arrays.toString(CollectionMethod.values()));
    }
    String tracking = null;
    String outlet = null;
    if (method == CollectionMethod.MAIL) {
      // A carrier's code, never free text: it goes into the holder's SMS (issue 16 item 4).
      if (!TrackingNumber.isValid(line.trackingNumber())) {
        throw Refusal.badRequest(
            "R-PICK-3",
            "邮寄发卡须提供快递单号，格式应为EMS单号（13位数字，或如EA123456785CN）或顺丰单号（SF加12至13位数字）。",
            "mail dispatch needs a tracking number in a carrier's format (EMS S10, EMS 13 digits,"
                + " SF and 12-13 digits)");
      }
      tracking = line.trackingNumber();
    }
    if (method == CollectionMethod.OUTLET_PICKUP) {
      if (isBlank(line.outletName()) || line.outletName().length() > 200) {
        throw Refusal.badRequest(
            "R-PICK-2",
            "网点领卡须注明领卡网点。",
            "outlet pickup needs the outlet name (at most 200 characters)");
      }
      outlet = line.outletName();
    }
    return new ReportLine(
        line.reference(), line.cardId(), "DISPATCHED", null, null, method.name(), tracking, outlet);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
