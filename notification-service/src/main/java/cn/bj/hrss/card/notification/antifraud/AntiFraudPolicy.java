package cn.bj.hrss.card.notification.antifraud;

import com.google.common.net.InternetDomainName;
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
 *   <li><b>R-FRAUD-1</b>: the bureau and the banks never send an SMS with a web link, nor one that
 *       sends the holder anywhere but the official channels. Blocked: a scheme or "www" (also
 *       spaced out, full-width, hidden with invisible characters or look-alike letters), a domain
 *       name (any dot look-alike, symbol or emoji, "点", "圆点", "dot", "[.]", "%2e" between labels;
 *       any top-level domain of the Public Suffix List, IDN ones included, even followed by more
 *       text: "社保卡服务.中国领取"), punycode, an IP address, a short link or a path, an e-mail address,
 *       words that point to a link (链接, 网址, 点击, 浏览器, 二维码 ...) or to an app, a QR code or a chat
 *       account (扫描, 小程序, 公众号, 下载, APP, 微信, QQ, 屏幕共享 ...), and any phone number that is not an
 *       official one of {@link OfficialNumbers} (12333; a bank's own hotline in the messages it
 *       signs), however it is written (full-width, Han or financial numerals, spaced, dotted,
 *       between emoji, spelled in English).
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
 *
 * <p>Phone numbers (R-FRAUD-1) are {@link PhoneNumberRule}'s, sensitive data and money (R-FRAUD-2)
 * {@link SensitiveDataRule}'s; all read the views of {@link SmsText}.
 */
public final class AntiFraudPolicy {

  public static final String LINK_RULE = "R-FRAUD-1";
  public static final String SENSITIVE_RULE = "R-FRAUD-2";
  public static final String FORMAT_RULE = "SMS-FORMAT";
  public static final int MAX_LENGTH = 300;

  /** The rules a verdict names, each violation's reason starting with its rule and ": ". */
  public static final List<String> RULES = List.of(LINK_RULE, SENSITIVE_RULE, FORMAT_RULE);

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
      Pattern.compile("h[tx]{2}ps?|www|vvvvvv|click|url|login|signin|weblink");

