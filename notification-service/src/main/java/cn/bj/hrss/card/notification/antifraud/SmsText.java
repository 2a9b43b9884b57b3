package cn.bj.hrss.card.notification.antifraud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The views of an SMS text that the anti-fraud checks read, undoing the tricks that hide a link, a
 * phone number or a request from a naive match: full-width and styled letters (NFKC), case,
 * zero-width and other invisible characters, combining marks, look-alike Cyrillic, Greek, Armenian
 * and traditional characters (folded after case folding), spacing, the many ways of writing a dot,
 * and the many ways of writing a digit. The look-alike tables are {@link LookAlikes}, the decoding
 * of escaped characters {@link EscapedCharacters}.
 */
public final class SmsText {

  private SmsText() {}

  /** Characters used in place of a dot in a domain name. */
  private static final String DOT_LIKES = "。｡．﹒・･·‧∙⋅•●◦丶、˙‥⁘⁙⸱⸳꘎";

  /** Brackets dropped from the link view: {@code bjrs(.)cn}, {@code bjrs[.]cn}. */
  private static final String BRACKETS = "()[]{}<>（）【】〔〕「」『』《》\"'`";

  /** Words written instead of a dot: {@code bjrs圆点cn}, {@code bjrs dot cn}, {@code bjrs句号cn}. */
  private static final Pattern DOT_WORDS = Pattern.compile("圆点|句点|句号|小数点|点儿|点|dot|dian");

  /** Words written instead of "@": {@code kefu艾特bjrs}, {@code kefu(at)bjrs}. */
  private static final Pattern AT_WORDS = Pattern.compile("艾特|[(\\[{]at[)\\]}]");

  /** Han and financial numerals, and the words read out for digits on the phone (幺, 洞, 拐, 勾). */
  private static final Map<Integer, Character> NUMERALS = numerals();

  private static Map<Integer, Character> numerals() {
    Map<Integer, Character> map = new HashMap<>();
    String[] digits = {"零〇○洞", "一壹幺", "二贰貳", "三叁參叄", "四肆", "五伍", "六陆陸", "七柒拐", "八捌", "九玖勾"};
    for (int d = 0; d < digits.length; d++) {
      char digit = (char) ('0' + d);
      digits[d].codePoints().forEach(cp -> map.put(cp, digit));
    }
    return Map.copyOf(map);
  }

  /** Digits spelled out in English, read as digits when at least three follow each other. */
  private static final Pattern ENGLISH_DIGITS =
      Pattern.compile("(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|oh)-?){3,}");

  private static final Pattern ENGLISH_DIGIT =
      Pattern.compile("zero|one|two|three|four|five|six|seven|eight|nine|oh");

  private static final List<String> ENGLISH_DIGIT_WORDS =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

  /**
   * Han characters written between the digit groups of a phone number (杠 "dash", 转 "extension").
   */
  private static final String NUMBER_SEPARATOR_WORDS = "杠横减点转";

