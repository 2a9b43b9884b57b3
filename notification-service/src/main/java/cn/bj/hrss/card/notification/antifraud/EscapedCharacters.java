package cn.bj.hrss.card.notification.antifraud;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Characters written as escapes, which an attacker uses to hide a dot or a slash from a naive
 * match; {@link SmsText}'s link views read them decoded.
 */
final class EscapedCharacters {

  private EscapedCharacters() {}

  /**
   * Escaped characters: URL-encoded ({@code %2e}, {@code %E3%80%82}), HTML-encoded ({@code &#46;},
   * {@code &#x2e;}, {@code &period;}) and source escapes ({@code \\x2e}, {@code \\u002e}).
   */
  private static final Pattern ESCAPE =
      Pattern.compile(
          "((?:%[0-9a-f]{2})+)|&#x([0-9a-f]{1,6});?|&#([0-9]{1,7});?|\\\\x([0-9a-f]{2})"
              + "|\\\\u([0-9a-f]{4})|&(period|commat|sol|colon|bsol|lowbar|hyphen|dash);");

  private static final Map<String, String> ENTITIES =
      Map.of(
          "period", ".", "commat", "@", "sol", "/", "colon", ":", "bsol", "\\", "lowbar", "_",
          "hyphen", "-", "dash", "-");

  /** Escaped characters (see {@link #ESCAPE}), decoded when they are printable. */
  static String decoded(String view) {
    Matcher m = ESCAPE.matcher(view);
    StringBuilder out = new StringBuilder(view.length());
    while (m.find()) {
      String decoded;
      if (m.group(1) != null) {
        decoded = percentDecoded(m.group(1));
      } else if (m.group(6) != null) {
        decoded = ENTITIES.get(m.group(6));
      } else {
        String hex = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group(5);
        int code = hex != null ? Integer.parseInt(hex, 16) : Integer.parseInt(m.group(3));
        decoded =
            Character.isValidCodePoint(code) && code > 0x20 && !Character.isISOControl(code)
                ? Character.toString(code)
                : null;
      }
      String replacement =
          decoded == null ? m.group() : Normalizer.normalize(decoded, Normalizer.Form.NFKC);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement.toLowerCase(Locale.ROOT)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** %-encoded UTF-8 bytes as text, or null when they are not UTF-8 or not printable. */
  private static String percentDecoded(String encoded) {
    byte[] bytes = new byte[encoded.length() / 3];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(encoded.substring(3 * i + 1, 3 * i + 3), 16);
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return text.codePoints().allMatch(cp -> cp > 0x20 && !Character.isISOControl(cp))
          ? text
          : null;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
