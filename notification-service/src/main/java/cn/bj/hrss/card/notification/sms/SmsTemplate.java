package cn.bj.hrss.card.notification.sms;

import java.util.Map;

/**
 * The SMS a holder gets, one per event they must hear about. Every text starts with the signature
 * in 【】 and, as R-FRAUD-1 and R-FRAUD-2 require, carries no link and asks for nothing.
 */
public enum SmsTemplate {
  APPLICATION_ACCEPTED("您的第三代社会保障卡申领已受理，制卡完成后将短信通知您。社保部门和银行不会索要您的银行卡号、密码或验证码。"),
  READY_FOR_PICKUP("您的社会保障卡已制作完成，请本人携带有效身份证件到{outlet}领取。"),
  MAILED("您的社会保障卡已交邮寄送，快递单号{trackingNumber}，请注意查收。"),
  DOOR_TO_DOOR_SCHEDULED("您的社会保障卡已制作完成，发卡银行将上门送卡，请留意单位经办人通知。"),
  ENABLED_OLD_CARD_INVALID("您的第三代社会保障卡社保功能已启用，原社会保障卡同时失效。");

  /** The sender's signature, before the body (FACTS.md, SMS conventions). */
  public static final String SIGNATURE = "【北京人社】";

  private final String body;

  SmsTemplate(String body) {
    this.body = body;
  }

  /** The full text, signature first, with each {name} replaced by its value. */
  public String render(Map<String, String> values) {
    String text = body;
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("{" + value.getKey() + "}", value.getValue());
    }
    if (text.contains("{")) {
      throw new IllegalArgumentException(name() + " is missing a value: " + text);
    }
    return SIGNATURE + text;
  }
}
