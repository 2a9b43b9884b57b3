package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.application.card.command.SubmitCardApplication;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.sample.SampleRegistry;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of an application, one or more tests per rule id, on both sides of every date boundary.
 * Persons come from the project's sample registry (SampleRegistry).
 */
class CardApplicationRulesTest {

  private static final String CARD = "card-1";
  private static final Applicant RETIREE = applicant(SampleRegistry.RETIREE);
  private static final Applicant RESIDENT = applicant(SampleRegistry.RESIDENT);
  private static final Applicant EMPLOYEE = applicant(SampleRegistry.EMPLOYEE);
  private static final Applicant MINOR = applicant(SampleRegistry.MINOR);
  private static final Applicant GUARDIAN = applicant(SampleRegistry.GUARDIAN);
  private static final Applicant STUDENT = applicant(SampleRegistry.STUDENT);
  private static final Collection AT_ICBC =
      new Collection(CollectionMethod.OUTLET_PICKUP, "工商银行北京朝阳门支行", null);
  private static final Collection AT_ICBC_INSTANT =
      new Collection(CollectionMethod.OUTLET_PICKUP, "工商银行北京西单支行", null);
  private static final Collection BY_MAIL = new Collection(CollectionMethod.MAIL, null, "北京市东城区1号");
  private static final Collection DOOR =
      new Collection(CollectionMethod.DOOR_TO_DOOR, null, "单位地址");

  private final AtomicReference<LocalDate> today = new AtomicReference<>();
  private final SampleReferenceData data = new SampleReferenceData();
  private FixtureConfiguration<CardAggregate> fixture;

