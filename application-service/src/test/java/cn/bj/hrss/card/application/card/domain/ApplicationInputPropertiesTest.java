package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.IdNumber;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The format checks of an application (FACTS.md, RULES.md): whatever is typed, a well-formed person
 * passes and anything else is refused with the rule of the field at fault, never a crash. {@link
 * Cases#COUNT} generated cases per check (case {@code i} from {@code new Random(i)}); the blank
 * values are all checked, and the boundaries are examples.
 */
class ApplicationInputPropertiesTest {

  private static final SampleReferenceData DATA = new SampleReferenceData();
  private static final ApplicationPolicy.Caller CITIZEN =
      new ApplicationPolicy.Caller("CITIZEN", "x", "BUREAU_WEBSITE", LocalDate.of(2026, 3, 2));
  private static final List<String> PREFIXES = List.of("", "+86", "0086");
  private static final String MAINLAND_MOBILE = "(\\+86|0086)?1[3-9][0-9]{9}";

  /** Every blank value: null, and every string of 0 to 5 of space, tab, newline, U+3000, U+2003. */
  static final List<String> BLANKS = blanks();

  private static List<String> blanks() {
    List<String> blanks = new ArrayList<>(Arrays.asList(null, ""));
    List<String> shorter = List.of("");
    for (int length = 1; length <= 5; length++) {
      List<String> longer = new ArrayList<>();
      for (String blank : shorter) {
        for (char c : " \t\n\u3000\u2003".toCharArray()) {
          longer.add(blank + c);
        }
      }
      blanks.addAll(longer);
      shorter = longer;
    }
    return blanks;
  }

  /** A mainland mobile, with or without +86 or 0086. */
  static String mobile(Random random) {
    return Cases.any(random, PREFIXES) + "1" + (3 + random.nextInt(7)) + Cases.digits(random, 9);
  }

  /** The boundaries: every prefix with every second digit, all zeros or all nines after it. */
  static List<String> edgeMobiles() {
    List<String> mobiles = new ArrayList<>();
    for (String prefix : PREFIXES) {
      for (int second = 3; second <= 9; second++) {
        mobiles.add(prefix + "1" + second + "000000000");
        mobiles.add(prefix + "1" + second + "999999999");
      }
    }
    return mobiles;
  }

  /** Any name of 1 to 30 characters that is not blank. */
  static String name(Random random) {
    while (true) {
      StringBuilder name = new StringBuilder();
      for (int i = 1 + random.nextInt(30); i > 0; i--) {
        name.append(Cases.anyChar(random));
      }
      if (!name.toString().isBlank()) {
        return name.toString();
      }
    }
  }

  static final List<String> EDGE_NAMES =
      List.of("王", "x", "\u0000", " 李 ", "王".repeat(30), "x".repeat(30), "\t\u3000李");

  @Test
  void a_person_with_a_name_a_valid_id_number_and_a_mainland_mobile_passes() {
    Cases.forEvery(random -> passes(IdNumbers.valid(random), name(random), mobile(random)));
  }

  @Test
  void any_mobile_that_is_not_a_mainland_mobile_is_refused_as_INPUT_MOBILE() {
    Cases.forEvery(
        random -> {
          String mobile;
          do {
            mobile = random.nextBoolean() ? Cases.anyString(random) : almostAMobile(random);
          } while (mobile.matches(MAINLAND_MOBILE));
          mobileRefused(IdNumbers.valid(random), mobile);
        });
  }

  @Test
  void a_mobile_one_digit_too_short_or_too_long_is_refused() {
    Cases.forEvery(random -> oneDigitOffRefused(IdNumbers.valid(random), mobile(random)));
  }

  @Test
  void a_blank_or_missing_name_is_refused_before_anything_else() {
    // every blank, with any ID number and any mobile
    Cases.forEach(
        BLANKS,
        (name, random) -> blankNameRefused(name, Cases.anyString(random), Cases.anyString(random)));
  }

  @Test
  void an_id_number_that_is_not_valid_is_refused_as_INPUT_ID_NUMBER() {
    Cases.forEvery(
        random -> {
          String idNumber;
          do {
            idNumber = random.nextBoolean() ? Cases.anyString(random) : almostAnId(random);
          } while (IdNumber.isValid(idNumber));
          idNumberRefused(idNumber, mobile(random));
        });
  }

  @Test
  void any_bank_code_that_is_not_a_cooperating_bank_is_refused_as_R_BANK_1() {
    List<String> codes = DATA.codes().stream().sorted().toList();
    Cases.forEvery(
        random -> {
          String bankCode;
          do {
            bankCode = random.nextBoolean() ? Cases.anyString(random) : almostABank(random, codes);
          } while (DATA.codes().contains(bankCode));
          bankRefused(bankCode);
        });
  }

  @Test
  void mail_without_an_address_is_refused_as_R_PICK_3_and_with_one_it_passes() {
    // every blank, with any address
    Cases.forEach(BLANKS, (blank, random) -> mailNeedsAnAddress(blank, name(random)));
  }

  /** The boundaries jqwik tried first (empty, blank, one character, the ends of each range). */
  @Test
  void the_boundary_values_are_answered_like_any_other() {
    for (IdNumbers.Generated id : IdNumbers.EDGES) {
      for (String name : EDGE_NAMES) {
        Cases.forEach(edgeMobiles(), mobile -> passes(id, name, mobile));
      }
      Cases.forEach(edgeMobiles(), mobile -> oneDigitOffRefused(id, mobile));
      Cases.forEach(
          List.of("", " ", "1", "+86", "0086", "12000000000", "1300000000", "130000000000"),
          mobile -> mobileRefused(id, mobile));
    }
    List<String> notIds = new ArrayList<>(Cases.EDGE_STRINGS);
    notIds.addAll(
        List.of("11010519491231002x", "110105194912310021", "110105190002290019", "1".repeat(18)));
    Cases.forEach(notIds, idNumber -> idNumberRefused(idNumber, "13800138000"));
    List<String> notBanks = new ArrayList<>(Cases.EDGE_STRINGS);
    notBanks.addAll(Arrays.asList(null, "icbc", " ICBC", "ICBC ", "ICB", "ICBCX"));
    Cases.forEach(notBanks, ApplicationInputPropertiesTest::bankRefused);
    Cases.forEach(EDGE_NAMES, address -> mailNeedsAnAddress(null, address));
  }

  // ---- the checks --------------------------------------------------------------------------

  private static void passes(IdNumbers.Generated id, String name, String mobile) {
    assertDoesNotThrow(
        () -> ApplicationPolicy.checkPerson("applicant", new Applicant(id.value(), name, mobile)));
  }

  private static void mobileRefused(IdNumbers.Generated id, String mobile) {
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () ->
                ApplicationPolicy.checkPerson("guardian", new Applicant(id.value(), "王小明", mobile)),
            mobile);
    assertEquals("INPUT-MOBILE", refused.ruleId());
    assertEquals("guardian.mobile", refused.field());
  }

  private static void oneDigitOffRefused(IdNumbers.Generated id, String mobile) {
    for (String wrong : new String[] {mobile.substring(0, mobile.length() - 1), mobile + "0"}) {
      RuleViolation refused =
          assertThrows(
              RuleViolation.class,
              () ->
                  ApplicationPolicy.checkPerson(
                      "applicant", new Applicant(id.value(), "王小明", wrong)),
              wrong);
      assertEquals("INPUT-MOBILE", refused.ruleId());
    }
  }

  private static void blankNameRefused(String name, String idNumber, String mobile) {
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () ->
                ApplicationPolicy.checkPerson("applicant", new Applicant(idNumber, name, mobile)));
    assertEquals("INPUT-MISSING", refused.ruleId());
  }

  private static void idNumberRefused(String idNumber, String mobile) {
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () -> ApplicationPolicy.checkPerson("applicant", new Applicant(idNumber, "李四", mobile)),
            idNumber);
    assertEquals("INPUT-ID-NUMBER", refused.ruleId());
  }

  private static void bankRefused(String bankCode) {
    InsuredPerson person =
        new InsuredPerson("11010519491231002X", "王小明", InsuredCategory.MINOR, null, null, null);
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () -> ApplicationPolicy.checkBank(person, null, bankCode, CITIZEN, DATA),
            bankCode);
    assertEquals("R-BANK-1", refused.ruleId());
  }

  private static void mailNeedsAnAddress(String blank, String address) {
    ApplicationPolicy.Request noAddress =
        new ApplicationPolicy.Request(
            null, null, "ICBC", new Collection(CollectionMethod.MAIL, null, blank));
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () -> ApplicationPolicy.checkCollection(noAddress, null, CITIZEN, DATA));
    assertEquals("R-PICK-3", refused.ruleId());
    ApplicationPolicy.Request withAddress =
        new ApplicationPolicy.Request(
            null, null, "ICBC", new Collection(CollectionMethod.MAIL, null, address));
    assertDoesNotThrow(() -> ApplicationPolicy.checkCollection(withAddress, null, CITIZEN, DATA));
  }

  // ---- near misses -------------------------------------------------------------------------

  /**
   * A mainland mobile with one change: a second digit of 0, 1 or 2, a character replaced by another
   * digit or by any char, removed or added, or a wrong prefix.
   */
  private static String almostAMobile(Random random) {
    StringBuilder mobile = new StringBuilder(mobile(random));
    int at = random.nextInt(mobile.length());
    switch (random.nextInt(6)) {
      case 5 -> mobile.setCharAt(mobile.length() - 10, (char) ('0' + random.nextInt(3)));
      case 0 -> mobile.setCharAt(at, (char) ('0' + random.nextInt(10)));
      case 1 -> mobile.setCharAt(at, Cases.anyChar(random));
      case 2 -> mobile.deleteCharAt(at);
      case 3 -> mobile.insert(at, Cases.anyChar(random));
      default ->
          mobile.insert(0, Cases.any(random, List.of("+85", "086", "+0086", "86", "+86+86", " ")));
    }
    return mobile.toString();
  }

  /** A valid ID number with one change: a char replaced, removed, added, or x for X. */
  private static String almostAnId(Random random) {
    StringBuilder id = new StringBuilder(IdNumbers.valid(random).value());
    int at = random.nextInt(id.length());
    switch (random.nextInt(4)) {
      case 0 -> id.setCharAt(at, random.nextBoolean() ? Cases.anyChar(random) : 'X');
      case 1 -> id.deleteCharAt(at);
      case 2 -> id.insert(at, (char) ('0' + random.nextInt(10)));
      default -> id.setCharAt(17, 'x');
    }
    return id.toString();
  }

  /** A cooperating bank's code in lower case, cut, lengthened or with a space. */
  private static String almostABank(Random random, List<String> codes) {
    String code = Cases.any(random, codes);
    return switch (random.nextInt(4)) {
      case 0 -> code.toLowerCase();
      case 1 -> code.substring(0, random.nextInt(code.length()));
      case 2 -> code + Cases.anyChar(random);
      default -> random.nextBoolean() ? " " + code : code + " ";
    };
  }
}
