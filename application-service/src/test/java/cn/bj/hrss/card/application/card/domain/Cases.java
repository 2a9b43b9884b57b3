package cn.bj.hrss.card.application.card.domain;

import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Generated cases for the property tests of this package (plain JUnit, as in notification-service):
 * case {@code i} is drawn from {@code new Random(i)} (see {@link #caseRandom}), so a failure names
 * the case that reproduces it.
 */
final class Cases {

  /** Cases generated per check (what jqwik tried by default). */
  static final int COUNT = 1000;

  /** Strings jqwik tried first, and their neighbours: empty, blank, one control or edge char. */
  static final List<String> EDGE_STRINGS =
      List.of("", " ", "\t", "\n", "\u0000", "\uFFFF", "\u3000", "0", "X", "x", "中", "\uD800");

  private Cases() {}

  /**
   * {@code new Random(i)} with its first value spent: for neighbouring seeds the first values of
   * {@link Random} are neighbours too (the first {@code nextBoolean()} of seeds 0 to 999 is always
   * true, their first {@code nextInt(4)} only 2 or 3), the following ones are not.
   */
  static Random caseRandom(int i) {
    Random random = new Random(i);
    random.nextLong();
    return random;
  }

  /** Runs the check on {@link #COUNT} cases; a failure or a crash names the case. */
  static void forEvery(Consumer<Random> check) {
    for (int i = 0; i < COUNT; i++) {
      Random random = caseRandom(i);
      run("case " + i, () -> check.accept(random));
    }
  }

  /** Runs the check on every example, with {@code caseRandom(i)} for example {@code i}. */
  static <T> void forEach(List<T> examples, BiConsumer<T, Random> check) {
    for (int i = 0; i < examples.size(); i++) {
      T example = examples.get(i);
      Random random = caseRandom(i);
      run("example " + i + " " + printed(example), () -> check.accept(example, random));
    }
  }

  /** Runs the check on every example. */
  static <T> void forEach(List<T> examples, Consumer<T> check) {
    forEach(examples, (example, random) -> check.accept(example));
  }

  private static void run(String which, Runnable check) {
    try {
      check.run();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(which + ": " + e, e);
    }
  }

  /** The example with its invisible characters written as escapes. */
  private static String printed(Object example) {
    if (!(example instanceof String text)) {
      return String.valueOf(example);
    }
    StringBuilder out = new StringBuilder("\"");
    text.chars()
        .forEach(
            c ->
                out.append(
                    c < 0x20 || c > 0x7E ? "\\u%04X".formatted(c) : String.valueOf((char) c)));
    return out.append('"').toString();
  }

  /** One of the values. */
  static <T> T any(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /**
   * Any string, as jqwik's default was: up to 255 characters (mostly short, empty now and then) of
   * the whole BMP, controls, blanks and halves of surrogate pairs included.
   */
  static String anyString(Random random) {
    int length = random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(16);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(anyChar(random));
    }
    return out.toString();
  }

  /** Any char, with digits, blanks and Han characters more often than their share. */
  static char anyChar(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> (char) (0x20 + random.nextInt(0x5F)); // printable ASCII
      case 1 -> (char) ('0' + random.nextInt(10));
      case 2 -> " \t\n\r\u0000\u000B\u3000\u2003\u00A0\u200B\uFEFF".charAt(random.nextInt(11));
      case 3 -> (char) (0x4E00 + random.nextInt(0x5200));
      default -> (char) random.nextInt(0x10000);
    };
  }

  /** {@code count} digits. */
  static String digits(Random random, int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }
}
