package cn.bj.hrss.card.notification.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the message catalogue (table {@code sms_template}): the trigger that gives it, who
 * signs it, and the body with {name} placeholders.
 *
 * @param trigger an event type, with the collection method for CardDispatched (e.g. {@code
 *     CardDispatched/MAIL}), or an alert type ({@code ProductionOverdue})
 * @param signer {@code HRSS} (【北京人社】) or {@code ISSUING_BANK} (the bank's name, R-PICK-2)
 */
public record MessageTemplate(
    String code, String trigger, String signer, String body, String description) {

  /** The programme's own signature (FACTS.md, SMS conventions). */
  public static final String HRSS_SIGNATURE = "北京人社";

  public static final String SIGNED_BY_HRSS = "HRSS";
  public static final String SIGNED_BY_ISSUING_BANK = "ISSUING_BANK";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  /** Values that show what a template looks like filled in, for operators and tests. */
  public static final Map<String, String> EXAMPLE_VALUES =
      Map.of(
          "outlet", "工商银行北京朝阳门支行",
          "trackingNumber", "EA123456785CN",
          "dueDate", "2025年4月2日",
          "bank", "工商银行",
          "collection", "到工商银行北京朝阳门支行（北京市东城区朝阳门北大街1号）领取",
          "newMobile", "139****5678",
          "pickupEnds", "2025年6月9日",
          "proxy", "王*明",
          "authorisation", "SQ2025031400012");

  /** A template asked for a value the event did not give. */
  public static final class MissingValueException extends IllegalArgumentException {
    MissingValueException(String code, String name) {
      super("template " + code + " needs a value for {" + name + "}");
    }
  }

  /**
   * The full text: 【signature】 then the body with each placeholder replaced, in one pass (a value
   * is never read as a template).
   */
  public String render(String signature, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(body);
    StringBuilder text = new StringBuilder("【").append(signature).append("】");
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new MissingValueException(code, m.group(1));
      }
      m.appendReplacement(text, Matcher.quoteReplacement(value));
    }
    m.appendTail(text);
    return text.toString();
  }

  /** The placeholders of the body, for the catalogue listing. */
  public Map<String, String> exampleValues() {
    Map<String, String> used = new LinkedHashMap<>();
    Matcher m = PLACEHOLDER.matcher(body);
    while (m.find()) {
      used.put(m.group(1), EXAMPLE_VALUES.getOrDefault(m.group(1), "示例"));
    }
    return used;
  }
}
