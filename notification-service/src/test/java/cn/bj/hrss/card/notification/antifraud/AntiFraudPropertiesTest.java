package cn.bj.hrss.card.notification.antifraud;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * R-FRAUD-1 and R-FRAUD-2 over generated texts: a link or a request for secrets, written in any of
 * the disguises generated here and put anywhere in an otherwise ordinary notice, is never sent; an
 * ordinary notice naming any outlet is.
 */
class AntiFraudPropertiesTest {

  private static final String SIGNATURE = "【北京人社】";
  private static final List<String> NOTICES =
      List.of("您申领的社会保障卡已制作完成，请携带有效身份证件到网点领取。", "您的社保卡已寄出，请注意查收。", "您的社保卡已到达领卡网点。", "");

  // ---- generators ---------------------------------------------------------------------------

  @Provide
  Arbitrary<String> links() {
    Arbitrary<String> label =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10);
    Arbitrary<String> dot = Arbitraries.of(".", "。", "．", "点", " dot ", "[.]", "(.)", "・", " . ");
    Arbitrary<String> tld =
        Arbitraries.of("com", "cn", "net", "top", "xyz", "org", "gov.cn", "vip");
    Arbitrary<String> host = Combinators.combine(label, dot, tld).as((l, d, t) -> l + d + t);
    Arbitrary<String> scheme =
        Arbitraries.of("http://", "https://", "hxxp://", "HTTPS://", "https:\\\\");
    Arbitrary<String> path =
        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> ip =
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(n -> String.join(".", n.stream().map(String::valueOf).toList()));
    return Arbitraries.oneOf(
        Combinators.combine(scheme, host).as(String::concat),
        Combinators.combine(scheme, ip).as(String::concat),
        Combinators.combine(dot, host).as((d, h) -> "www" + d + h),
        host,
        Combinators.combine(host, path).as((h, p) -> h + "/" + p),
        Combinators.combine(label, path).as((h, p) -> "t.cn/" + h + p));
  }

  @Provide
  Arbitrary<String> asks() {
    Arbitrary<String> verb = Arbitraries.of("请回复", "请提供", "请输入", "请告知", "请发送", "需填写", "立即提交");
    Arbitrary<String> secret =
        Arbitraries.of(
            "密码", "验证码", "银行卡号", "账号", "身份证号", "交易密码", "短信验证码", "驗證碼", "CVV", "password", "PIN");
    return Combinators.combine(verb, Arbitraries.of("", "您的", "本人"), secret)
        .as((v, w, s) -> v + w + s);
  }

  /** A disguise: random case, full-width letters, look-alikes, spaces, zero-width characters. */
  @Provide
  Arbitrary<Long> disguises() {
    return Arbitraries.longs();
  }

  static String disguise(String text, long seed) {
    Random random = new Random(seed);
    int style = random.nextInt(6);
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      char d = c;
      if (style == 1 && Character.isLetter(c) && random.nextBoolean()) {
        d = Character.toUpperCase(c);
      }
      if (style == 2 && c >= '!' && c <= '~' && random.nextBoolean()) {
        d = (char) (c - '!' + '\uFF01'); // full-width form
      }
      if (style == 3 && random.nextInt(3) == 0) {
        d =
            switch (c) {
              case 'a' -> 'а';
              case 'o' -> 'о';
              case 'e' -> 'е';
              case 'p' -> 'р';
              case 'c' -> 'с';
              case 'x' -> 'х';
              default -> c;
            };
      }
      out.append(d);
      if (style == 4 && random.nextInt(3) == 0) {
        out.append(' ');
      }
      if (style == 5 && random.nextInt(3) == 0) {
        out.append('\u200B');
      }
    }
    return out.toString();
  }

  static String insert(String notice, String part, int at) {
    int position = Math.floorMod(at, notice.length() + 1);
    return SIGNATURE + notice.substring(0, position) + part + notice.substring(position);
  }

  // ---- properties ---------------------------------------------------------------------------

  @Property
  void a_text_with_a_link_is_never_sent_whatever_the_disguise(
      @ForAll("links") String link,
      @ForAll("disguises") long seed,
      @ForAll("notices") String notice,
      @ForAll int at) {
    String text = insert(notice, disguise(link, seed), at);
    assertFalse(AntiFraudPolicy.checkOutgoing(text).allowed(), text);
    assertTrue(
        AntiFraudPolicy.fraudSigns(text).stream()
            .anyMatch(v -> v.rule().equals(AntiFraudPolicy.LINK_RULE)),
        text);
  }

  @Property
  void a_text_asking_for_a_password_account_or_code_is_never_sent(
      @ForAll("asks") String ask,
      @ForAll("disguises") long seed,
      @ForAll("notices") String notice,
      @ForAll int at) {
    String text = insert(notice, "，" + disguise(ask, seed) + "，", at);
    assertFalse(AntiFraudPolicy.checkOutgoing(text).allowed(), text);
    assertTrue(
        AntiFraudPolicy.fraudSigns(text).stream()
            .anyMatch(v -> v.rule().equals(AntiFraudPolicy.SENSITIVE_RULE)),
        text);
  }

  @Property
  void an_ordinary_notice_naming_any_outlet_is_sent(@ForAll("outlets") String outlet) {
    String text = SIGNATURE + "您的社保卡已到达" + outlet + "，请本人携带身份证件领取。";
    assertTrue(AntiFraudPolicy.checkOutgoing(text).allowed(), text);
  }

  @Property
  void any_text_gets_a_verdict_and_a_blocked_one_says_why(@ForAll String text) {
    AntiFraudPolicy.Verdict verdict = AntiFraudPolicy.checkOutgoing(text);
    assertTrue(verdict.allowed() == (verdict.reason() == null));
  }

  @Provide
  Arbitrary<String> notices() {
    return Arbitraries.of(NOTICES);
  }

  @Provide
  Arbitrary<String> outlets() {
    Arbitrary<String> district = Arbitraries.of("东城", "西城", "朝阳", "海淀", "丰台", "石景山", "通州", "昌平");
    Arbitrary<String> bank = Arbitraries.of("工商银行", "北京银行", "农业银行", "建设银行", "邮储银行");
    Arbitrary<String> kind = Arbitraries.of("支行", "营业部", "分理处", "社保服务中心");
    Arbitrary<String> street =
        Arbitraries.strings().withChars("中关村大街东西南北安定门外望京花园").ofMinLength(0).ofMaxLength(6);
    return Combinators.combine(bank, district, street, kind).as((b, d, s, k) -> b + d + s + k);
  }
}
