package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.sample.SampleRegistry;
import java.time.LocalDate;

/**
 * The insured persons of a drill, by index: valid ID numbers (900 per birthday, Chaoyang), their
 * mobiles and names, and the registry file that makes them flexible workers who may apply.
 */
final class DrillPersons {

  private final LocalDate firstBirthday;
  private final String mobilePrefix;
  private final String namePrefix;

  /**
   * @param bornIn the first birthday's year: drills that share a database use different years
   * @param mobilePrefix the first three digits of every mobile
   * @param namePrefix the Chinese name every person's name starts with
   */
  DrillPersons(int bornIn, String mobilePrefix, String namePrefix) {
    this.firstBirthday = LocalDate.of(bornIn, 1, 1);
    this.mobilePrefix = mobilePrefix;
    this.namePrefix = namePrefix;
  }

  String idNumber(int i) {
    LocalDate birthday = firstBirthday.plusDays(i / 900);
    return SampleRegistry.id(
        "110105",
        birthday.getYear(),
        birthday.getMonthValue(),
        birthday.getDayOfMonth(),
        100 + i % 900);
  }

  String mobile(int i) {
    return mobilePrefix + String.format("%08d", i);
  }

  String name(int i) {
    return namePrefix + i % 100;
  }

  /** The registry import (CSV) of persons 0 to {@code count - 1}. */
  String registryCsv(int count) {
    StringBuilder csv =
        new StringBuilder(
            "id_number,name,category,district_code,organisation_id,pension_bank_code\n");
    for (int i = 0; i < count; i++) {
      csv.append(idNumber(i)).append(',').append(name(i)).append(",FLEXIBLE_WORKER,110105,,\n");
    }
    return csv.toString();
  }
}
