package cn.bj.hrss.card.testsupport;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Generated cases for the services' property tests (plain JUnit): case {@code i} is drawn from
 * {@link #caseRandom caseRandom(i)}, so a failure names the case that reproduces it.
 */
public final class GeneratedCases {

  private GeneratedCases() {}

  /**
   * {@code new Random(i)} with its first value spent: for neighbouring seeds the first values of
   * {@link Random} are neighbours too (the first {@code nextBoolean()} of seeds 0 to 999 is always
   * true, their first {@code nextInt(4)} only 2 or 3), the following ones are not.
   */
  public static Random caseRandom(int i) {
    Random random = new Random(i);
    random.nextLong();
    return random;
  }

  /** Runs the check for cases 0 to {@code cases - 1}; a failure or a crash names the case. */
  public static void forEveryCase(int cases, Consumer<Random> check) {
    for (int i = 0; i < cases; i++) {
      Random random = caseRandom(i);
      try {
        check.accept(random);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("case " + i + ": " + e, e);
      }
    }
  }
}