  private static Applicant applicant(SampleRegistry.Person p) {
    return new Applicant(p.idNumber(), p.name(), p.mobile());
  }

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CardAggregate.class);
    fixture.registerInjectableResource(data);
    fixture.registerInjectableResource((BusinessClock) today::get);
  }

  /** Applies on {@code date} through {@code channel} as {@code role}/{@code actorId}. */
  private ResultValidator<CardAggregate> apply(
      String date,
      String channel,
      String role,
      String actorId,
      Applicant applicant,
      Applicant guardian,
      String bank,
      Collection collection) {
    today.set(LocalDate.parse(date));
    return fixture
        .givenNoPriorActivity()
        .when(
            new SubmitCardApplication(CARD, applicant, guardian, bank, collection),
            Map.of("actorRole", role, "actorId", actorId, "channel", channel));
  }

  private ResultValidator<CardAggregate> online(
      String date, Applicant who, String bank, Collection c) {
    return apply(date, "JINGTONG_MINI_PROGRAM", "CITIZEN", "wx-1", who, null, bank, c);
  }

  private ResultValidator<CardAggregate> byEmployer(
      String date, Applicant who, String bank, Collection c) {
    return apply(
        date, "EMPLOYER_COLLECTIVE", "EMPLOYER", SampleRegistry.EMPLOYER, who, null, bank, c);
  }

  private static void refusedBy(ResultValidator<CardAggregate> result, String rule) {
    result.expectNoEvents().expectException(Matchers.matches(new RuleViolationMatcher(rule)));
  }

  /** The event of an accepted application, dated on the business date it was decided on. */
  private CardRequested requested(Applicant who, String bank, Collection c, String category) {
    return new CardRequested(CARD, who, bank, c, category, null, today.get());
  }

  @Test
  void R_ELIG_1_a_person_not_insured_in_Beijing_is_refused() {
    Applicant stranger =
        new Applicant(SampleRegistry.id("110105", 1980, 1, 1, 999), "无名", "13811112222");
    refusedBy(online("2026-03-02", stranger, "ICBC", AT_ICBC), "R-ELIG-1");
  }

  @Test
  void R_ELIG_2_the_event_records_the_applicants_category() {
    online("2026-03-02", RESIDENT, "CMB", BY_MAIL)
        .expectEvents(requested(RESIDENT, "CMB", BY_MAIL, "URBAN_RURAL_RESIDENT"));
  }

  @Test
  void R_PHASE_1_batch_3_chaoyang_staff_refused_on_2025_04_30() {
    refusedBy(byEmployer("2025-04-30", EMPLOYEE, "ICBC", AT_ICBC), "R-PHASE-1");
  }

  @Test
  void R_PHASE_1_batch_3_chaoyang_staff_accepted_on_2025_05_01() {
    byEmployer("2025-05-01", EMPLOYEE, "ICBC", AT_ICBC)
        .expectEvents(requested(EMPLOYEE, "ICBC", AT_ICBC, "EMPLOYED_STAFF"));
  }

  @Test
  void R_PHASE_1_pilot_xicheng_staff_refused_on_2024_01_30_and_accepted_on_2024_01_31() {
    InsuredPerson xicheng =
        new InsuredPerson(
            EMPLOYEE.idNumber(),
            "李建国",
            InsuredCategory.EMPLOYED_STAFF,
            District.XICHENG,
            SampleRegistry.EMPLOYER,
            null);
    data.with(xicheng);
    refusedBy(byEmployer("2024-01-30", EMPLOYEE, "ICBC", AT_ICBC), "R-PHASE-1");
    byEmployer("2024-01-31", EMPLOYEE, "ICBC", AT_ICBC).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_PHASE_1_batch_1_economic_area_staff_refused_on_2024_10_29_accepted_on_2024_10_30() {
    data.with(
        new InsuredPerson(
            EMPLOYEE.idNumber(),
            "李建国",
            InsuredCategory.EMPLOYED_STAFF,
            District.ECONOMIC_DEVELOPMENT_AREA,
            SampleRegistry.EMPLOYER,
            null));
    refusedBy(byEmployer("2024-10-29", EMPLOYEE, "ICBC", AT_ICBC), "R-PHASE-1");
    byEmployer("2024-10-30", EMPLOYEE, "ICBC", AT_ICBC).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_PHASE_1_batch_2_haidian_staff_refused_on_2025_01_31_accepted_on_2025_02_01() {
    data.with(
        new InsuredPerson(
            EMPLOYEE.idNumber(),
            "李建国",
            InsuredCategory.EMPLOYED_STAFF,
            District.HAIDIAN,
            SampleRegistry.EMPLOYER,
            null));
    refusedBy(byEmployer("2025-01-31", EMPLOYEE, "ICBC", AT_ICBC), "R-PHASE-1");
    byEmployer("2025-02-01", EMPLOYEE, "ICBC", AT_ICBC).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_PHASE_1_batch_4_individuals_refused_on_2025_07_31_accepted_on_2025_08_01() {
    refusedBy(online("2025-07-31", RESIDENT, "CMB", BY_MAIL), "R-PHASE-1");
    online("2025-08-01", RESIDENT, "CMB", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_PHASE_1_batch_5_retirees_refused_on_2025_09_30_accepted_on_2025_10_01() {
    refusedBy(online("2025-09-30", RETIREE, "ICBC", AT_ICBC), "R-PHASE-1");
    online("2025-10-01", RETIREE, "ICBC", AT_ICBC).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_PHASE_2_staff_apply_on_their_own_online_from_2026_01_01_not_before() {
    refusedBy(online("2025-12-31", EMPLOYEE, "CMB", BY_MAIL), "R-CHAN-1");
    online("2026-01-01", EMPLOYEE, "CMB", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_CHAN_1_offline_channels_are_closed_in_the_concentrated_phase() {
    refusedBy(
        apply("2025-12-31", "BANK_OUTLET", "BANK", "ICBC", RESIDENT, null, "ICBC", AT_ICBC),
        "R-CHAN-1");
  }

  @Test
  void R_CHAN_1_community_door_to_door_help_is_for_retirees() {
    apply(
            "2025-10-01",
            "COMMUNITY_DOOR_TO_DOOR",
            "COMMUNITY",
            "c-1",
            RETIREE,
            null,
            "ICBC",
            AT_ICBC)
        .expectSuccessfulHandlerExecution();
    refusedBy(
        apply(
            "2025-10-01",
            "COMMUNITY_DOOR_TO_DOOR",
            "COMMUNITY",
            "c-1",
            RESIDENT,
            null,
            "CMB",
            BY_MAIL),
        "R-CHAN-1");
  }

  @Test
  void R_CHAN_2_offline_channels_open_on_2026_01_01() {
    apply("2026-01-01", "BANK_OUTLET", "BANK", "ICBC", RESIDENT, null, "ICBC", AT_ICBC)
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void R_CHAN_2_a_system_channel_does_not_take_applications() {
    refusedBy(
        apply(
            "2026-03-02", "CARD_FACTORY_API", "CARD_FACTORY", "f", RESIDENT, null, "ICBC", AT_ICBC),
        "R-CHAN-2");
  }

  @Test
  void R_CHAN_3_staff_of_an_employer_without_collective_application_use_the_old_channel() {
    data.with(
        new InsuredPerson(
            EMPLOYEE.idNumber(),
            "李建国",
            InsuredCategory.EMPLOYED_STAFF,
            District.CHAOYANG,
            SampleReferenceData.EMPLOYER_WITHOUT_BANKS.id(),
            null));
    refusedBy(online("2025-06-02", EMPLOYEE, "ICBC", AT_ICBC), "R-CHAN-3");
  }

  @Test
  void R_BANK_2_staff_choose_one_of_the_employers_banks() {
    refusedBy(byEmployer("2025-06-02", EMPLOYEE, "PSBC", BY_MAIL), "R-BANK-2");
    byEmployer("2025-06-02", EMPLOYEE, "CCB", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_BANK_2_an_employer_applies_only_for_its_own_staff() {
    refusedBy(
        apply(
            "2025-06-02",
            "EMPLOYER_COLLECTIVE",
            "EMPLOYER",
            "EMP-OTHER",
            EMPLOYEE,
            null,
            "ICBC",
            BY_MAIL),
        "R-BANK-2");
  }

  @Test
  void R_BANK_3_en_bloc_students_choose_one_of_the_universitys_banks() {
    refusedBy(
        apply(
            "2025-08-01",
            "UNIVERSITY_COLLECTIVE",
            "UNIVERSITY",
            SampleRegistry.UNIVERSITY,
            STUDENT,
            null,
            "ICBC",
            BY_MAIL),
        "R-BANK-3");
    apply(
            "2025-08-01",
            "UNIVERSITY_COLLECTIVE",
            "UNIVERSITY",
            SampleRegistry.UNIVERSITY,
            STUDENT,
            null,
            "PSBC",
            BY_MAIL)
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void R_BANK_3_a_student_insured_through_the_university_chooses_its_banks_even_online() {
    refusedBy(online("2025-08-01", STUDENT, "CMB", BY_MAIL), "R-BANK-3");
    online("2025-08-01", STUDENT, "BOC", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_BANK_3_a_self_insured_student_chooses_any_bank() {
    Applicant selfInsured =
        new Applicant(SampleRegistry.id("110108", 2004, 5, 6, 8), "孙自保", "13512340000");
    data.with(
        new InsuredPerson(
            selfInsured.idNumber(),
            "孙自保",
            InsuredCategory.COLLEGE_STUDENT,
            District.HAIDIAN,
            null,
            null));
    online("2025-08-01", selfInsured, "CMB", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_BANK_3_a_student_not_at_school_for_a_special_reason_chooses_any_bank() {
    data.with(
        new InsuredPerson(
            STUDENT.idNumber(),
            STUDENT.name(),
            InsuredCategory.COLLEGE_STUDENT,
            District.HAIDIAN,
            SampleRegistry.UNIVERSITY,
            null,
            true,
            true));
    online("2025-08-01", STUDENT, "CMB", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_BANK_4_a_minor_needs_a_guardian_applying() {
    refusedBy(online("2025-08-01", MINOR, "CMB", BY_MAIL), "R-BANK-4");
    apply(
            "2025-08-01",
            "JINGTONG_MINI_PROGRAM",
            "GUARDIAN",
            "wx-2",
            MINOR,
            GUARDIAN,
            "CMB",
            BY_MAIL)
        .expectEvents(
            new CardRequested(
                CARD, MINOR, "CMB", BY_MAIL, "MINOR", GUARDIAN, LocalDate.parse("2025-08-01")));
  }

  @Test
  void R_BANK_4_age_is_counted_on_the_application_date_from_the_id_number() {
    Applicant turning18 =
        new Applicant(SampleRegistry.id("110108", 2008, 3, 8, 7), "赵十八", "13512345678");
    data.with(
        new InsuredPerson(
            turning18.idNumber(), "赵十八", InsuredCategory.MINOR, District.HAIDIAN, null, null));
    refusedBy(online("2026-03-07", turning18, "CMB", BY_MAIL), "R-BANK-4");
    online("2026-03-08", turning18, "CMB", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_BANK_4_a_guardian_whose_relation_is_not_recorded_is_refused() {
    refusedBy(
        apply(
            "2025-08-01",
            "JINGTONG_MINI_PROGRAM",
            "GUARDIAN",
            "wx-3",
            MINOR,
            RESIDENT,
            "CMB",
            BY_MAIL),
        "R-BANK-4");
  }

  @Test
  void R_BANK_4_nobody_applies_as_guardian_for_an_adult() {
    refusedBy(
        apply(
            "2025-08-01",
            "JINGTONG_MINI_PROGRAM",
            "GUARDIAN",
            "wx-2",
            RESIDENT,
            GUARDIAN,
            "CMB",
            BY_MAIL),
        "R-BANK-4");
    refusedBy(
        apply("2026-03-02", "BANK_OUTLET", "BANK", "ICBC", RESIDENT, GUARDIAN, "ICBC", AT_ICBC),
        "R-BANK-4");
  }

  @Test
  void R_BANK_4_a_recorded_guardian_applies_in_person_at_an_offline_outlet_from_2026_01_01() {
    apply("2026-03-02", "BANK_OUTLET", "BANK", "ICBC", MINOR, GUARDIAN, "ICBC", AT_ICBC)
        .expectEvents(
            new CardRequested(
                CARD, MINOR, "ICBC", AT_ICBC, "MINOR", GUARDIAN, LocalDate.parse("2026-03-02")));
    apply(
            "2026-03-02",
            "DISTRICT_STREET_OUTLET",
            "OPERATOR",
            "o-1",
            MINOR,
            GUARDIAN,
            "BOB",
            BY_MAIL)
        .expectSuccessfulHandlerExecution();
    refusedBy(
        apply("2026-03-02", "BANK_OUTLET", "BANK", "ICBC", MINOR, RESIDENT, "ICBC", AT_ICBC),
        "R-BANK-4");
    // Online, only the guardian's own account applies (recorded as GUARDIAN).
    refusedBy(
        apply(
            "2026-03-02",
            "JINGTONG_MINI_PROGRAM",
            "CITIZEN",
            "wx-1",
            MINOR,
            GUARDIAN,
            "CMB",
            BY_MAIL),
        "R-BANK-4");
  }

  @Test
  void R_ELIG_1_the_applicants_name_is_the_registrys() {
    Applicant misnamed = new Applicant(RESIDENT.idNumber(), "陈小蓝", RESIDENT.mobile());
    refusedBy(online("2026-03-02", misnamed, "CMB", BY_MAIL), "R-ELIG-1");
    Applicant fullWidthSpaced = new Applicant(RESIDENT.idNumber(), "陈　小红 ", RESIDENT.mobile());
    online("2026-03-02", fullWidthSpaced, "CMB", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_BANK_5_other_individuals_choose_any_cooperating_bank() {
    online("2025-08-01", RESIDENT, "SPDB", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_BANK_6_a_retirees_first_bank_is_the_pension_bank() {
    refusedBy(online("2025-10-01", RETIREE, "CCB", BY_MAIL), "R-BANK-6");
    online("2025-10-01", RETIREE, "ICBC", BY_MAIL).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_PICK_2_pickup_is_at_an_outlet_of_the_issuing_bank() {
    Collection atPostalBank = new Collection(CollectionMethod.OUTLET_PICKUP, "邮储银行北京海淀支行", null);
    refusedBy(online("2026-03-02", RESIDENT, "ICBC", atPostalBank), "R-PICK-2");
  }

  @Test
  void R_PICK_3_mail_needs_an_address() {
    refusedBy(
        online("2026-03-02", RESIDENT, "ICBC", new Collection(CollectionMethod.MAIL, null, " ")),
        "R-PICK-3");
  }

  @Test
  void R_PICK_4_door_to_door_delivery_is_for_employers_that_asked_for_it() {
    refusedBy(online("2026-03-02", RESIDENT, "ICBC", DOOR), "R-PICK-4");
    byEmployer("2025-06-02", EMPLOYEE, "ICBC", DOOR).expectSuccessfulHandlerExecution();
  }

  @Test
  void R_PICK_5_outlet_applications_choose_pickup_or_mail() {
    refusedBy(
        apply(
            "2026-03-02",
            "DISTRICT_STREET_OUTLET",
            "OPERATOR",
            "o-1",
            RESIDENT,
            null,
            "ICBC",
            DOOR),
        "R-PICK-5");
    apply(
            "2026-03-02",
            "DISTRICT_STREET_OUTLET",
            "OPERATOR",
            "o-1",
            RESIDENT,
            null,
            "ICBC",
            BY_MAIL)
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void R_SLA_2_an_instant_outlet_application_is_collected_on_the_spot() {
    refusedBy(
        apply("2026-03-02", "BANK_OUTLET_INSTANT", "BANK", "ICBC", RESIDENT, null, "ICBC", BY_MAIL),
        "R-SLA-2");
    apply(
            "2026-03-02",
            "BANK_OUTLET_INSTANT",
            "BANK",
            "ICBC",
            RESIDENT,
            null,
            "ICBC",
            AT_ICBC_INSTANT)
        .expectSuccessfulHandlerExecution();
  }

  /** The sample resident, whose insurance the registry says ended so ({@code ending}). */
  private void residentWhoseInsuranceEnded(String ending) {
    data.with(
        new InsuredPerson(
            RESIDENT.idNumber(),
            RESIDENT.name(),
            InsuredCategory.URBAN_RURAL_RESIDENT,
            District.byCode(SampleRegistry.RESIDENT.districtCode()).orElseThrow(),
            null,
            null,
            true,
            false,
            ending));
  }

  @Test
  void S_END_1_a_person_the_registry_says_died_or_emigrated_does_not_apply() {
    residentWhoseInsuranceEnded("DECEASED");
    refusedBy(online("2026-03-02", RESIDENT, "CMB", BY_MAIL), "S-END-1");
  }

  @Test
  void S_END_1_an_ended_person_with_a_name_not_the_registrys_learns_only_R_ELIG_1() {
    residentWhoseInsuranceEnded("EMIGRATED");
    Applicant wrongName = new Applicant(RESIDENT.idNumber(), "别人", RESIDENT.mobile());
    refusedBy(online("2026-03-02", wrongName, "CMB", BY_MAIL), "R-ELIG-1");
  }
}
