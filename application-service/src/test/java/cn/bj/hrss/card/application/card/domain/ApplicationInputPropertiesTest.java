package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The format checks of an application (FACTS.md, RULES.md): whatever is typed, a well-formed person
 * passes and anything else is refused with the rule of the field at fault, never a crash.
 */
class ApplicationInputPropertiesTest {

  private static final SampleReferenceData DATA = new SampleReferenceData();
  private static final ApplicationPolicy.Caller CITIZEN =
      new ApplicationPolicy.Caller("CITIZEN", "x", "BUREAU_WEBSITE", LocalDate.of(2026, 3, 2));

  @Provide
  Arbitrary<String> mobiles() {
    Arbitrary<String> number =
        Combinators.combine(
                Arbitraries.integers().between(3, 9), Arbitraries.strings().numeric().ofLength(9))
            .as((second, rest) -> "1" + second + rest);
    return Combinators.combine(Arbitraries.of("", "+86", "0086"), number).as(String::concat);
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(s -> !s.isBlank());
  }

  @Provide
  Arbitrary<IdNumbers.Generated> validIds() {
    return IdNumbers.valid();
  }

  @Property
  void a_person_with_a_name_a_valid_id_number_and_a_mainland_mobile_passes(
      @ForAll("validIds") IdNumbers.Generated id,
      @ForAll("names") String name,
      @ForAll("mobiles") String mobile) {
    assertDoesNotThrow(
        () -> ApplicationPolicy.checkPerson("applicant", new Applicant(id.value(), name, mobile)));
  }

  @Property
  void any_mobile_that_is_not_a_mainland_mobile_is_refused_as_INPUT_MOBILE(
      @ForAll("validIds") IdNumbers.Generated id, @ForAll String mobile) {
    Assume.that(!mobile.matches("(\\+86|0086)?1[3-9][0-9]{9}"));
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () ->
                ApplicationPolicy.checkPerson(
                    "guardian", new Applicant(id.value(), "王小明", mobile)));
    assertEquals("INPUT-MOBILE", refused.ruleId());
    assertEquals("guardian.mobile", refused.field());
  }

  @Property
  void a_mobile_one_digit_too_short_or_too_long_is_refused(
      @ForAll("validIds") IdNumbers.Generated id, @ForAll("mobiles") String mobile) {
    for (String wrong : new String[] {mobile.substring(0, mobile.length() - 1), mobile + "0"}) {
      RuleViolation refused =
          assertThrows(
              RuleViolation.class,
              () ->
                  ApplicationPolicy.checkPerson(
                      "applicant", new Applicant(id.value(), "王小明", wrong)));
      assertEquals("INPUT-MOBILE", refused.ruleId());
    }
  }

  @Property
  void a_blank_or_missing_name_is_refused_before_anything_else(
      @ForAll("blanks") String name, @ForAll String idNumber, @ForAll String mobile) {
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () ->
                ApplicationPolicy.checkPerson("applicant", new Applicant(idNumber, name, mobile)));
    assertEquals("INPUT-MISSING", refused.ruleId());
  }

  @Provide
  Arbitrary<String> blanks() {
    return Arbitraries.strings().withChars(" \t\n\u3000\u2003").ofMaxLength(5).injectNull(0.2);
  }

  @Property
  void an_id_number_that_is_not_valid_is_refused_as_INPUT_ID_NUMBER(
      @ForAll String idNumber, @ForAll("mobiles") String mobile) {
    Assume.that(!IdNumber.isValid(idNumber));
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () ->
                ApplicationPolicy.checkPerson("applicant", new Applicant(idNumber, "李四", mobile)));
    assertEquals("INPUT-ID-NUMBER", refused.ruleId());
  }

  @Property
  void any_bank_code_that_is_not_a_cooperating_bank_is_refused_as_R_BANK_1(
      @ForAll String bankCode) {
    Assume.that(!DATA.codes().contains(bankCode));
    InsuredPerson person =
        new InsuredPerson("11010519491231002X", "王小明", InsuredCategory.MINOR, null, null, null);
    RuleViolation refused =
        assertThrows(
            RuleViolation.class,
            () -> ApplicationPolicy.checkBank(person, null, bankCode, CITIZEN, DATA));
    assertEquals("R-BANK-1", refused.ruleId());
  }

  @Property
  void mail_without_an_address_is_refused_as_R_PICK_3_and_with_one_it_passes(
      @ForAll("blanks") String blank, @ForAll("names") String address) {
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
}
