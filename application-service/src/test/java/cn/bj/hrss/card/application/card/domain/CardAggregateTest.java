package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.application.card.command.ActivateFinancialFunction;
import cn.bj.hrss.card.application.card.command.CancelLossReport;
import cn.bj.hrss.card.application.card.command.ChangeIssuingBank;
import cn.bj.hrss.card.application.card.command.EnableSocialFunction;
import cn.bj.hrss.card.application.card.command.RecordCardCollected;
import cn.bj.hrss.card.application.card.command.RecordCardDelivered;
import cn.bj.hrss.card.application.card.command.RecordCardDispatched;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.command.RecordCardProductionFailed;
import cn.bj.hrss.card.application.card.command.ReplaceCard;
import cn.bj.hrss.card.application.card.command.ReportCardLost;
import cn.bj.hrss.card.application.card.command.SubmitCardApplication;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One lifecycle rule per test: given the card's past events, when a command, then the outcome. */
class CardAggregateTest {

  private static final String CARD = "card-1";
  private static final Applicant WANG = new Applicant("11010519491231002X", "王小明", "13800138000");

  /** Application metadata: the retiree applies online in the normal phase. */
  private static final Map<String, ?> ONLINE =
      Map.of(
          "actorRole", "CITIZEN", "actorId", "wx-openid-test", "channel", "JINGTONG_MINI_PROGRAM");

  private static final Collection AT_OUTLET =
      new Collection(CollectionMethod.OUTLET_PICKUP, "工商银行北京朝阳门支行", null);
  private static final Collection BY_MAIL =
      new Collection(CollectionMethod.MAIL, null, "北京市东城区东四十条1号");

  /** The business date of every test: the application date the events carry. */
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  private static final CardRequested REQUESTED_AT_OUTLET =
      new CardRequested(CARD, WANG, "ICBC", AT_OUTLET, "RETIREE", null, TODAY);
  private static final CardRequested REQUESTED_BY_MAIL =
      new CardRequested(CARD, WANG, "ICBC", BY_MAIL, "RETIREE", null, TODAY);
  private static final CardProduced PRODUCED = new CardProduced("A12345678");

  /** The registered outlet, as the reference data gives it (ADR 23). */
  private static final RegisteredOutlet CHAOYANGMEN =
      new RegisteredOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号");

  private static final CardDispatched TO_OUTLET =
      new CardDispatched(CollectionMethod.OUTLET_PICKUP, null, "工商银行北京朝阳门支行", CHAOYANGMEN);
  private static final CardDispatched MAILED =
      new CardDispatched(CollectionMethod.MAIL, "SF1234567890123", null);