  /** A domain name with a Latin top-level label (any, not only the delegated ones: strict). */
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)(?![a-z0-9])");

  private static final Pattern PUNYCODE = Pattern.compile("xn--[a-z0-9-]+");

  /** An IPv4 address, dotted or written as one hexadecimal number (0xC0A80101). */
  private static final Pattern IP_ADDRESS =
      Pattern.compile(
          "(?<![0-9])\\d{1,3}(?:\\.\\d{1,3}){3}(?![0-9])|(?<![0-9a-z])0x[0-9a-f]{8}(?![0-9a-z])");

  /** An IPv6 address: hex groups with "::" or at least three colons ("2001:db8::1"). */
  private static final Pattern IPV6_ADDRESS =
      Pattern.compile(
          "(?<![0-9a-z:])(?=[0-9a-f:]*::|(?:[0-9a-f]{1,4}:){3})(?:[0-9a-f]{1,4}|:)"
              + "(?::[0-9a-f]{0,4}){1,7}(?![0-9a-z:])");

  private static final Pattern PATH =
      Pattern.compile("[a-z]/[a-z0-9]|[0-9]/[a-z]|[a-z0-9]@[a-z0-9]|[\\p{IsHan}]@[a-z0-9]");
  private static final Pattern LINK_WORDS =
      Pattern.compile(
          "链接|连接|连结|网址|网页|网站|网盘|短链|点击|点開|点开|点此|点我|点这里|浏览器|二维码|扫码|扫一扫|复制打开|戳这里|戳此|"
              + "登录|登陆|登入|官网|长按识别|识别图中|识别二维码");

  /** Words that send the holder to an app, a QR code, a chat account or a screen share. */
  private static final Pattern CHANNEL_WORDS =
      Pattern.compile(
          "扫描|扫瞄|小程序|公众号|服务号|订阅号|视频号|微信|薇信|威信|维信|v信|加v|扣扣|q群|群号|加群|进群|入群|加好友|添加好友|"
              + "好友申请|钉钉|抖音|快手|微博|下载|安装|客户端|应用商店|应用市场|应用宝|屏幕共享|共享屏幕|屏幕分享|共享桌面|"
              + "远程协助|远程控制|远程桌面|视频会议|视频通话|腾讯会议|会议号|邮箱|电子邮件|云闪付");

  private static final Pattern CHANNEL_ENGLISH =
      Pattern.compile(
          "(?<![a-z])(?:apps?|apk|qq|vx|wx|we ?chat|wei ?xin|whatsapp|telegram|download|install|scan|"
              + "qr ?codes?|mini ?programs?|e-?mail)(?![a-z])");

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
    String ask = SensitiveDataRule.request(text);
    if (ask != null) {
      violations.add(new Violation(SENSITIVE_RULE, ask));
    }
    return violations;
  }

  private static String link(String text) {
    String folded = SmsText.fold(text);
    String view = SmsText.linkView(text);
    Matcher m;
    if (folded.contains("://") || folded.contains(":\\\\") || view.contains("://")) {
      return "contains a link (\"://\")";
    }
    if ((m = SCHEME_WORDS.matcher(SmsText.asciiOnly(text))).find()) {
      return "reads as a link (\"" + m.group() + "\")";
    }
    String ip = ipAddress(view);
    if (ip != null) {
      return "contains an IP address (\"" + ip + "\")";
    }
    String domain = domain(text, view);
    if (domain != null) {
      return "contains a domain name (\"" + domain + "\")";
    }
    if ((m = PUNYCODE.matcher(view)).find()) {
      return "contains a punycode domain name (\"" + m.group() + "\")";
    }
    if ((m = PATH.matcher(view)).find()) {
      return "reads as a short link, path or e-mail address (\"" + m.group() + "\")";
    }
    if ((m = LINK_WORDS.matcher(folded)).find()) {
      return "points to a link or a website (\"" + m.group() + "\")";
    }
    if ((m = CHANNEL_WORDS.matcher(folded)).find()
        || (m = CHANNEL_ENGLISH.matcher(SmsText.words(text))).find()) {
      return "points to an app, a QR code or a chat account (\"" + m.group() + "\")";
    }
    return PhoneNumberRule.unofficialNumber(text);
  }

  private static String ipAddress(String view) {
    for (String candidate : List.of(view, SmsText.numerals(view))) {
      Matcher m = IP_ADDRESS.matcher(candidate);
      if (m.find()) {
        return m.group();
      }
      m = IPV6_ADDRESS.matcher(candidate);
      if (m.find()) {
        return m.group();
      }
    }
    return null;
  }

  /**
   * A domain name: Latin labels with any Latin top-level label, or any label followed by a dot and
   * a top-level domain of the Public Suffix List (Guava's {@link InternetDomainName}), IDN ones
   * included, read with and without the look-alike folding (so ".рф" stays Cyrillic). After a
   * symbol or punctuation dot any beginning of the label counts ("社保卡服务.中国领取"); after the words 点,
   * 圆点, dot and after 。 or 、 the whole label, or a beginning of it without Han characters
   * ("北京人社。cn领取"), so that a sentence or an item that begins with 中国 or 中信, or "重点信息", is not read
   * as a domain.
   */
  private static String domain(String text, String view) {
    Matcher m = DOMAIN.matcher(view);
    if (m.find()) {
      return m.group();
    }
    for (String candidate : List.of(view, SmsText.idnView(text), SmsText.idnComposedView(text))) {
      String found = topLevelDomainAfterDot(candidate, false);
      if (found != null) {
        return found;
      }
    }
    for (boolean lookAlikes : new boolean[] {true, false}) {
      String found = topLevelDomainAfterDot(SmsText.symbolDotView(text, lookAlikes), true);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * The first "label.tld" in the view: a dot between a label character and a top-level domain: the
   * whole label after the dot, a beginning of it without Han characters ("北京社保点cn领取"), or, with
   * {@code prefixes} and a dot that is not 。 or 、, any beginning of it.
   */
  static String topLevelDomainAfterDot(String view, boolean prefixes) {
    int[] cps = view.codePoints().toArray();
    for (int dot = 1; dot + 1 < cps.length; dot++) {
      boolean sentenceDot = SmsText.SENTENCE_DOTS.indexOf(cps[dot]) >= 0;
      if (cps[dot] != '.' && !sentenceDot
          || !labelCharacter(cps[dot - 1])
          || !labelCharacter(cps[dot + 1])) {
        continue;
      }
      int start = dot - 1; // the reason shows at most 12 characters of the label before the dot
      while (start > 0 && start > dot - 12 && labelCharacter(cps[start - 1])) {
        start--;
      }
      int end = dot + 1;
      while (end < cps.length && labelCharacter(cps[end])) {
        end++;
      }
      for (int tldEnd = dot + 2; tldEnd <= Math.min(end, dot + 1 + 63); tldEnd++) {
        String tld = new String(cps, dot + 1, tldEnd - dot - 1);
        boolean readable =
            tldEnd == end || prefixes && !sentenceDot || tld.codePoints().noneMatch(SmsText::han);
        if (readable && topLevelDomain(tld)) {
          return new String(cps, start, tldEnd - start);
        }
      }
    }
    return null;
  }

  /** Whether the label is a top-level domain of the Public Suffix List that Guava ships. */
  static boolean topLevelDomain(String label) {
    if (!InternetDomainName.isValid(label)) {
      return false;
    }
    InternetDomainName name = InternetDomainName.from(label);
    return name.parts().size() == 1 && name.isPublicSuffix();
  }

  private static boolean labelCharacter(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '-';
  }

  /** The signature's name (工商银行 in 【工商银行】...), or null when the text has none. */
  static String signature(String text) {
    Matcher m = SIGNATURE.matcher(text);
    return m.find() ? m.group(1) : null;
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