  /**
   * The text as the stored fingerprints and keyed hashes read it: NFKC, invisible characters and
   * combining marks removed, the original look-alikes replaced, lower case, white space removed.
   * Kept exactly as it was when those were first computed, so that a fingerprint (the citizen
   * check) or an address key (suspicious patterns) computed today still matches one stored earlier;
   * the policy reads {@link #fold} instead, which may grow.
   */
  public static String compact(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .forEach(
            cp -> {
              if (invisible(cp)) {
                return;
              }
              String lookAlike = LookAlikes.ORIGINAL.get(cp);
              if (lookAlike != null) {
                out.append(lookAlike);
              } else {
                out.appendCodePoint(cp);
              }
            });
    return Normalizer.normalize(out, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /**
   * The text as the anti-fraud rules read it: NFKC (full-width, circled and mathematical letters
   * become plain ones) and lower case first, then invisible characters, combining marks and white
   * space removed, look-alikes replaced and every decimal digit (Arabic-Indic, Devanagari ...)
   * written 0-9.
   */
  public static String fold(String text) {
    return fold(text, true, false);
  }

  private static String fold(String text, boolean lookAlikes, boolean keepSpaces) {
    String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .forEach(
            cp -> {
              if (keepSpaces && (Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                  out.append(' ');
                }
                return;
              }
              if (invisible(cp)) {
                return;
              }
              String lookAlike = lookAlikes ? LookAlikes.FOLDED.get(cp) : null;
              if (lookAlike != null) {
                out.append(lookAlike);
              } else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + Character.digit(cp, 10)));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return Normalizer.normalize(out, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private static boolean invisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.FORMAT
        || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.CONTROL
        || Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || cp == 0x3164 // Hangul filler, shown as nothing
        || cp == 0x115F
        || cp == 0x1160;
  }

  /**
   * The folded text with every way of writing a dot made a ".": the dot look-alikes (。．・丶 ...), any
   * other symbol or emoji ({@code bjrs🔸cn}), the words 点, 圆点, 句号, "dot", "dian", a comma or star
   * between Latin letters ({@code bjrs,cn}), URL- and HTML-encoded dots ({@code bjrs%2ecn}); "艾特"
   * and "(at)" become "@"; brackets are dropped. A domain name hidden as {@code bjrs。cn}, {@code
   * bjrs圆点cn} or {@code bjrs[.]cn} reads here as {@code bjrs.cn}.
   */
  public static String linkView(String text) {
    return dotted(fold(text, true, false), true);
  }

  /**
   * Like {@link #linkView} but with look-alikes left as they are, so that a top-level domain in
   * Cyrillic or Greek ({@code .рф}, {@code .онлайн}) keeps its letters.
   */
  public static String idnView(String text) {
    return dotted(fold(text, false, false), true);
  }

  /**
   * Like {@link #idnView} but with the letters' accents kept: a top-level domain such as ".онлайн"
   * has a letter (й) that the other views strip to и, which is no top-level domain any more.
   */
  public static String idnComposedView(String text) {
    String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    lower
        .codePoints()
        .filter(cp -> !invisible(cp) || Character.getType(cp) == Character.NON_SPACING_MARK)
        .forEach(out::appendCodePoint);
    return dotted(Normalizer.normalize(out, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), true);
  }

  /**
   * Like {@link #linkView} but only symbols and punctuation become dots, not the words 点, 圆点, dot,
   * and the sentence marks 。 and 、 are kept as they are: there a dot followed by a top-level domain
   * and more text ({@code 社保卡服务.中国领取}) is read as a domain, which "重点" or "网点" followed by ordinary
   * words must not be, nor a sentence that begins with 中国 or 中信.
   */
  public static String symbolDotView(String text, boolean lookAlikes) {
    return dotted(fold(text, lookAlikes, false), false);
  }

  /** Sentence marks that {@link #symbolDotView} keeps, where {@link #linkView} reads a dot. */
  public static final String SENTENCE_DOTS = "。、";

  private static String dotted(String view, boolean dotWords) {
    view = EscapedCharacters.decoded(view);
    view = AT_WORDS.matcher(view).replaceAll("@");
    StringBuilder out = new StringBuilder(view.length());
    int[] cps = view.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      if (BRACKETS.indexOf(cp) >= 0 && cp < 0x10000) {
        continue;
      }
      if (!dotWords && SENTENCE_DOTS.indexOf(cp) >= 0) {
        out.appendCodePoint(cp);
      } else if (DOT_LIKES.indexOf(cp) >= 0 && cp < 0x10000 || symbol(cp)) {
        out.append('.');
      } else if ((cp == ',' || cp == '*')
          && i > 0
          && i + 1 < cps.length
          && asciiLetterOrDigit(cps[i - 1])
          && asciiLetterOrDigit(cps[i + 1])) {
        out.append('.');
      } else {
        out.appendCodePoint(cp);
      }
    }
    String dotted = out.toString();
    return dotWords ? DOT_WORDS.matcher(dotted).replaceAll(".") : dotted;
  }

  /** Symbols and emoji, which an attacker puts where a dot belongs. */
  private static boolean symbol(int cp) {
    if (cp == '@' || cp == '/' || cp == ':' || cp == '%' || cp == '#' || cp == '&') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.OTHER_SYMBOL
        || type == Character.MATH_SYMBOL
        || type == Character.MODIFIER_SYMBOL;
  }

  /** Whether the character is a Han (CJK) character. */
  public static boolean han(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  private static boolean asciiLetterOrDigit(int cp) {
    return cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9';
  }

  /**
   * The text with its words kept apart: like {@link #fold} but every run of white space becomes one
   * space, so that short English words ("your PIN") can be matched as words.
   */
  public static String words(String text) {
    return fold(text, true, true);
  }

  /** Only the ASCII letters and digits of the folded text: "h-t-t-p" and "w_w_w" show here. */
  public static String asciiOnly(String text) {
    return fold(text).replaceAll("[^a-z0-9]", "");
  }

  /**
   * The folded text with every way of writing a digit as 0-9 and the digit groups of a number
   * joined: Han and financial numerals (零一二, 〇, 壹贰叁, 幺 ...), circled and other numeric characters
   * (❶, ➀), digits spelled in English ("one three eight"), the letter o between digits ({@code
   * O1O}); up to three separators between two digits are dropped (spaces, dashes, dots, brackets,
   * "+", emoji, 杠, 点, 转 ...), so {@code 138-1234-5678}, {@code (010)6512 3456} and {@code
   * 138🔸1234🔸5678} read as one number. A "+" right before a number is kept.
   */
  public static String numberView(String text) {
    int[] cps = numerals(fold(text)).codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == 'o' && digitBeside(cps, i) && !letterBeside(cps, i)) {
        cps[i] = '0';
      }
    }
    StringBuilder out = new StringBuilder(cps.length);
    int lastDigitEnd = -1; // length of out right after the last digit appended
    for (int cp : cps) {
      boolean digit = cp >= '0' && cp <= '9';
      if (digit && lastDigitEnd >= 0 && out.length() > lastDigitEnd) {
        String between = out.substring(lastDigitEnd);
        if (between.codePointCount(0, between.length()) <= 3
            && between.codePoints().allMatch(SmsText::numberSeparator)) {
          out.setLength(lastDigitEnd);
        }
      }
      out.appendCodePoint(cp);
      if (digit) {
        lastDigitEnd = out.length();
      }
    }
    return out.toString();
  }

  /**
   * A folded view with its numerals written as digits (Han and financial numerals, 幺 洞 拐 勾, ❶ ➀,
   * three or more digits spelled in English), nothing else changed.
   */
  public static String numerals(String view) {
    String digits = ENGLISH_DIGITS.matcher(view).replaceAll(m -> englishDigits(m.group()));
    StringBuilder out = new StringBuilder(digits.length());
    digits.codePoints().map(SmsText::numeral).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static int numeral(int cp) {
    Character digit = NUMERALS.get(cp);
    if (digit != null) {
      return digit;
    }
    if (Character.getType(cp) == Character.OTHER_NUMBER) {
      int value = Character.getNumericValue(cp);
      if (value >= 0 && value <= 9) {
        return '0' + value;
      }
    }
    return cp;
  }

  private static String englishDigits(String words) {
    Matcher m = ENGLISH_DIGIT.matcher(words);
    StringBuilder digits = new StringBuilder();
    while (m.find()) {
      digits.append(m.group().equals("oh") ? 0 : ENGLISH_DIGIT_WORDS.indexOf(m.group()));
    }
    return digits.toString();
  }

  private static boolean numberSeparator(int cp) {
    return cp != '@' && !Character.isLetterOrDigit(cp) || NUMBER_SEPARATOR_WORDS.indexOf(cp) >= 0;
  }

  private static boolean digitBeside(int[] cps, int i) {
    return i > 0 && (Character.isDigit(cps[i - 1]) || cps[i - 1] == 'o')
        || i + 1 < cps.length && (Character.isDigit(cps[i + 1]) || cps[i + 1] == 'o');
  }

  private static boolean letterBeside(int[] cps, int i) {
    return i > 0 && cps[i - 1] >= 'a' && cps[i - 1] <= 'z' && cps[i - 1] != 'o'
        || i + 1 < cps.length && cps[i + 1] >= 'a' && cps[i + 1] <= 'z' && cps[i + 1] != 'o';
  }

  /**
   * What a citizen's copy and the sent text must share to be "the same text": NFKC, invisible
   * characters and white space removed, lower case (so a copy from a phone screen still matches).
   */
  public static String fingerprint(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(compact(text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
