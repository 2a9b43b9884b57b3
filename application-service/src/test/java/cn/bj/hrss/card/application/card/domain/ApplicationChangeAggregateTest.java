package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.application.card.command.ChangeApplication;
import cn.bj.hrss.card.application.card.command.ChangeMobile;
import cn.bj.hrss.card.application.card.command.ConfirmReceipt;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.command.WithdrawApplication;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.sample.SampleRegistry;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application before production, changed (S-CHANGE-1) or withdrawn (S-WITHDRAW-1); the holder's
 * new mobile number (S-MOBILE-1) and their confirmation that a mailed card arrived (S-MAIL-1). One
 * rule per test: given the card's past events, when a command, then the outcome.
 */
class ApplicationChangeAggregateTest {

  private static final String CARD = "card-1";
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  /**
   * A resident (any bank) and a retiree (the pension bank, ICBC), as the sample registry has them.
   */
  private static final Applicant CHEN = applicant(SampleRegistry.RESIDENT);

  private static final Applicant WANG = applicant(SampleRegistry.RETIREE);
  private static final Applicant LI = applicant(SampleRegistry.EMPLOYEE);

  private static final String CHAOYANGMEN = "工商银行北京朝阳门支行";
  private static final RegisteredOutlet CHAOYANGMEN_REGISTERED =
      new RegisteredOutlet(CHAOYANGMEN, "北京市东城区朝阳门北大街1号");
  private static final String HAIDIAN_PSBC = "邮储银行北京海淀支行";
  private static final Collection AT_CHAOYANGMEN =
      new Collection(CollectionMethod.OUTLET_PICKUP, CHAOYANGMEN, null);
  private static final Collection BY_MAIL =
      new Collection(CollectionMethod.MAIL, null, "北京市海淀区中关村南大街5号");

  private static final CardProduced PRODUCED = new CardProduced("A12345678");
  private static final CardDispatched MAILED =
      new CardDispatched(CollectionMethod.MAIL, "SF1234567890123", null);

  private static final Map<String, ?> HOLDER = as("CITIZEN", "wx-openid", "JINGTONG_MINI_PROGRAM");
  private static final Map<String, ?> GUARDIAN =
      as("GUARDIAN", "wx-openid-parent", "JINGTONG_MINI_PROGRAM");
  private static final Map<String, ?> OPERATOR = as("OPERATOR", "op-1", "OPERATOR_CONSOLE");
  private static final Map<String, ?> BANK = as("BANK", "ICBC", "BANK_API");
  private static final Map<String, ?> EMPLOYER =
      as("EMPLOYER", SampleRegistry.EMPLOYER, "EMPLOYER_COLLECTIVE");

