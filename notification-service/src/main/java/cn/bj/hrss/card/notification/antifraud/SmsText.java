package cn.bj.hrss.card.notification.antifraud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The views of an SMS text that the anti-fraud checks read, undoing the tricks that hide a link or
 * a request from a naive match: full-width and styled letters (NFKC), zero-width and other
 * invisible characters, combining marks, look-alike Cyrillic, Greek and traditional characters,
 * spacing, and the many ways of writing a dot.
 */
public final class SmsText {

  private SmsText() {}

  /** Letters that look like Latin ones, and traditional forms of the characters the rules name. */
  private static final Map<Integer, String> LOOK_ALIKES =
      Map.ofEntries(
          // Cyrillic
          Map.entry((int) 'а', "a"),
          Map.entry((int) 'в', "b"),
          Map.entry((int) 'с', "c"),
          Map.entry((int) 'ԁ', "d"),
          Map.entry((int) 'е', "e"),
          Map.entry((int) 'һ', "h"),
          Map.entry((int) 'і', "i"),
          Map.entry((int) 'ј', "j"),
          Map.entry((int) 'к', "k"),
          Map.entry((int) 'ӏ', "l"),
          Map.entry((int) 'м', "m"),
          Map.entry((int) 'н', "h"),
          Map.entry((int) 'о', "o"),
          Map.entry((int) 'р', "p"),
          Map.entry((int) 'ԛ', "q"),
          Map.entry((int) 'ѕ', "s"),
          Map.entry((int) 'т', "t"),
          Map.entry((int) 'у', "y"),
          Map.entry((int) 'ѡ', "w"),
          Map.entry((int) 'х', "x"),
          // Greek
          Map.entry((int) 'α', "a"),
          Map.entry((int) 'ε', "e"),
          Map.entry((int) 'ι', "i"),
          Map.entry((int) 'κ', "k"),
          Map.entry((int) 'ν', "v"),
          Map.entry((int) 'ο', "o"),
          Map.entry((int) 'ρ', "p"),
          Map.entry((int) 'τ', "t"),
          Map.entry((int) 'υ', "u"),
          Map.entry((int) 'χ', "x"),
          Map.entry((int) 'ω', "w"),
          // traditional characters of the words the rules look for
          Map.entry((int) '驗', "验"),
          Map.entry((int) '證', "证"),
          Map.entry((int) '碼', "码"),
          Map.entry((int) '帳', "账"),
          Map.entry((int) '賬', "账"),
          Map.entry((int) '號', "号"),
          Map.entry((int) '戶', "户"),
          Map.entry((int) '請', "请"),
          Map.entry((int) '輸', "输"),
          Map.entry((int) '鏈', "链"),
          Map.entry((int) '網', "网"),
          Map.entry((int) '點', "点"),
          Map.entry((int) '擊', "击"),
          Map.entry((int) '銀', "银"),
          Map.entry((int) '轉', "转"),
          Map.entry((int) '匯', "汇"),
          Map.entry((int) '費', "费"),
          Map.entry((int) '訊', "讯"),
          Map.entry((int) '寫', "写"),
          Map.entry((int) '覆', "复"),
          Map.entry((int) '複', "复"),
          Map.entry((int) '發', "发"),
          Map.entry((int) '囑', "嘱"),
          Map.entry((int) '掃', "扫"),
          Map.entry((int) '載', "载"),
          Map.entry((int) '覽', "览"),
          Map.entry((int) '額', "额"),
          Map.entry((int) '貼', "贴"),
          Map.entry((int) '補', "补"),
          Map.entry((int) '資', "资"),
          Map.entry((int) '訴', "诉"),
          Map.entry((int) '錄', "录"));

  /** Characters used in place of a dot in a domain name. */
  private static final String DOT_LIKES = "。｡．﹒・･·‧∙⋅•●◦丶、˙";

  /**
   * The text as the rules read it: NFKC (full-width, circled and mathematical letters become plain
   * ones), invisible characters and combining marks removed, look-alikes replaced, lower case, and
   * every kind of white space removed.
   */
  public static String compact(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .forEach(
            cp -> {
              int type = Character.getType(cp);
              if (type == Character.FORMAT
                  || type == Character.NON_SPACING_MARK
                  || type == Character.ENCLOSING_MARK
                  || type == Character.CONTROL
                  || Character.isWhitespace(cp)
                  || Character.isSpaceChar(cp)
                  || cp == 0x3164 // Hangul filler, shown as nothing
                  || cp == 0x115F
                  || cp == 0x1160) {
                return;
              }
              String lookAlike = LOOK_ALIKES.get(cp);
              if (lookAlike != null) {
                out.append(lookAlike);
              } else {
                out.appendCodePoint(cp);
              }
            });
    return Normalizer.normalize(out, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /**
   * The compact text with every dot look-alike (。．・丶 ...), "点", "dot" and bracketed dots written as
   * "." and brackets dropped: a domain name hidden as {@code bjrs。cn}, {@code bjrs点cn}, {@code bjrs
   * dot cn} or {@code bjrs[.]cn} reads here as {@code bjrs.cn}.
   */
  public static String linkView(String text) {
    String view = compact(text);
    StringBuilder out = new StringBuilder(view.length());
    view.codePoints()
        .forEach(
            cp -> {
              if (DOT_LIKES.indexOf(cp) >= 0 || cp == '点') {
                out.append('.');
              } else if ("()[]{}<>（）【】〔〕「」『』《》\"'`".indexOf(cp) < 0) {
                out.appendCodePoint(cp);
              }
            });
    return out.toString().replace("dot", ".").replace("。", ".");
  }

  /**
   * The text with its words kept apart: like {@link #compact} but every run of white space becomes
   * one space, so that short English words ("your PIN") can be matched as words.
   */
  public static String words(String text) {
    return compact(text.replaceAll("[\\s\\u00A0\\u3000]+", "\uE000")).replace('\uE000', ' ');
  }

  /** Only the ASCII letters and digits of the compact text: "h-t-t-p" and "w_w_w" show here. */
  public static String asciiOnly(String text) {
    return compact(text).replaceAll("[^a-z0-9]", "");
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