  private FixtureConfiguration<CardAggregate> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CardAggregate.class);
    fixture.registerInjectableResource(new SampleReferenceData());
    fixture.registerInjectableResource((BusinessClock) () -> TODAY);
  }

  private static RuleViolationMatcher refusedBy(String ruleId) {
    return new RuleViolationMatcher(ruleId);
  }

  @Test
  void an_application_with_a_cooperating_bank_is_requested() {
    fixture
        .givenNoPriorActivity()
        .when(new SubmitCardApplication(CARD, WANG, null, "ICBC", AT_OUTLET), ONLINE)
        .expectEvents(REQUESTED_AT_OUTLET);
  }

  @Test
  void an_application_with_a_bank_that_is_not_cooperating_is_refused_by_R_BANK_1() {
    fixture
        .givenNoPriorActivity()
        .when(new SubmitCardApplication(CARD, WANG, null, "HSBC", AT_OUTLET), ONLINE)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-1")));
  }

  @Test
  void an_application_with_a_wrong_id_check_character_is_refused() {
    Applicant wrongCheck = new Applicant("110105194912310021", "王小明", "13800138000");
    fixture
        .givenNoPriorActivity()
        .when(new SubmitCardApplication(CARD, wrongCheck, null, "ICBC", AT_OUTLET), ONLINE)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("INPUT-ID-NUMBER")));
  }

  @Test
  void an_application_with_a_mobile_that_is_not_mainland_is_refused() {
    Applicant landline = new Applicant("11010519491231002X", "王小明", "010-12345678");
    fixture
        .givenNoPriorActivity()
        .when(new SubmitCardApplication(CARD, landline, null, "ICBC", AT_OUTLET), ONLINE)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("INPUT-MOBILE")));
  }

  @Test
  void an_application_without_a_collection_method_is_refused_by_R_PICK_1() {
    fixture
        .givenNoPriorActivity()
        .when(new SubmitCardApplication(CARD, WANG, null, "ICBC", null), ONLINE)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-1")));
  }

  @Test
  void outlet_pickup_without_an_outlet_is_refused_by_R_PICK_2() {
    fixture
        .givenNoPriorActivity()
        .when(
            new SubmitCardApplication(
                CARD,
                WANG,
                null,
                "ICBC",
                new Collection(CollectionMethod.OUTLET_PICKUP, " ", null)),
            ONLINE)
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-2")));
  }

  @Test
  void a_requested_card_can_be_recorded_as_produced() {
    fixture
        .given(REQUESTED_AT_OUTLET)
        .when(new RecordCardProduced(CARD, "A12345678"))
        .expectEvents(PRODUCED);
  }

  @Test
  void a_card_number_that_is_not_nine_characters_is_refused() {
    fixture
        .given(REQUESTED_AT_OUTLET)
        .when(new RecordCardProduced(CARD, "a1234"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("INPUT-CARD-NUMBER")));
  }

  @Test
  void a_card_cannot_be_produced_twice() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED)
        .when(new RecordCardProduced(CARD, "B12345678"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("LIFECYCLE-ORDER")));
  }

  @Test
  void a_card_cannot_be_dispatched_before_it_is_produced() {
    fixture
        .given(REQUESTED_AT_OUTLET)
        .when(new RecordCardDispatched(CARD, CollectionMethod.OUTLET_PICKUP, null, "网点"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("LIFECYCLE-ORDER")));
  }

  @Test
  void a_produced_card_is_dispatched_by_the_chosen_method() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED)
        .when(new RecordCardDispatched(CARD, CollectionMethod.OUTLET_PICKUP, null, "工商银行北京朝阳门支行"))
        .expectEvents(TO_OUTLET);
  }

  @Test
  void a_dispatch_by_another_method_than_chosen_is_refused_by_R_PICK_1() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED)
        .when(new RecordCardDispatched(CARD, CollectionMethod.MAIL, "SF1234567890123", null))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-1")));
  }

  @Test
  void a_mailed_card_needs_a_tracking_number_by_R_PICK_3() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED)
        .when(new RecordCardDispatched(CARD, CollectionMethod.MAIL, null, null))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-3")));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"邮储银行北京海淀支行", "某网点", "工商银行北京朝阳门支行 "})
  void a_dispatch_to_an_unregistered_or_other_banks_outlet_is_refused_by_R_PICK_2(String outlet) {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED)
        .when(new RecordCardDispatched(CARD, CollectionMethod.OUTLET_PICKUP, null, outlet))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-2")));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"EMS1234567890", "请致电01012345678", "SF12"})
  void a_tracking_number_in_no_carriers_format_is_refused_by_R_PICK_3(String tracking) {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED)
        .when(new RecordCardDispatched(CARD, CollectionMethod.MAIL, tracking, null))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-3")));
  }

  @Test
  void a_collection_at_an_outlet_that_is_not_the_issuing_banks_is_refused_by_R_PICK_2() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(new RecordCardCollected(CARD, "邮储银行北京海淀支行"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-2")));
  }

  @Test
  void a_card_waiting_at_the_outlet_can_be_collected_there() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(new RecordCardCollected(CARD, "工商银行北京朝阳门支行"))
        .expectEvents(new CardCollected("工商银行北京朝阳门支行"));
  }

  @Test
  void a_mailed_card_cannot_be_collected_at_an_outlet_by_R_PICK_2() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED)
        .when(new RecordCardCollected(CARD, "工商银行北京朝阳门支行"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-2")));
  }

  @Test
  void a_mailed_card_can_be_delivered() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED)
        .when(new RecordCardDelivered(CARD, CollectionMethod.MAIL))
        .expectEvents(new CardDelivered(CollectionMethod.MAIL));
  }

  @Test
  void a_card_for_outlet_pickup_cannot_be_delivered() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(new RecordCardDelivered(CARD, CollectionMethod.MAIL))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-4")));
  }

  @Test
  void a_collected_card_can_be_enabled_and_the_old_card_becomes_invalid_R_OLD_2() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET, new CardCollected("网点"))
        .when(new EnableSocialFunction(CARD))
        .expectEvents(new SocialFunctionEnabled("A12345678"), new OldCardInvalidated("A12345678"));
  }

  @Test
  void a_card_not_yet_in_the_holders_hands_cannot_be_enabled_R_OLD_1() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED)
        .when(new EnableSocialFunction(CARD))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-OLD-1")));
  }

  @Test
  void an_enabled_card_cannot_be_enabled_again() {
    fixture
        .given(
            REQUESTED_BY_MAIL,
            PRODUCED,
            MAILED,
            new CardDelivered(CollectionMethod.MAIL),
            new SocialFunctionEnabled("A12345678"),
            new OldCardInvalidated("A12345678"))
        .when(new EnableSocialFunction(CARD))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-OLD-2")));
  }

  @Test
  void a_dispatch_records_only_the_details_of_the_chosen_method() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED)
        .when(new RecordCardDispatched(CARD, CollectionMethod.MAIL, "SF1234567890123", "某网点"))
        .expectEvents(MAILED);
  }

  @Test
  void a_collection_without_the_outlet_is_refused_by_R_PICK_2() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(new RecordCardCollected(CARD, ""))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-2")));
  }

  @Test
  void a_delivery_without_a_method_is_bad_input() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED)
        .when(new RecordCardDelivered(CARD, null))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("INPUT-MISSING")));
  }

  @Test
  void a_production_failure_is_recorded_and_the_card_can_then_be_produced() {
    fixture
        .given(REQUESTED_AT_OUTLET, new CardProductionFailed("chip fault"))
        .when(new RecordCardProduced(CARD, "A12345678"))
        .expectEvents(PRODUCED);
  }

  @Test
  void a_production_failure_needs_a_reason() {
    fixture
        .given(REQUESTED_AT_OUTLET)
        .when(new RecordCardProductionFailed(CARD, " "))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("INPUT-MISSING")));
  }

  @Test
  void a_produced_card_cannot_fail_production_afterwards() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED)
        .when(new RecordCardProductionFailed(CARD, "chip fault"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("LIFECYCLE-ORDER")));
  }

  private static final Object[] MAILED_AND_DELIVERED = {
    REQUESTED_BY_MAIL, PRODUCED, MAILED, new CardDelivered(CollectionMethod.MAIL)
  };

  @Test
  void the_financial_function_of_a_mailed_card_is_activated_at_an_issuing_bank_outlet_R_PICK_3() {
    fixture
        .given(MAILED_AND_DELIVERED)
        .when(new ActivateFinancialFunction(CARD, "ICBC", "工商银行北京西单支行"), atThe("BANK_OUTLET"))
        .expectEvents(
            new FinancialFunctionActivated(
                "ICBC", "工商银行北京西单支行", new RegisteredOutlet("工商银行北京西单支行", "北京市西城区西单北大街120号")));
  }

  @Test
  void the_financial_function_cannot_be_activated_online_R_PICK_3() {
    fixture
        .given(MAILED_AND_DELIVERED)
        .when(new ActivateFinancialFunction(CARD, "ICBC", "网上银行"), atThe("BANK_API"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-3")));
  }

  @Test
  void the_financial_function_cannot_be_activated_at_another_banks_outlet_R_PICK_3() {
    fixture
        .given(MAILED_AND_DELIVERED)
        .when(new ActivateFinancialFunction(CARD, "CCB", "建设银行网点"), atThe("BANK_OUTLET"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-3")));
  }

  @Test
  void door_to_door_activation_is_only_for_door_to_door_cards_R_PICK_4() {
    fixture
        .given(MAILED_AND_DELIVERED)
        .when(new ActivateFinancialFunction(CARD, "ICBC", "上门"), atThe("BANK_DOOR_TO_DOOR"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-4")));
  }

  @Test
  void the_financial_function_is_activated_only_once() {
    fixture
        .given(MAILED_AND_DELIVERED)
        .andGiven(new FinancialFunctionActivated("ICBC", "网点"))
        .when(new ActivateFinancialFunction(CARD, "ICBC", "网点"), atThe("BANK_OUTLET"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-3")));
  }

  private static java.util.Map<String, ?> atThe(String channel) {
    return java.util.Map.of("channel", channel);
  }

  private static final Object[] COLLECTED_AT_OUTLET = {
    REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET, new CardCollected("工商银行北京朝阳门支行")
  };

  @Test
  void R_BANK_6_a_retiree_changes_bank_after_receiving_the_card() {
    fixture
        .given(COLLECTED_AT_OUTLET)
        .when(new ChangeIssuingBank(CARD, "CCB"))
        .expectEvents(new IssuingBankChanged("ICBC", "CCB"));
  }

  /** What the holder presents at CCB's outlet: the card's printed number and their ID number. */
  private static final ChangeIssuingBank IN_PERSON_AT_CCB =
      new ChangeIssuingBank(CARD, "CCB", "A12345678", WANG.idNumber(), "建设银行北京通州支行");

  private static Map<String, ?> bank(String code, String channel) {
    return Map.of("actorRole", "BANK", "actorId", code, "channel", channel);
  }

  @Test
  void R_BANK_6_the_new_bank_changes_the_card_with_the_card_and_the_holders_id_at_its_outlet() {
    fixture
        .given(COLLECTED_AT_OUTLET)
        .when(IN_PERSON_AT_CCB, bank("CCB", "BANK_OUTLET_INSTANT"))
        .expectEvents(new IssuingBankChanged("ICBC", "CCB"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "no card number",
        "another number",
        "another person",
        "another bank's outlet",
        "not in person",
        "a third bank"
      })
  void R_BANK_6_a_bank_without_the_holder_in_person_is_refused_as_for_a_card_that_is_not_there(
      String what) {
    ChangeIssuingBank command =
        switch (what) {
          case "no card number" -> new ChangeIssuingBank(CARD, "CCB");
          case "another number" ->
              new ChangeIssuingBank(CARD, "CCB", "B12345678", WANG.idNumber(), "建设银行北京通州支行");
          case "another person" ->
              new ChangeIssuingBank(CARD, "CCB", "A12345678", "110105194912310029", "建设银行北京通州支行");
          case "another bank's outlet" ->
              new ChangeIssuingBank(CARD, "CCB", "A12345678", WANG.idNumber(), "工商银行北京西单支行");
          case "a third bank" ->
              new ChangeIssuingBank(CARD, "BOC", "A12345678", WANG.idNumber(), "建设银行北京通州支行");
          default -> IN_PERSON_AT_CCB;
        };
    String channel = what.equals("not in person") ? "BANK_API" : "BANK_OUTLET_INSTANT";
    fixture
        .given(COLLECTED_AT_OUTLET)
        .when(command, bank("CCB", channel))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("ACCESS-DENIED")));
  }

  @Test
  void R_BANK_6_no_bank_change_before_the_card_is_received() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED)
        .when(new ChangeIssuingBank(CARD, "CCB"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-6")));
  }

  @Test
  void a_card_in_hand_can_be_reported_lost_and_the_report_cancelled() {
    fixture
        .given(COLLECTED_AT_OUTLET)
        .andGiven(new CardReportedLost("A12345678"))
        .when(new CancelLossReport(CARD))
        .expectEvents(new LossReportCancelled("A12345678"));
  }

  @Test
  void a_card_cannot_be_reported_lost_twice() {
    fixture
        .given(COLLECTED_AT_OUTLET)
        .andGiven(new CardReportedLost("A12345678"))
        .when(new ReportCardLost(CARD))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("LOSS-REPORTED")));
  }

  @Test
  void R_LOSS_1_a_lost_card_is_replaced_at_an_instant_outlet_of_the_issuing_bank() {
    fixture
        .given(COLLECTED_AT_OUTLET)
        .andGiven(new CardReportedLost("A12345678"))
        .when(
            new ReplaceCard(CARD, "card-2", "LOST", "B98765432", "工商银行北京西单支行"),
            atThe("BANK_OUTLET_INSTANT"))
        .expectEvents(new CardReplaced("card-2", "LOST"));
  }

  @Test
  void R_LOSS_1_no_replacement_at_an_outlet_without_instant_issuance() {
    fixture
        .given(COLLECTED_AT_OUTLET)
        .when(
            new ReplaceCard(CARD, "card-2", "DAMAGED", "B98765432", "工商银行北京朝阳门支行"),
            atThe("BANK_OUTLET"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-LOSS-1")));
  }

  @Test
  void a_replaced_card_cannot_have_its_loss_report_cancelled() {
    fixture
        .given(COLLECTED_AT_OUTLET)
        .andGiven(new CardReportedLost("A12345678"), new CardReplaced("card-2", "LOST"))
        .when(new CancelLossReport(CARD))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-LOSS-1")));
  }

  @Test
  void R_LOSS_1_the_replacement_card_is_handed_over_on_the_spot_and_can_be_enabled() {
    ReplacementCardIssued issued =
        new ReplacementCardIssued(
            CARD, "card-0", WANG, "ICBC", "B98765432", "工商银行北京西单支行", "LOST", "RETIREE", false);
    fixture
        .given(issued)
        .when(new EnableSocialFunction(CARD))
        .expectEvents(new SocialFunctionEnabled("B98765432", false));
  }
}
