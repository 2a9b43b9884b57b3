package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.contract.event.IdNumber;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates valid GB 11643-1999 numbers, with the check character computed as ISO 7064 MOD 11-2
 * states it (weights 2^(17-i) mod 11), independently of {@link IdNumber}'s weight table.
 */
final class IdNumbers {

  private static final LocalDate FIRST_BIRTH = LocalDate.of(1900, 1, 1);
  private static final LocalDate LAST_BIRTH = LocalDate.of(2025, 12, 31);

  /**
   * The boundaries: the first and last region code, birth date and sequence number, 29 February of
   * a leap year, and one number for each of the 11 check characters (0 to 9 and X).
   */
  static final List<Generated> EDGES = edges();

  private IdNumbers() {}

  /** A valid number and the birth date it carries. */
  record Generated(String value, LocalDate birthDate) {}

  /**
   * A valid number: any region code from 110000 to 659999, any birth date from 1900-01-01 to
   * 2025-12-31, any sequence number.
   */
  static Generated valid(Random random) {
    long days = FIRST_BIRTH.until(LAST_BIRTH, ChronoUnit.DAYS);
    return of(
        110000 + random.nextInt(550000),
        FIRST_BIRTH.plusDays(random.nextLong(days + 1)),
        random.nextInt(1000));
  }

  static Generated of(int region, LocalDate birth, int sequence) {
    String body =
        region
            + "%04d%02d%02d"
                .formatted(birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
            + "%03d".formatted(sequence);
    return new Generated(body + iso7064(body), birth);
  }

  private static List<Generated> edges() {
    List<Generated> edges = new ArrayList<>();
    edges.add(of(110000, FIRST_BIRTH, 0));
    edges.add(of(659999, LAST_BIRTH, 999));
    edges.add(of(110000, LAST_BIRTH, 999));
    edges.add(of(659999, FIRST_BIRTH, 0));
    edges.add(of(110105, LocalDate.of(2000, 2, 29), 1));
    edges.add(of(110105, LocalDate.of(1904, 2, 29), 500));
    for (char check : "0123456789X".toCharArray()) {
      for (int sequence = 0; ; sequence++) {
        Generated id = of(110105, LocalDate.of(1980, 6, 15), sequence);
        if (id.value().charAt(17) == check) {
          edges.add(id);
          break;
        }
      }
    }
    return List.copyOf(edges);
  }

  /** ISO 7064 MOD 11-2 over 17 digits: (12 - sum(d_i * 2^(17-i) mod 11)) mod 11, 10 written X. */
  static char iso7064(String body) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int weight = (1 << (17 - i)) % 11;
      sum += (body.charAt(i) - '0') * weight;
    }
    int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }
}
