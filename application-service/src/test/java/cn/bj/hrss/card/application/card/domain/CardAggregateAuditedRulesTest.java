package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.application.card.command.ActivateFinancialFunction;
import cn.bj.hrss.card.application.card.command.ChangeIssuingBank;
import cn.bj.hrss.card.application.card.command.EnableSocialFunction;
import cn.bj.hrss.card.application.card.command.IssueReplacementCard;
import cn.bj.hrss.card.application.card.command.RecordCardCollected;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.command.SubmitCardApplication;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
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
 * The rules of the notice that the audit of issue 17 found wrong or partial, on the aggregate:
 * given the card's past events, when a command, then the outcome. One rule per test, named after
 * it.
 */
class CardAggregateAuditedRulesTest {

  private static final String CARD = "card-1";
  private static final Applicant WANG = new Applicant("11010519491231002X", "王小明", "13800138000");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
  private static final String WEST_SINGLE_INSTANT = "工商银行北京西单支行";

  private static final Collection ON_THE_SPOT =
      new Collection(CollectionMethod.OUTLET_PICKUP, WEST_SINGLE_INSTANT, null);
  private static final Collection BY_MAIL =
      new Collection(CollectionMethod.MAIL, null, "北京市东城区东四十条1号");

  private static final CardRequested EXCHANGE_BY_MAIL =
      new CardRequested(
          CARD, WANG, "ICBC", BY_MAIL, "RETIREE", null, TODAY, CardRequested.EXCHANGE);
  private static final CardRequested FIRST_ISSUE_BY_MAIL =
      new CardRequested(
          CARD, WANG, "ICBC", BY_MAIL, "MINOR", null, TODAY, CardRequested.FIRST_ISSUE);
  private static final CardProduced PRODUCED = new CardProduced("A12345678");
  private static final CardDispatched MAILED =
      new CardDispatched(CollectionMethod.MAIL, "SF1234567890123", null);
  private static final CardDelivered DELIVERED = new CardDelivered(CollectionMethod.MAIL);

  private FixtureConfiguration<CardAggregate> fixture;
  private SampleReferenceData data;

  @BeforeEach
  void setUp() {
    data = new SampleReferenceData();
    fixture = new AggregateTestFixture<>(CardAggregate.class);
    fixture.registerInjectableResource(data);
    fixture.registerInjectableResource((BusinessClock) () -> TODAY);
  }

  private static RuleViolationMatcher refusedBy(String ruleId) {
    return new RuleViolationMatcher(ruleId);
  }

  private static Map<String, ?> as(String role, String id, String channel) {
    return Map.of("actorRole", role, "actorId", id, "channel", channel);
  }

  /** The CardRequested of an application at ICBC's instant outlet, as the store holds it. */
  private static GenericDomainEventMessage<CardRequested> appliedAtTheInstantOutlet() {
    return new GenericDomainEventMessage<>(
        "CardAggregate",
        CARD,
        0,
        new CardRequested(
            CARD, WANG, "ICBC", ON_THE_SPOT, "RETIREE", null, TODAY, CardRequested.EXCHANGE),
        MetaData.from(as("BANK", "ICBC", "BANK_OUTLET_INSTANT")));
  }

  // ---- R-SLA-2: on-the-spot production at the issuing bank's instant outlet ------------------

  @Test
  void R_SLA_2_the_issuing_bank_records_on_the_spot_production_at_its_instant_outlet() {
    fixture
        .given(appliedAtTheInstantOutlet())
        .when(new RecordCardProduced(CARD, "A12345678"), as("BANK", "ICBC", "BANK_OUTLET_INSTANT"))
        .expectEvents(PRODUCED);
  }

  @Test
  void R_SLA_2_a_card_made_on_the_spot_is_handed_over_without_a_dispatch() {
    fixture
        .given(appliedAtTheInstantOutlet(), PRODUCED)
        .when(
            new RecordCardCollected(CARD, WEST_SINGLE_INSTANT),
            as("BANK", "ICBC", "BANK_OUTLET_INSTANT"))
        .expectEvents(new CardCollected(WEST_SINGLE_INSTANT));
  }

  @Test
  void R_SLA_2_another_bank_may_not_report_production_and_is_refused_as_for_a_card_not_there() {
    fixture
        .given(appliedAtTheInstantOutlet())
        .when(new RecordCardProduced(CARD, "A12345678"), as("BANK", "CCB", "BANK_OUTLET_INSTANT"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("ACCESS-DENIED")));
  }

