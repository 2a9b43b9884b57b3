package cn.bj.hrss.card.application.card.domain;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates valid GB 11643-1999 numbers, with the check character computed as ISO 7064 MOD 11-2
 * states it (weights 2^(17-i) mod 11), independently of {@link IdNumber}'s weight table.
 */
final class IdNumbers {

  private IdNumbers() {}

  /** A valid number and the birth date it carries. */
  record Generated(String value, LocalDate birthDate) {}

  static Arbitrary<Generated> valid() {
    Arbitrary<String> region = Arbitraries.integers().between(110000, 659999).map(String::valueOf);
    Arbitrary<LocalDate> birth =
        Arbitraries.longs()
            .between(0, LocalDate.of(1900, 1, 1).until(LocalDate.of(2025, 12, 31)).toTotalMonths())
            .flatMap(
                months -> {
                  LocalDate month = LocalDate.of(1900, 1, 1).plusMonths(months);
                  return Arbitraries.integers()
                      .between(1, month.lengthOfMonth())
                      .map(month::withDayOfMonth);
                });
    Arbitrary<String> sequence =
        Arbitraries.integers().between(0, 999).map(n -> "%03d".formatted(n));
    return Combinators.combine(region, birth, sequence)
        .as(
            (r, b, s) -> {
              String body =
                  r
                      + "%04d%02d%02d".formatted(b.getYear(), b.getMonthValue(), b.getDayOfMonth())
                      + s;
              return new Generated(body + iso7064(body), b);
            });
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
