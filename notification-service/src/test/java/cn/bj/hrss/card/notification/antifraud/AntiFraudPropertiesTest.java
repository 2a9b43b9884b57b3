package cn.bj.hrss.card.notification.antifraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * R-FRAUD-1 and R-FRAUD-2 over generated texts (plain JUnit, a fixed seed per case so that a
 * failure is reproduced by its number): a link, a phone number or a request for secrets, written in
 * any of the disguises generated here and put anywhere in an otherwise ordinary notice, is never
 * sent; an ordinary notice naming any outlet, any tracking number, any date or an official number
 * is.
 */
class AntiFraudPropertiesTest {

  /** Cases generated per check (what jqwik tried by default). */
  private static final int CASES = 1000;

  private static final String SIGNATURE = "【北京人社】";
  private static final List<String> NOTICES =
      List.of("您申领的社会保障卡已制作完成，请携带有效身份证件到网点领取。", "您的社保卡已寄出，请注意查收。", "您的社保卡已到达领卡网点。", "");

  // ---- the check -----------------------------------------------------------------------------

  /**
   * Generates {@link #CASES} texts, case {@code i} from {@code caseRandom(i)}, and fails listing
   * the first texts for which {@code holds} is false.
   */
  private static void forEveryCase(
      Function<Random, String> generator, Predicate<String> holds, String what) {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      String text = generator.apply(caseRandom(i));
      if (!holds.test(text)) {
        failures.add("case " + i + ": " + text);
      }
    }
    assertEquals(
        List.of(), failures.stream().limit(10).toList(), what + " (" + failures.size() + " cases)");
  }

  private static boolean blockedFor(String rule, String text) {
    return !AntiFraudPolicy.checkOutgoing(text).allowed()
        && AntiFraudPolicy.fraudSigns(text).stream().anyMatch(v -> v.rule().equals(rule));
  }

  private static <T> T any(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String letters(Random random, int min, int max) {
    StringBuilder out = new StringBuilder();
    int length = min + random.nextInt(max - min + 1);
    for (int i = 0; i < length; i++) {
      out.append((char) ('a' + random.nextInt(26)));
    }
    return out.toString();
  }

  private static String digits(Random random, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }

  // ---- generators ----------------------------------------------------------------------------

  static String link(Random random) {
    String label = letters(random, 2, 10);
    String dot = any(random, List.of(".", "。", "．", "点", " dot ", "[.]", "(.)", "・", " . "));
    String tld = any(random, List.of("com", "cn", "net", "top", "xyz", "org", "gov.cn", "vip"));
    String host = label + dot + tld;
    String scheme =
        any(random, List.of("http://", "https://", "hxxp://", "HTTPS://", "https:\\\\"));
    String path = letters(random, 1, 3) + digits(random, 1 + random.nextInt(3));
    String ip =
        random.nextInt(256)
            + "."
            + random.nextInt(256)
            + "."
            + random.nextInt(256)
            + "."
            + random.nextInt(256);
    return switch (random.nextInt(6)) {
      case 0 -> scheme + host;
      case 1 -> scheme + ip;
      case 2 -> "www" + dot + host;
      case 3 -> host;
      case 4 -> host + "/" + path;
      default -> "t.cn/" + label + path;
    };
  }

  /**
   * A domain under a top-level domain of the Public Suffix List, IDN ones included, after a label
   * in Latin or Han letters, with more text after it when that still reads as a domain.
   */
  static String idnDomain(Random random) {
    String label = random.nextBoolean() ? letters(random, 2, 8) : any(random, HAN_LABELS);
    boolean hanTld = random.nextBoolean();
    String tld =
        hanTld
            ? any(
                random, List.of("中国", "中國", "公司", "网络", "政府", "中文网", "企业", "信息", "在线", "移动", "香港"))
            : any(random, List.of("com", "cn", "net", "shop", "рф", "みんな", "닷컴", "онлайн"));
    // After 。、 and the words 点, dot, a Han top-level domain must end the label: "社保。中国领取" is
    // accepted on purpose (see the README), so that no sentence beginning with 中国 is blocked.
    List<String> symbolDots = List.of(".", "．", "・", "🔸", "[.]", " . ", "%2e", "●");
    List<String> allDots =
        List.of(".", "．", "・", "🔸", "[.]", " . ", "%2e", "●", "。", "点", "圆点", " dot ");
    String dot = any(random, hanTld ? (random.nextBoolean() ? symbolDots : allDots) : allDots);
    boolean tail = !hanTld || symbolDots.contains(dot);
    return label + dot + tld + (tail && random.nextBoolean() ? any(random, HAN_LABELS) : "");
  }

  private static final List<String> HAN_LABELS = List.of("社保卡服务", "北京人社", "领取", "社保", "激活中心");

  /** A phone number that is not an official one, written in one of many ways. */
  static String phone(Random random) {
    String number =
        switch (random.nextInt(4)) {
          case 0 -> "1" + (3 + random.nextInt(7)) + digits(random, 9);
          case 1 -> "010" + (2 + random.nextInt(8)) + digits(random, 7);
          case 2 -> "400" + digits(random, 7);
          default -> (2 + random.nextInt(8)) + digits(random, 7);
        };
    String prefix = number.length() == 11 && random.nextInt(4) == 0 ? "+86" : "";
    String separator = any(random, List.of("", " ", "-", ".", "🔸", "\u200B", "杠", "，", " - "));
    int style = random.nextInt(7);
    StringBuilder out = new StringBuilder(prefix);
    for (int i = 0; i < number.length(); i++) {
      if (i == 3 || i == 7) {
        out.append(separator);
      }
      int d = number.charAt(i) - '0';
      out.append(
          switch (style) {
            case 1 -> String.valueOf((char) ('０' + d)); // full-width
            case 2 -> String.valueOf("零一二三四五六七八九".charAt(d));
            case 3 -> String.valueOf("〇壹贰叁肆伍陆柒捌玖".charAt(d));
            case 4 -> d == 0 ? "⓪" : String.valueOf((char) ('①' + d - 1)); // circled
            case 5 -> new String(Character.toChars(0x1D7CE + d)); // mathematical bold
            case 6 -> String.valueOf((char) ('٠' + d)); // Arabic-Indic
            default -> String.valueOf(d);
          });
    }
    String call = any(random, List.of("", "请致电", "客服电话", "如非本人操作请立即致电", "详询"));
    return call + out;
  }

  static String ask(Random random) {
    String verb = any(random, List.of("请回复", "请提供", "请输入", "请告知", "请发送", "需填写", "立即提交"));
    String secret =
        any(
            random,
            List.of(
                "密码",
                "验证码",
                "银行卡号",
                "账号",
                "身份证号",
                "交易密码",
                "短信验证码",
                "驗證碼",
                "CVV",
                "password",
                "PIN"));
    return verb + any(random, List.of("", "您的", "本人")) + secret;
  }

  /**
   * A disguise: random case, full-width letters, look-alikes (upper and lower case), spaces,
   * zero-width characters.
   */
  static String disguise(String text, Random random) {
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
        boolean upper = random.nextBoolean();
        d =
            switch (c) {
              case 'a' -> upper ? 'А' : 'а';
              case 'o' -> upper ? 'О' : 'о';
              case 'e' -> upper ? 'Е' : 'е';
              case 'p' -> upper ? 'Р' : 'р';
              case 'c' -> upper ? 'С' : 'с';
              case 'x' -> upper ? 'Х' : 'х';
              case 't' -> upper ? 'Т' : 'τ';
              case 'n' -> 'Ν';
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

  static String insert(String notice, String part, Random random) {
    int position = random.nextInt(notice.length() + 1);
    return SIGNATURE + notice.substring(0, position) + part + notice.substring(position);
  }

  static String outlet(Random random) {
    String district = any(random, List.of("东城", "西城", "朝阳", "海淀", "丰台", "石景山", "通州", "昌平"));
    String bank = any(random, List.of("工商银行", "北京银行", "农业银行", "建设银行", "邮储银行", "中国银行", "中信银行"));
    String kind = any(random, List.of("支行", "营业部", "分理处", "社保服务中心"));
    StringBuilder street = new StringBuilder();
    String streetChars = "中关村大街东西南北安定门外望京花园";
    for (int i = random.nextInt(7); i > 0; i--) {
      street.append(streetChars.charAt(random.nextInt(streetChars.length())));
    }
    String name = bank + district + street + kind;
    if (random.nextBoolean()) {
      return name;
    }
    // with its address, as the outlet table gives it: house, building and room numbers
    return name
        + "（北京市"
        + district
        + "区"
        + street
        + "路"
        + (1 + random.nextInt(300))
        + "号"
        + (random.nextBoolean()
            ? (1 + random.nextInt(20)) + "号楼" + (101 + random.nextInt(900)) + "室"
            : "")
        + "）";
  }

  // ---- checks --------------------------------------------------------------------------------

  @Test
  void a_text_with_a_link_is_never_sent_whatever_the_disguise() {
    forEveryCase(
        r -> insert(any(r, NOTICES), disguise(link(r), r), r),
        text -> blockedFor(AntiFraudPolicy.LINK_RULE, text),
        "a link went through");
  }

  @Test
  void a_text_with_a_domain_under_any_top_level_domain_is_never_sent() {
    forEveryCase(
        r -> SIGNATURE + "社保卡激活请访问" + idnDomain(r),
        text -> blockedFor(AntiFraudPolicy.LINK_RULE, text),
        "a domain went through");
  }

  @Test
  void a_text_with_a_phone_number_that_is_not_official_is_never_sent_however_written() {
    forEveryCase(
        r -> insert(any(r, NOTICES), "，" + phone(r) + "，", r),
        text -> blockedFor(AntiFraudPolicy.LINK_RULE, text),
        "a phone number went through");
  }

  @Test
  void a_text_asking_for_a_password_account_or_code_is_never_sent() {
    forEveryCase(
        r -> insert(any(r, NOTICES), "，" + disguise(ask(r), r) + "，", r),
        text -> blockedFor(AntiFraudPolicy.SENSITIVE_RULE, text),
        "a request went through");
  }

  @Test
  void an_ordinary_notice_naming_any_outlet_is_sent() {
    forEveryCase(
        r -> SIGNATURE + "您的社保卡已到达" + outlet(r) + "，请本人携带身份证件领取。",
        text -> AntiFraudPolicy.checkOutgoing(text).allowed(),
        "an ordinary notice was blocked");
  }

  @Test
  void a_mailed_notice_with_any_tracking_number_of_the_suite_and_any_due_date_is_sent() {
    forEveryCase(
        r ->
            r.nextBoolean()
                ? SIGNATURE
                    + "您的社会保障卡已交邮寄送，快递单号"
                    + any(r, List.of("SIM", "EMS", "SF"))
                    + digits(r, 10 + r.nextInt(4))
                    + "，请注意查收。"
                : SIGNATURE
                    + "您的第三代社会保障卡应于"
                    + (2024 + r.nextInt(3))
                    + "年"
                    + (1 + r.nextInt(12))
                    + "月"
                    + (1 + r.nextInt(31))
                    + "日前制作完成，目前已超期，我们正在督促加快制作，完成后将短信通知您。",
        text -> AntiFraudPolicy.checkOutgoing(text).allowed(),
        "a catalogue message was blocked");
  }

  @Test
  void an_official_number_passes_in_the_messages_that_may_carry_it() {
    List<OfficialNumbers.OfficialNumber> all = OfficialNumbers.all();
    forEveryCase(
        r -> {
          OfficialNumbers.OfficialNumber official = any(r, all);
          String signer =
              official.signature().equals(OfficialNumbers.ANY_SIGNATURE)
                  ? any(r, List.of("北京人社", "工商银行", "北京农商银行"))
                  : official.signature();
          String number =
              String.join(any(r, List.of("", " ", "-")), official.number().split("(?<=\\G.{3})"));
          return "【" + signer + "】您的第三代社会保障卡已制作完成，如有疑问请致电" + number + "。";
        },
        text -> AntiFraudPolicy.checkOutgoing(text).allowed(),
        "an official number was blocked");
  }

  @Test
  void any_text_gets_a_verdict_and_a_blocked_one_says_why() {
    forEveryCase(
        AntiFraudPropertiesTest::anyText,
        text -> {
          AntiFraudPolicy.Verdict verdict = AntiFraudPolicy.checkOutgoing(text);
          return verdict.allowed() == (verdict.reason() == null);
        },
        "a verdict without its reason");
  }

  /** Any characters: ASCII, CJK, full-width, symbols, emoji, invisible ones, lone surrogates. */
  static String anyText(Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = random.nextInt(80); i > 0; i--) {
      int cp =
          switch (random.nextInt(6)) {
            case 0 -> 0x20 + random.nextInt(0x5F);
            case 1 -> 0x4E00 + random.nextInt(0x5000);
            case 2 -> 0xFF01 + random.nextInt(0x5E);
            case 3 -> 0x1F300 + random.nextInt(0x300);
            case 4 ->
                List.of(0x200B, 0x202E, 0xFEFF, 0x3002, 0x3001, 0x2E, 0xD800, 0x0301)
                    .get(random.nextInt(8));
            default -> random.nextInt(0x10000);
          };
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  @Test
  void the_generators_make_different_texts() {
    // a generator that always gave the same text would make the checks above hollow
    for (Function<Random, String> generator :
        List.<Function<Random, String>>of(
            AntiFraudPropertiesTest::link,
            AntiFraudPropertiesTest::idnDomain,
            AntiFraudPropertiesTest::phone,
            AntiFraudPropertiesTest::ask,
            AntiFraudPropertiesTest::outlet,
            AntiFraudPropertiesTest::anyText)) {
      long distinct =
          java.util.stream.IntStream.range(0, 200)
              .mapToObj(i -> generator.apply(caseRandom(i)))
              .distinct()
              .count();
      assertTrue(distinct > 20, "only " + distinct + " distinct texts");
    }
  }

  /**
   * Case {@code seed}'s generator. The first value of {@code new Random(seed)} barely changes for
   * small seeds (its first {@code nextBoolean()} is true for every seed below 1000), so it is drawn
   * and discarded: each case still comes from its number alone.
   */
  static Random caseRandom(long seed) {
    Random random = new Random(seed);
    random.nextLong();
    return random;
  }
}