  private FixtureConfiguration<CardAggregate> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CardAggregate.class);
    fixture.registerInjectableResource(new SampleReferenceData());
    fixture.registerInjectableResource((BusinessClock) () -> TODAY);
  }

  private static Applicant applicant(SampleRegistry.Person person) {
    return new Applicant(person.idNumber(), person.name(), person.mobile());
  }

  private static Map<String, ?> as(String role, String id, String channel) {
    return Map.of("actorRole", role, "actorId", id, "channel", channel);
  }

  /** The application of {@code applicant}, as the store holds it (with who applied, and how). */
  private static GenericDomainEventMessage<CardRequested> applied(
      Applicant applicant, String bank, Collection collection, Map<String, ?> by) {
    return new GenericDomainEventMessage<>(
        "CardAggregate",
        CARD,
        0,
        new CardRequested(CARD, applicant, bank, collection, "X", null, TODAY),
        MetaData.from(by));
  }

  private static GenericDomainEventMessage<CardRequested> residentByMail() {
    return applied(CHEN, "ICBC", BY_MAIL, HOLDER);
  }

  private static RuleViolationMatcher refusedBy(String ruleId) {
    return new RuleViolationMatcher(ruleId);
  }

  // ---- S-CHANGE-1 ---------------------------------------------------------------------------

  @Test
  void S_CHANGE_1_the_holder_changes_mail_to_pickup_at_a_registered_outlet_of_the_bank() {
    fixture
        .given(residentByMail())
        .when(new ChangeApplication(CARD, null, AT_CHAOYANGMEN), HOLDER)
        .expectEvents(
            new ApplicationChanged("ICBC", "ICBC", AT_CHAOYANGMEN, CHAOYANGMEN_REGISTERED));
  }

  @Test
  void S_CHANGE_1_a_new_bank_with_a_registered_outlet_of_its_own_is_the_whole_new_application() {
    Collection atPsbc = new Collection(CollectionMethod.OUTLET_PICKUP, HAIDIAN_PSBC, null);
    fixture
        .given(applied(CHEN, "ICBC", AT_CHAOYANGMEN, HOLDER))
        .when(new ChangeApplication(CARD, "PSBC", atPsbc), HOLDER)
        .expectEvents(
            new ApplicationChanged(
                "ICBC", "PSBC", atPsbc, new RegisteredOutlet(HAIDIAN_PSBC, "北京市海淀区中关村大街28号")));
  }

  @Test
  void S_CHANGE_1_a_new_bank_keeping_the_old_banks_outlet_is_refused_by_R_PICK_2() {
    fixture
        .given(applied(CHEN, "ICBC", AT_CHAOYANGMEN, HOLDER))
        .when(new ChangeApplication(CARD, "PSBC", null), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-2")));
  }

  @Test
  void S_CHANGE_1_what_is_left_out_stays_and_the_event_carries_the_whole_result() {
    Collection newAddress = new Collection(CollectionMethod.MAIL, null, "北京市朝阳区建国路1号");
    fixture
        .given(residentByMail())
        .when(new ChangeApplication(CARD, "CCB", newAddress), HOLDER)
        .expectEvents(new ApplicationChanged("ICBC", "CCB", newAddress, null));
  }

  @Test
  void S_CHANGE_1_mail_without_an_address_is_refused_by_R_PICK_3() {
    fixture
        .given(applied(CHEN, "ICBC", AT_CHAOYANGMEN, HOLDER))
        .when(
            new ChangeApplication(CARD, null, new Collection(CollectionMethod.MAIL, null, " ")),
            HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-3")));
  }

  @Test
  void S_CHANGE_1_a_retiree_keeps_the_pension_bank_until_the_card_is_received_by_R_BANK_6() {
    fixture
        .given(applied(WANG, "ICBC", BY_MAIL, HOLDER))
        .when(new ChangeApplication(CARD, "CCB", null), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-6")));
  }

  @Test
  void S_CHANGE_1_a_change_that_changes_nothing_is_refused_and_nothing_recorded() {
    fixture
        .given(residentByMail())
        .when(new ChangeApplication(CARD, "ICBC", BY_MAIL), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-CHANGE-1")));
  }

  @Test
  void S_CHANGE_1_after_a_failed_production_the_application_can_still_change() {
    fixture
        .given(residentByMail(), new CardProductionFailed("芯片写入失败"))
        .when(new ChangeApplication(CARD, null, AT_CHAOYANGMEN), OPERATOR)
        .expectEvents(
            new ApplicationChanged("ICBC", "ICBC", AT_CHAOYANGMEN, CHAOYANGMEN_REGISTERED));
  }

  @Test
  void S_CHANGE_1_a_produced_card_is_not_changed() {
    fixture
        .given(residentByMail(), PRODUCED)
        .when(new ChangeApplication(CARD, null, AT_CHAOYANGMEN), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-CHANGE-1")));
  }

  @Test
  void S_CHANGE_1_the_employer_that_applied_collectively_changes_within_its_own_banks() {
    Collection atTongzhou = new Collection(CollectionMethod.OUTLET_PICKUP, "建设银行北京通州支行", null);
    fixture
        .given(applied(LI, "ICBC", BY_MAIL, EMPLOYER))
        .when(new ChangeApplication(CARD, "CCB", atTongzhou), EMPLOYER)
        .expectEvents(
            new ApplicationChanged(
                "ICBC", "CCB", atTongzhou, new RegisteredOutlet("建设银行北京通州支行", "北京市通州区新华西街58号")));
  }

  @Test
  void S_CHANGE_1_a_collective_application_keeps_to_the_employers_banks_by_R_BANK_2() {
    fixture
        .given(applied(LI, "ICBC", BY_MAIL, EMPLOYER))
        .when(new ChangeApplication(CARD, "HXB", null), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-2")));
  }

  @Test
  void S_CHANGE_1_an_employer_does_not_change_an_application_it_did_not_make() {
    fixture
        .given(applied(LI, "ICBC", BY_MAIL, HOLDER))
        .when(new ChangeApplication(CARD, "CCB", null), EMPLOYER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("ACCESS-DENIED")));
  }

  @Test
  void S_CHANGE_1_a_bank_is_refused_as_for_a_card_that_is_not_there() {
    fixture
        .given(residentByMail())
        .when(new ChangeApplication(CARD, null, AT_CHAOYANGMEN), BANK)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("ACCESS-DENIED")));
  }

  // ---- S-WITHDRAW-1 -------------------------------------------------------------------------

  @Test
  void S_WITHDRAW_1_the_holder_withdraws_before_production() {
    fixture
        .given(residentByMail())
        .when(new WithdrawApplication(CARD), HOLDER)
        .expectEvents(new ApplicationWithdrawn(ApplicationWithdrawn.BY_APPLICANT));
  }

  @Test
  void S_WITHDRAW_1_an_operator_withdraws_after_a_failed_production() {
    fixture
        .given(residentByMail(), new CardProductionFailed("芯片写入失败"))
        .when(new WithdrawApplication(CARD), OPERATOR)
        .expectEvents(new ApplicationWithdrawn(ApplicationWithdrawn.BY_OPERATOR));
  }

  @Test
  void S_WITHDRAW_1_a_produced_card_is_not_withdrawn() {
    fixture
        .given(residentByMail(), PRODUCED)
        .when(new WithdrawApplication(CARD), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-WITHDRAW-1")));
  }

  @Test
  void S_WITHDRAW_1_a_bank_is_refused_as_for_a_card_that_is_not_there() {
    fixture
        .given(residentByMail())
        .when(new WithdrawApplication(CARD), BANK)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("ACCESS-DENIED")));
  }

  @Test
  void S_WITHDRAW_1_a_withdrawn_card_refuses_production() {
    fixture
        .given(residentByMail(), new ApplicationWithdrawn(ApplicationWithdrawn.BY_APPLICANT))
        .when(new RecordCardProduced(CARD, "A12345678"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-WITHDRAW-1")));
  }

  @Test
  void S_WITHDRAW_1_a_withdrawn_card_refuses_a_change() {
    fixture
        .given(residentByMail(), new ApplicationWithdrawn(ApplicationWithdrawn.BY_APPLICANT))
        .when(new ChangeApplication(CARD, null, AT_CHAOYANGMEN), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-WITHDRAW-1")));
  }

  @Test
  void S_WITHDRAW_1_a_withdrawn_card_is_not_withdrawn_twice() {
    fixture
        .given(residentByMail(), new ApplicationWithdrawn(ApplicationWithdrawn.BY_APPLICANT))
        .when(new WithdrawApplication(CARD), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-WITHDRAW-1")));
  }

  // ---- S-MOBILE-1 ---------------------------------------------------------------------------

  @Test
  void S_MOBILE_1_the_holder_changes_their_own_number() {
    fixture
        .given(residentByMail())
        .when(new ChangeMobile(CARD, "13911112222"), HOLDER)
        .expectEvents(new MobileNumberChanged(MobileNumberChanged.HOLDER, "13911112222"));
  }

  @Test
  void S_MOBILE_1_the_guardian_of_a_minor_changes_the_guardians_number() {
    fixture
        .given(residentByMail(), PRODUCED, MAILED)
        .when(new ChangeMobile(CARD, "+8613911112222"), GUARDIAN)
        .expectEvents(new MobileNumberChanged(MobileNumberChanged.GUARDIAN, "+8613911112222"));
  }

  @Test
  void S_MOBILE_1_a_number_that_is_not_a_mainland_mobile_is_refused_by_INPUT_MOBILE() {
    fixture
        .given(residentByMail())
        .when(new ChangeMobile(CARD, "010-12345678"), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("INPUT-MOBILE")));
  }

  @Test
  void S_MOBILE_1_the_same_number_again_is_refused() {
    fixture
        .given(residentByMail())
        .when(new ChangeMobile(CARD, CHEN.mobile()), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MOBILE-1")));
  }

  @Test
  void S_MOBILE_1_a_replaced_card_keeps_its_number() {
    fixture
        .given(residentByMail(), PRODUCED, MAILED, new CardDelivered(CollectionMethod.MAIL))
        .andGiven(new CardReplaced("card-2", "LOST"))
        .when(new ChangeMobile(CARD, "13911112222"), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MOBILE-1")));
  }

  @Test
  void S_MOBILE_1_a_withdrawn_card_keeps_its_number() {
    fixture
        .given(residentByMail(), new ApplicationWithdrawn(ApplicationWithdrawn.BY_APPLICANT))
        .when(new ChangeMobile(CARD, "13911112222"), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-WITHDRAW-1")));
  }

  @Test
  void S_MOBILE_1_an_operator_does_not_change_the_holders_number() {
    fixture
        .given(residentByMail())
        .when(new ChangeMobile(CARD, "13911112222"), OPERATOR)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("ACCESS-DENIED")));
  }

  // ---- S-MAIL-1 -----------------------------------------------------------------------------

  @Test
  void S_MAIL_1_the_holder_confirms_that_the_mailed_card_arrived() {
    fixture
        .given(residentByMail(), PRODUCED, MAILED)
        .when(new ConfirmReceipt(CARD), HOLDER)
        .expectEvents(new CardDelivered(CollectionMethod.MAIL));
  }

  @Test
  void S_MAIL_1_a_card_not_yet_mailed_is_not_confirmed() {
    fixture
        .given(residentByMail(), PRODUCED)
        .when(new ConfirmReceipt(CARD), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MAIL-1")));
  }

  @Test
  void S_MAIL_1_a_card_waiting_at_an_outlet_is_not_confirmed_as_mail() {
    fixture
        .given(
            applied(CHEN, "ICBC", AT_CHAOYANGMEN, HOLDER),
            PRODUCED,
            new CardDispatched(
                CollectionMethod.OUTLET_PICKUP, null, CHAOYANGMEN, CHAOYANGMEN_REGISTERED))
        .when(new ConfirmReceipt(CARD), GUARDIAN)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MAIL-1")));
  }

  @Test
  void S_MAIL_1_only_the_holder_or_guardian_confirms_receipt() {
    fixture
        .given(residentByMail(), PRODUCED, MAILED)
        .when(new ConfirmReceipt(CARD), BANK)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("ACCESS-DENIED")));
  }

  // ---- R-BANK-4: the guardian acts for a minor holder until the 18th birthday ------------------

  private static final Applicant MINOR = applicant(SampleRegistry.MINOR);

  /** The minor's application, made online by the recorded guardian. */
  private static GenericDomainEventMessage<CardRequested> minorsByMail() {
    return applied(MINOR, "CMB", BY_MAIL, GUARDIAN);
  }

  @Test
  void R_BANK_4_a_minor_does_not_change_their_application_with_their_own_token() {
    fixture
        .given(minorsByMail())
        .when(new ChangeApplication(CARD, "ICBC", AT_CHAOYANGMEN), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-4")));
  }

  @Test
  void R_BANK_4_a_minor_does_not_withdraw_their_application_with_their_own_token() {
    fixture
        .given(minorsByMail())
        .when(new WithdrawApplication(CARD), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-4")));
  }

  @Test
  void R_BANK_4_a_minor_does_not_change_the_mobile_number_with_their_own_token() {
    fixture
        .given(minorsByMail())
        .when(new ChangeMobile(CARD, "13911112222"), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-4")));
  }

  @Test
  void R_BANK_4_the_guardian_withdraws_the_minors_application() {
    fixture
        .given(minorsByMail())
        .when(new WithdrawApplication(CARD), GUARDIAN)
        .expectEvents(new ApplicationWithdrawn(ApplicationWithdrawn.BY_APPLICANT));
  }

  @Test
  void R_BANK_4_from_the_18th_birthday_the_holder_acts_and_not_the_day_before() {
    Applicant eighteenToday =
        new Applicant(SampleRegistry.id("110108", 2008, 3, 2, 7), "赵十八", "13512345678");
    Applicant eighteenTomorrow =
        new Applicant(SampleRegistry.id("110108", 2008, 3, 3, 7), "钱十八", "13512345679");
    fixture
        .given(applied(eighteenToday, "CMB", BY_MAIL, GUARDIAN))
        .when(new WithdrawApplication(CARD), HOLDER)
        .expectEvents(new ApplicationWithdrawn(ApplicationWithdrawn.BY_APPLICANT));
    setUp();
    fixture
        .given(applied(eighteenTomorrow, "CMB", BY_MAIL, GUARDIAN))
        .when(new WithdrawApplication(CARD), HOLDER)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-4")));
  }
}
