package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.card.domain.District;
import cn.bj.hrss.card.application.card.domain.InsuredCategory;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import cn.bj.hrss.card.contract.event.IdNumber;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One row of a registry import, as read from CSV (columns {@link #CSV_HEADER}) or a JSON line with
 * the same names in camelCase. The last four columns are optional: {@code holds_old_card} and
 * {@code away_from_school} are {@code true} or {@code false} (left out or empty: the person holds
 * an old card, and is not a student away from school); {@code guardian_id_numbers} lists a minor's
 * guardians (R-BANK-4); {@code ended} says the person died or emigrated, or ({@code none}) that
 * they did not after all (S-END-1).
 *
 * @param holdsOldCard whether the person holds a first- or second-generation card (R-OLD-2)
 * @param awayFromSchool a student insured en bloc who is not at school for a special reason
 *     (R-BANK-3)
 * @param guardianIdNumbers R-BANK-4: the ID numbers of the person's guardians, separated by {@code
 *     ;} (at most {@value #MAX_GUARDIANS}); they replace the guardians an earlier import recorded
 *     for the person. {@code none} withdraws them all; left out or empty, the recorded ones stay.
 *     The guardians checked in person at an outlet are not touched by an import.
 * @param ended S-END-1: {@code DECEASED} or {@code EMIGRATED} when the person's insurance ended so;
 *     every live card of theirs is then cancelled. {@code none} clears an ending recorded before
 *     (it was wrong): the person may apply again. Left out or empty: nothing ends (and an ending
 *     recorded before stays), as for {@code guardian_id_numbers}
 */
public record RegistryRow(
    String idNumber,
    String name,
    String category,
    String districtCode,
    String organisationId,
    String pensionBankCode,
    String holdsOldCard,
    String awayFromSchool,
    String guardianIdNumbers,
    String ended) {

  public static final String CSV_HEADER =
      "id_number,name,category,district_code,organisation_id,pension_bank_code,holds_old_card,"
          + "away_from_school,guardian_id_numbers,ended";

  /** S-END-1: the values of {@code ended}: the person died, or emigrated. */
  static final java.util.Set<String> ENDINGS = java.util.Set.of("DECEASED", "EMIGRATED");

  /** R-BANK-4: at most this many guardians per person in the registry. */
  static final int MAX_GUARDIANS = 4;

  /**
   * The value of {@code guardian_id_numbers} that withdraws the person's registry guardians, and of
   * {@code ended} that clears the person's ending.
   */
  static final String NONE = "none";

  /** The six-column row of imports made before the two optional columns. */
  public RegistryRow(
      String idNumber,
      String name,
      String category,
      String districtCode,
      String organisationId,
      String pensionBankCode) {
    this(
        idNumber,
        name,
        category,
        districtCode,
        organisationId,
        pensionBankCode,
        null,
        null,
        null,
        null);
  }

  /**
   * R-BANK-4: the guardians this row records for the person, replacing the registry's earlier ones
   * (an empty list withdraws them); empty when the row leaves the column out.
   */
  public Optional<List<String>> guardians() {
    if (guardianIdNumbers == null) {
      return Optional.empty();
    }
    if (NONE.equalsIgnoreCase(guardianIdNumbers.trim())) {
      return Optional.of(List.of());
    }
    return Optional.of(
        Arrays.stream(guardianIdNumbers.split(";"))
            .map(String::trim)
            .filter(id -> !id.isEmpty())
            .distinct()
            .toList());
  }

  /** S-END-1: how the person's insurance ended ({@code DECEASED}, {@code EMIGRATED}), or null. */
  public String ending() {
    return clearsEnding() ? null : ended;
  }

  /** S-END-1: whether the row clears an ending recorded before ({@code ended} is {@code none}). */
  public boolean clearsEnding() {
    return NONE.equalsIgnoreCase(ended);
  }

  /** R-OLD-2: whether the person holds an old card (true unless the row says false). */
  public boolean holdsAnOldCard() {
    return !"false".equalsIgnoreCase(holdsOldCard);
  }

  /** R-BANK-3: whether the student is away from school (false unless the row says true). */
  public boolean studentAwayFromSchool() {
    return "true".equalsIgnoreCase(awayFromSchool);
  }

  /** A rejected row: which field, which rule, and why. */
  public record Problem(String field, String rule, String message) {}

  /** Parses a CSV line (no quoting: the fields hold no commas). */
  public static RegistryRow fromCsv(String line) {
    String[] f = Arrays.copyOf(line.split(",", -1), 10);
    return new RegistryRow(
        blankToNull(f[0]),
        blankToNull(f[1]),
        blankToNull(f[2]),
        blankToNull(f[3]),
        blankToNull(f[4]),
        blankToNull(f[5]),
        blankToNull(f[6]),
        blankToNull(f[7]),
        blankToNull(f[8]),
        blankToNull(f[9]));
  }

  /** The first thing wrong with this row, if any. */
  public Optional<Problem> problem(ReferenceData banks) {
    if (!IdNumber.isValid(idNumber)) {
      return problem("id_number", "INPUT-ID-NUMBER", "not a valid GB 11643-1999 ID number");
    }
    if (name == null || name.length() > 100) {
      return problem("name", "INPUT-MISSING", "name missing or longer than 100 characters");
    }
    InsuredCategory parsed;
    try {
      parsed = InsuredCategory.valueOf(String.valueOf(category));
    } catch (IllegalArgumentException e) {
      return problem("category", "R-ELIG-2", "unknown category '" + category + "'");
    }
    if (District.byCode(String.valueOf(districtCode)).isEmpty()) {
      return problem("district_code", "INPUT-DISTRICT", "unknown district '" + districtCode + "'");
    }
    if ((parsed == InsuredCategory.EMPLOYED_STAFF) && organisationId == null) {
      return problem("organisation_id", "R-BANK-2", "employed staff need their employer's id");
    }
    if (organisationId != null && organisationId.length() > 64) {
      return problem("organisation_id", "INPUT-MISSING", "organisation id longer than 64");
    }
    if (parsed == InsuredCategory.RETIREE && !banks.isCooperating(pensionBankCode)) {
      return problem("pension_bank_code", "R-BANK-6", "a retiree needs a cooperating pension bank");
    }
    if (!isBoolean(holdsOldCard)) {
      return problem("holds_old_card", "R-OLD-2", "holds_old_card must be true, false or empty");
    }
    if (!isBoolean(awayFromSchool)) {
      return problem(
          "away_from_school", "R-BANK-3", "away_from_school must be true, false or empty");
    }
    if (ended != null && !ENDINGS.contains(ended) && !clearsEnding()) {
      return problem("ended", "S-END-1", "ended must be DECEASED, EMIGRATED, none or empty");
    }
    return guardianProblem();
  }

  /** R-BANK-4: the guardians are valid ID numbers, not the person themself, at most four. */
  private Optional<Problem> guardianProblem() {
    List<String> guardians = guardians().orElse(List.of());
    for (String guardian : guardians) {
      if (!IdNumber.isValid(guardian)) {
        return problem(
            "guardian_id_numbers",
            "INPUT-ID-NUMBER",
            "a guardian's ID number is not a valid GB 11643-1999 ID number");
      }
      if (guardian.equals(idNumber)) {
        return problem("guardian_id_numbers", "R-BANK-4", "a person is not their own guardian");
      }
    }
    if (guardians.size() > MAX_GUARDIANS) {
      return problem(
          "guardian_id_numbers", "R-BANK-4", "at most " + MAX_GUARDIANS + " guardians per person");
    }
    return Optional.empty();
  }

  private static boolean isBoolean(String value) {
    return value == null || "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value);
  }

  private static Optional<Problem> problem(String field, String rule, String message) {
    return Optional.of(new Problem(field, rule, message));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