  @Test
  void R_SLA_2_a_bank_does_not_report_production_of_a_card_applied_for_elsewhere() {
    fixture
        .given(EXCHANGE_BY_MAIL)
        .when(new RecordCardProduced(CARD, "A12345678"), as("BANK", "ICBC", "BANK_OUTLET_INSTANT"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-SLA-2")));
  }

  @Test
  void R_SLA_2_the_bank_reports_on_the_spot_production_only_from_the_instant_outlet() {
    fixture
        .given(appliedAtTheInstantOutlet())
        .when(new RecordCardProduced(CARD, "A12345678"), as("BANK", "ICBC", "BANK_API"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-SLA-2")));
  }

  @Test
  void R_SLA_2_a_card_of_an_online_application_still_needs_its_dispatch_before_collection() {
    fixture
        .given(EXCHANGE_BY_MAIL, PRODUCED)
        .when(new RecordCardCollected(CARD, WEST_SINGLE_INSTANT))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("LIFECYCLE-ORDER")));
  }

  // ---- R-OLD-2: the old card is invalidated only where there is one ----------------------------

  @Test
  void R_OLD_2_an_application_records_a_first_issue_for_a_person_without_an_old_card() {
    InsuredPerson infant =
        new InsuredPerson(
            SampleRegistry.MINOR.idNumber(),
            SampleRegistry.MINOR.name(),
            InsuredCategory.MINOR,
            District.HAIDIAN,
            null,
            null,
            false,
            false);
    data.with(infant);
    Applicant minor = new Applicant(infant.idNumber(), infant.name(), "13600002222");
    Applicant parent =
        new Applicant(
            SampleRegistry.GUARDIAN.idNumber(), SampleRegistry.GUARDIAN.name(), "13600002222");
    fixture
        .givenNoPriorActivity()
        .when(
            new SubmitCardApplication(CARD, minor, parent, "CMB", BY_MAIL),
            as("GUARDIAN", "wx-2", "JINGTONG_MINI_PROGRAM"))
        .expectEvents(
            new CardRequested(
                CARD, minor, "CMB", BY_MAIL, "MINOR", parent, TODAY, CardRequested.FIRST_ISSUE));
  }

  @Test
  void R_OLD_2_an_application_records_an_exchange_for_a_holder_of_an_old_card() {
    fixture
        .givenNoPriorActivity()
        .when(
            new SubmitCardApplication(CARD, WANG, null, "ICBC", BY_MAIL),
            as("CITIZEN", "wx-1", "JINGTONG_MINI_PROGRAM"))
        .expectEvents(EXCHANGE_BY_MAIL);
  }

  @Test
  void R_OLD_2_a_first_issue_is_enabled_without_an_old_card_being_invalidated() {
    fixture
        .given(FIRST_ISSUE_BY_MAIL, PRODUCED, MAILED, DELIVERED)
        .when(new EnableSocialFunction(CARD))
        .expectEvents(new SocialFunctionEnabled("A12345678", false));
  }

  @Test
  void R_OLD_2_an_exchange_invalidates_the_old_card_when_the_new_one_is_enabled() {
    fixture
        .given(EXCHANGE_BY_MAIL, PRODUCED, MAILED, DELIVERED)
        .when(new EnableSocialFunction(CARD))
        .expectEvents(
            new SocialFunctionEnabled("A12345678", true), new OldCardInvalidated("A12345678"));
  }

  @Test
  void R_OLD_2_a_replacement_card_invalidates_no_old_card_that_is_already_invalid() {
    fixture
        .given(replacement("RETIREE", false))
        .when(new EnableSocialFunction(CARD))
        .expectEvents(new SocialFunctionEnabled("B98765432", false));
  }

  @Test
  void R_OLD_2_a_replacement_of_an_exchange_never_enabled_invalidates_the_old_card() {
    fixture
        .given(replacement("RETIREE", true))
        .when(new EnableSocialFunction(CARD))
        .expectEvents(
            new SocialFunctionEnabled("B98765432", true), new OldCardInvalidated("B98765432"));
  }

  private static ReplacementCardIssued replacement(String category, boolean oldCardStillValid) {
    return new ReplacementCardIssued(
        CARD,
        "card-0",
        WANG,
        "ICBC",
        "B98765432",
        WEST_SINGLE_INSTANT,
        "LOST",
        category,
        oldCardStillValid);
  }

  // ---- R-PICK-3: activation at an outlet of the issuing bank -----------------------------------

  @Test
  void R_PICK_3_the_financial_function_is_activated_only_at_an_outlet_of_the_issuing_bank() {
    fixture
        .given(EXCHANGE_BY_MAIL, PRODUCED, MAILED, DELIVERED)
        .when(
            new ActivateFinancialFunction(CARD, "ICBC", "邮储银行北京海淀支行"),
            as("BANK", "ICBC", "BANK_OUTLET"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-3")));
  }

  @Test
  void R_PICK_3_an_outlet_the_reference_data_does_not_know_is_refused() {
    fixture
        .given(EXCHANGE_BY_MAIL, PRODUCED, MAILED, DELIVERED)
        .when(
            new ActivateFinancialFunction(CARD, "ICBC", "工商银行北京某某支行"),
            as("BANK", "ICBC", "BANK_OUTLET"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-3")));
  }

  @Test
  void R_PICK_3_the_financial_function_is_activated_at_any_outlet_of_the_issuing_bank() {
    fixture
        .given(EXCHANGE_BY_MAIL, PRODUCED, MAILED, DELIVERED)
        .when(
            new ActivateFinancialFunction(CARD, "ICBC", "工商银行北京朝阳门支行"),
            as("BANK", "ICBC", "BANK_OUTLET"))
        .expectEvents(
            new FinancialFunctionActivated(
                "ICBC", "工商银行北京朝阳门支行", new RegisteredOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号")));
  }

  // ---- R-LOSS-1: a reported loss blocks activation and bank change -----------------------------

  @Test
  void R_LOSS_1_a_card_reported_lost_is_not_activated_until_the_report_is_cancelled() {
    ActivateFinancialFunction activation =
        new ActivateFinancialFunction(CARD, "ICBC", "工商银行北京朝阳门支行");
    fixture
        .given(EXCHANGE_BY_MAIL, PRODUCED, MAILED, DELIVERED, new CardReportedLost("A12345678"))
        .when(activation, as("BANK", "ICBC", "BANK_OUTLET"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-LOSS-1")));
    fixture
        .given(
            EXCHANGE_BY_MAIL,
            PRODUCED,
            MAILED,
            DELIVERED,
            new CardReportedLost("A12345678"),
            new LossReportCancelled("A12345678"))
        .when(activation, as("BANK", "ICBC", "BANK_OUTLET"))
        .expectEvents(
            new FinancialFunctionActivated(
                "ICBC", "工商银行北京朝阳门支行", new RegisteredOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号")));
  }

  @Test
  void R_LOSS_1_a_card_reported_lost_does_not_change_bank_until_the_report_is_cancelled() {
    fixture
        .given(EXCHANGE_BY_MAIL, PRODUCED, MAILED, DELIVERED, new CardReportedLost("A12345678"))
        .when(new ChangeIssuingBank(CARD, "CCB"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-LOSS-1")));
    fixture
        .given(
            EXCHANGE_BY_MAIL,
            PRODUCED,
            MAILED,
            DELIVERED,
            new CardReportedLost("A12345678"),
            new LossReportCancelled("A12345678"))
        .when(new ChangeIssuingBank(CARD, "CCB"))
        .expectEvents(new IssuingBankChanged("ICBC", "CCB"));
  }

  // ---- R-BANK-6: a retiree's replacement card keeps the category -------------------------------

  @Test
  void R_BANK_6_a_replacement_card_records_the_replaced_cards_category() {
    fixture
        .givenNoPriorActivity()
        .when(
            new IssueReplacementCard(
                CARD,
                "card-0",
                WANG,
                "ICBC",
                "B98765432",
                WEST_SINGLE_INSTANT,
                "LOST",
                "RETIREE",
                false))
        .expectEvents(replacement("RETIREE", false));
  }

  @Test
  void R_BANK_6_a_retiree_changes_the_bank_of_a_replacement_card() {
    fixture
        .given(replacement("RETIREE", false))
        .when(new ChangeIssuingBank(CARD, "CCB"))
        .expectEvents(new IssuingBankChanged("ICBC", "CCB"));
  }

  @Test
  void R_BANK_6_a_replacement_card_made_before_the_category_was_recorded_reads_the_registry() {
    fixture
        .given(replacement(null, false))
        .when(new ChangeIssuingBank(CARD, "CCB"))
        .expectEvents(new IssuingBankChanged("ICBC", "CCB"));
  }

  @Test
  void R_BANK_6_the_replacement_card_of_someone_who_is_not_a_retiree_does_not_change_bank() {
    fixture
        .given(replacement("FLEXIBLE_WORKER", false))
        .when(new ChangeIssuingBank(CARD, "CCB"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-BANK-6")));
  }
}
