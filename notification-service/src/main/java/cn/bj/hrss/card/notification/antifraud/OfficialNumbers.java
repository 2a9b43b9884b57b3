package cn.bj.hrss.card.notification.antifraud;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The phone numbers an SMS may contain, from reference data ({@code official-phone-numbers.csv}
 * beside this class): 12333 in every message, and each cooperating bank's own hotline in the
 * messages that bank signs. The one place that lists them.
 */
public final class OfficialNumbers {

  /** The signature column's value for a number every message may carry. */
  public static final String ANY_SIGNATURE = "*";

  private static final String RESOURCE = "official-phone-numbers.csv";

  /**
   * One official number.
   *
   * @param number digits only
   * @param signature the signature (【...】) of the messages that may carry it, or {@value
   *     #ANY_SIGNATURE}
   * @param bankCode the bank's code, empty for 12333
   */
  public record OfficialNumber(String number, String signature, String bankCode, String source) {}

  private static final List<OfficialNumber> ALL = load();

  private OfficialNumbers() {}

  /** Every official number, in the order of the reference data. */
  public static List<OfficialNumber> all() {
    return ALL;
  }

  /**
   * Whether {@code digits} may stand in a message signed {@code signature} (null when the text has
   * no signature: then only the numbers of every message).
   */
  public static boolean allowed(String digits, String signature) {
    for (OfficialNumber official : ALL) {
      if (official.number().equals(digits)
          && (official.signature().equals(ANY_SIGNATURE)
              || official.signature().equals(signature))) {
        return true;
      }
    }
    return false;
  }

  private static List<OfficialNumber> load() {
    try (InputStream in = OfficialNumbers.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing reference data " + RESOURCE);
      }
      List<OfficialNumber> numbers = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split(",", 4);
        if (fields.length != 4
            || !fields[0].matches("[0-9]{3,15}")
            || fields[1].isBlank()
            || fields[3].isBlank()) {
          throw new IllegalStateException(
              RESOURCE + " line " + lineNumber + ": expected number,signature,bank code,source");
        }
        numbers.add(
            new OfficialNumber(
                fields[0].strip(), fields[1].strip(), fields[2].strip(), fields[3].strip()));
      }
      return List.copyOf(numbers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
