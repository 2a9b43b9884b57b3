package cn.bj.hrss.card.notification.antifraud;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anti-fraud policy every outgoing SMS must pass, read on the fully rendered text (signature
 * included), so that no template and no value put into one (an outlet name, a tracking number) can
 * slip a link or a request through.
 *
 * <ul>
 *   <li><b>R-FRAUD-1</b>: the bureau and the banks never send an SMS with a web link. Blocked: a
 *       scheme or "www" (also spaced out, full-width, hidden with invisible characters or
 *       look-alike letters), a domain name (any dot look-alike, "点", "dot", "[.]" between labels;
 *       Chinese top-level domains), an IP address, a short link or a path, an e-mail address, and
 *       words that point to a link (链接, 网址, 点击, 浏览器, 二维码 ...).
 *   <li><b>R-FRAUD-2</b>: they never ask for a card's account number, a password, a verification
 *       code or other sensitive data. Blocked: any mention of such data (账号, 卡号, 密码, 验证码, 身份证号, CVV
 *       ...) or of money to pay (转账, 手续费, 工本费 ...: the programme is free, R-CARD-2), except inside
 *       a clause that only says it is never asked for ("银行不会索要您的密码"); a clause that also asks
 *       ("不会索要密码，只需回复验证码") is blocked. Also blocked: a number that looks like a bank card number or
 *       an ID number.
 *   <li><b>SMS-FORMAT</b> (FACTS.md, SMS conventions): one signature in 【】 at the start and none in
 *       the body, no invisible or direction-changing characters, at most {@value #MAX_LENGTH}
 *       characters.
 * </ul>
 *
 * <p>The policy is strict on purpose: a legitimate message that trips it is blocked and shown to
 * operators with the reason, which costs far less than one message that reads like a scam.
 */
public final class AntiFraudPolicy {

  public static final String LINK_RULE = "R-FRAUD-1";
  public static final String SENSITIVE_RULE = "R-FRAUD-2";
  public static final String FORMAT_RULE = "SMS-FORMAT";
  public static final int MAX_LENGTH = 300;

  /** One rule a text breaks, and why, in words an operator can act on. */
  public record Violation(String rule, String reason) {
    @Override
    public String toString() {
      return rule + ": " + reason;
    }
  }

  /** The policy's answer for one text: allowed when nothing is violated. */
  public record Verdict(List<Violation> violations) {
    public boolean allowed() {
      return violations.isEmpty();
    }

    /** All violations in one line, for the record and the log; null when allowed. */
    public String reason() {
      return allowed()
          ? null
          : String.join("; ", violations.stream().map(Violation::toString).toList());
    }
  }

  // ---- R-FRAUD-1 ------------------------------------------------------------------------------
  private static final Pattern SCHEME_WORDS =
      Pattern.compile("h[tx]{2}ps?|www|click|url|login|signin|weblink");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)(?![a-z0-9])");
  private static final Pattern HAN_DOMAIN =
      Pattern.compile(
          "[\\p{IsHan}a-z0-9-]+\\.(?:中国|中國|公司|网络|网址|政务|公益|在线|商城|集团|手机|在线)(?!\\p{IsHan})");
  private static final Pattern IP_ADDRESS =
      Pattern.compile("(?<![0-9])\\d{1,3}(?:\\.\\d{1,3}){3}(?![0-9])");
  private static final Pattern PATH =
      Pattern.compile("[a-z]/[a-z0-9]|[0-9]/[a-z]|[a-z0-9]@[a-z0-9]");
  private static final Pattern LINK_WORDS =
      Pattern.compile("链接|连接|网址|网页|网站|短链|点击|点開|浏览器|二维码|扫码|扫一扫|复制打开|戳这里|戳此|登录|登陆|官网");

  // ---- R-FRAUD-2 ------------------------------------------------------------------------------
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

  // ---- SMS-FORMAT -----------------------------------------------------------------------------
  private static final Pattern SIGNATURE = Pattern.compile("^【([^【】\\s]{2,16})】");
  private static final Pattern BRACKETS_IN_BODY = Pattern.compile("[【】〖〗〔〕]");

  private AntiFraudPolicy() {}

  /** Every rule, on the fully rendered outgoing text (signature included). */
  public static Verdict checkOutgoing(String text) {
    List<Violation> violations = new ArrayList<>(format(text));
    violations.addAll(fraudSigns(text));
    return new Verdict(List.copyOf(violations));
  }

  /** R-FRAUD-1 and R-FRAUD-2 only: the signs of fraud in any text, for example a citizen's copy. */
  public static List<Violation> fraudSigns(String text) {
    List<Violation> violations = new ArrayList<>();
    String link = link(text);
    if (link != null) {
      violations.add(new Violation(LINK_RULE, link));
    }
    String ask = sensitive(text);
    if (ask != null) {
      violations.add(new Violation(SENSITIVE_RULE, ask));
    }
    return violations;
  }

  private static String link(String text) {
    String compact = SmsText.compact(text);
    String view = SmsText.linkView(text);
    Matcher m;
    if (compact.contains("://") || compact.contains(":\\\\")) {
      return "contains a link (\"://\")";
    }
    if ((m = SCHEME_WORDS.matcher(SmsText.asciiOnly(text))).find()) {
      return "reads as a link (\"" + m.group() + "\")";
    }
    if ((m = IP_ADDRESS.matcher(view)).find()) {
      return "contains an IP address (\"" + m.group() + "\")";
    }
    if ((m = DOMAIN.matcher(view)).find() || (m = HAN_DOMAIN.matcher(view)).find()) {
      return "contains a domain name (\"" + m.group() + "\")";
    }
    if ((m = PATH.matcher(view)).find()) {
      return "reads as a short link, path or e-mail address (\"" + m.group() + "\")";
    }
    if ((m = LINK_WORDS.matcher(compact)).find()) {
      return "points to a link or a website (\"" + m.group() + "\")";
    }
    return null;
  }

  private static String sensitive(String text) {
    String compact = SmsText.compact(text);
    Matcher m;
    if ((m = CARD_NUMBER.matcher(compact)).find()) {
      return "contains what looks like a bank card number";
    }
    if ((m = ID_NUMBER.matcher(compact)).find()) {
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

  private static List<Violation> format(String text) {
    List<Violation> violations = new ArrayList<>();
    if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
      violations.add(new Violation(FORMAT_RULE, "longer than " + MAX_LENGTH + " characters"));
    }
    Matcher signature = SIGNATURE.matcher(text);
    if (!signature.find()) {
      violations.add(new Violation(FORMAT_RULE, "does not start with one signature in 【】"));
    } else if (BRACKETS_IN_BODY.matcher(text.substring(signature.end())).find()) {
      violations.add(new Violation(FORMAT_RULE, "the body contains 【】 (a second signature)"));
    }
    boolean invisible =
        text.codePoints()
            .anyMatch(
                cp ->
                    Character.getType(cp) == Character.FORMAT
                        || (Character.isISOControl(cp) && cp != '\n'));
    if (invisible) {
      violations.add(
          new Violation(FORMAT_RULE, "contains invisible or direction-changing characters"));
    }
    return violations;
  }
}
