package cn.bj.hrss.card.notification.antifraud;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * R-FRAUD-2: a text never asks for a card's account number, a password, a verification code or
 * other sensitive data, nor for money (the programme is free, R-CARD-2), and carries no number that
 * looks like a bank card or an ID number. Part of {@link AntiFraudPolicy}.
 */
final class SensitiveDataRule {

  private SensitiveDataRule() {}

  private static final Pattern SENSITIVE =
      Pattern.compile(
          "银行卡号|金融账号|金融帐号|支付密码|交易密码|取款密码|查询密码|敏感信息|卡号|账号|帐号|账户|帐户|密码|口令|"
              + "验证码|校验码|动态码|确认码|短信码|安全码|有效期|身份证号|身份证照|身份证正反面|证件号|身份信息|"
              + "个人信息|银行卡信息|银行卡|人脸|刷脸|网银|u盾|cvv|cvn|password|passcode|passwd|pincode|"
              + "verificationcode|securitycode|accountnumber|cardnumber|(?<![a-z])pin(?![a-z])|"
              + "(?<![a-z])otp(?![a-z])|yanzhengma|mima");
  private static final Pattern MONEY =
      Pattern.compile(
          "转账|转帐|汇款|打款|付款|缴费|交费|缴纳|支付|手续费|工本费|快递费|邮费|保证金|押金|激活费|服务费|"
              + "安全账户|解冻|退款|退费|补贴|补助|津贴|中奖|红包|返现|刷单|贷款|提额|额度");
  private static final Pattern NEGATION =
      Pattern.compile("不会|从不|从来不|决不|绝不|不要|切勿|请勿|勿|不得|不可|严禁|禁止|无需|不需|不用|不必|不");
  private static final String ASK_VERBS =
      "索要|索取|询问|要求|提供|透露|泄露|泄漏|告知|告诉|发送|回复|收取|输入|填写|提交|上传|转发|发给|给予";

  /** A negation and the verb it denies, with only neutral words between ("不会通过短信向您索要"). */
  private static final Pattern NEGATED_ASK =
      Pattern.compile(
          "(?:"
              + NEGATION.pattern()
              + ")(?:[向对给通过以用经由主动任何人他人陌生人别人第三方您你们单位或和及个人电话短信邮件微信的方式也都再]|"
              + ASK_VERBS
              + ")*(?:"
              + ASK_VERBS
              + ")");

  private static final Pattern REQUEST =
      Pattern.compile(
          "请|需|须|务必|立即|马上|尽快|" + ASK_VERBS + "|核对|核实|验证|确认|登录|点击|访问|联系|致电|拨打|添加|加微信|扫描|回电|办理");
  private static final Pattern ENGLISH_WORDS =
      Pattern.compile(
          "(?<![a-z0-9])(?:pin|otp|cvv|cvc|password|passcode|account number|card number)(?![a-z])");
  private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])\\d{16,19}(?![0-9])");
  private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])\\d{17}[0-9x](?![0-9a-z])");
  private static final Pattern CLAUSE_END = Pattern.compile("[,.!?;:，。！？；：]");

  /**
   * What the text asks for or mentions of sensitive data or money, in words an operator can act on;
   * null when it asks for nothing.
   */
  static String request(String text) {
    String compact = SmsText.fold(text);
    String numbers = SmsText.numberView(text);
    Matcher m;
    if (CARD_NUMBER.matcher(compact).find() || CARD_NUMBER.matcher(numbers).find()) {
      return "contains what looks like a bank card number";
    }
    if (ID_NUMBER.matcher(compact).find() || ID_NUMBER.matcher(numbers).find()) {
      return "contains what looks like an ID number";
    }
    if ((m = ENGLISH_WORDS.matcher(SmsText.words(text))).find()) {
      return "asks for or mentions sensitive data (\"" + m.group() + "\")";
    }
    for (String clause : CLAUSE_END.split(compact)) {
      String asked = asks(clause);
      if (asked != null) {
        return asked;
      }
    }
    return null;
  }

  /** What a clause asks for, or null if it asks for nothing (or only says it never asks). */
  private static String asks(String clause) {
    Matcher sensitive = SENSITIVE.matcher(clause);
    Matcher money = MONEY.matcher(clause);
    boolean mentionsData = sensitive.find();
    boolean mentionsMoney = money.find();
    if (!mentionsData && !mentionsMoney) {
      return null;
    }
    String term = mentionsData ? sensitive.group() : money.group();
    String what =
        mentionsData
            ? "asks for or mentions sensitive data (\"" + term + "\")"
            : "asks for money (\"" + term + "\"); the programme is free (R-CARD-2)";
    if (!NEGATION.matcher(clause).find()) {
      return what;
    }
    String rest = NEGATED_ASK.matcher(clause).replaceAll("");
    rest = SENSITIVE.matcher(rest).replaceAll("");
    rest = MONEY.matcher(rest).replaceAll("");
    Matcher request = REQUEST.matcher(rest);
    return request.find() ? what + " and asks (\"" + request.group() + "\")" : null;
  }
}
