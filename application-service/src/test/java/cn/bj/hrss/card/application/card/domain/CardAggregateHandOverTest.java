package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.application.card.command.CancelCard;
import cn.bj.hrss.card.application.card.command.EnableSocialFunction;
import cn.bj.hrss.card.application.card.command.RecordCardCollected;
import cn.bj.hrss.card.application.card.command.RecordCardDelivered;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.command.RecordMailReturned;
import cn.bj.hrss.card.application.card.command.ReportCardLost;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import cn.bj.hrss.card.sample.SampleRegistry;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: mail that fails (S-MAIL-2), collection by a proxy (S-PROXY-1) and the card's end
 * (S-END-1). Given the card's past events, when a command, then the outcome.
 */
class CardAggregateHandOverTest {

  private static final String CARD = "card-1";
  private static final Applicant WANG = new Applicant("11010519491231002X", "王小明", "13800138000");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  private static final String CHAOYANGMEN_NAME = "工商银行北京朝阳门支行";
  private static final RegisteredOutlet CHAOYANGMEN =
      new RegisteredOutlet(CHAOYANGMEN_NAME, "北京市东城区朝阳门北大街1号");

  private static final CardRequested REQUESTED_AT_OUTLET =
      new CardRequested(
          CARD,
          WANG,
          "ICBC",
          new Collection(CollectionMethod.OUTLET_PICKUP, CHAOYANGMEN_NAME, null),
          "RETIREE",
          null,
          TODAY);
  private static final CardRequested REQUESTED_BY_MAIL =
      new CardRequested(
          CARD,
          WANG,
          "ICBC",
          new Collection(CollectionMethod.MAIL, null, "北京市东城区东四十条1号"),
          "RETIREE",
          null,
          TODAY);
  private static final CardProduced PRODUCED = new CardProduced("A12345678");
  private static final String TRACKING = "SF1234567890123";
  private static final CardDispatched MAILED =
      new CardDispatched(CollectionMethod.MAIL, TRACKING, null);
  private static final CardDispatched TO_OUTLET =
      new CardDispatched(CollectionMethod.OUTLET_PICKUP, null, CHAOYANGMEN_NAME, CHAOYANGMEN);
  private static final MailReturned MAIL_RETURNED =
      new MailReturned(TRACKING, MailReturned.UNDELIVERABLE, CHAOYANGMEN);

  /** An adult proxy (born 1985) and the authorisation the outlet kept. */
  private static final String PROXY_ID = SampleRegistry.id("110105", 1985, 6, 1, 2);

  private static final String AUTHORISATION = "SQ2026000123";

  private FixtureConfiguration<CardAggregate> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CardAggregate.class);
    fixture.registerInjectableResource(new SampleReferenceData());
    fixture.registerInjectableResource((BusinessClock) () -> TODAY);
  }

  /** A refusal by {@code rule}, naming {@code field} (null: no field). */
  private static Predicate<Object> refusedBy(String rule, String field) {
    return new Predicate<>() {
      @Override
      public boolean test(Object candidate) {
        return candidate instanceof RuleViolation violation
            && violation.ruleId().equals(rule)
            && java.util.Objects.equals(violation.field(), field);
      }

      @Override
      public String toString() {
        return "a RuleViolation of " + rule + " at " + field;
      }
    };
  }

  private static RecordCardCollected byProxy(String name, String idNumber, String authorisation) {
    return new RecordCardCollected(
        CARD, CHAOYANGMEN_NAME, new RecordCardCollected.Proxy(name, idNumber), authorisation);
  }

  // S-MAIL-2

  @Test
  void
      S_MAIL_2_a_mailed_card_that_came_back_waits_at_the_issuing_banks_outlet_and_is_collected_there() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED)
        .when(new RecordMailReturned(CARD, TRACKING, "UNDELIVERABLE", CHAOYANGMEN_NAME))
        .expectEvents(MAIL_RETURNED);
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED, MAIL_RETURNED)
        .when(new RecordCardCollected(CARD, CHAOYANGMEN_NAME))
        .expectEvents(new CardCollected(CHAOYANGMEN_NAME));
  }

  @Test
  void S_MAIL_2_a_returned_card_is_no_longer_delivered_by_mail() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED, MAIL_RETURNED)
        .when(new RecordCardDelivered(CARD, CollectionMethod.MAIL))
        .expectNoEvents()
        .expectException(
            Matchers.matches(
                refused ->
                    refused instanceof RuleViolation violation
                        && violation.kind() == RuleViolation.Kind.CONFLICT));
  }

  @Test
  void S_MAIL_2_the_tracking_number_must_be_the_cards_own() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED)
        .when(new RecordMailReturned(CARD, "SF9999999999999", "RETURNED", CHAOYANGMEN_NAME))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MAIL-2", "trackingNumber")));
  }

  @Test
  void S_MAIL_2_the_card_waits_only_at_a_registered_outlet_of_the_issuing_bank() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED)
        .when(new RecordMailReturned(CARD, TRACKING, "RETURNED", "邮储银行北京海淀支行"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MAIL-2", "outletName")));
  }

  @Test
  void S_MAIL_2_a_reason_other_than_undeliverable_or_returned_is_refused() {
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED)
        .when(new RecordMailReturned(CARD, TRACKING, "LOST", CHAOYANGMEN_NAME))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MAIL-2", "reason")));
  }

  @Test
  void S_MAIL_2_only_a_card_on_its_way_by_mail_comes_back_and_only_once() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(new RecordMailReturned(CARD, TRACKING, "RETURNED", CHAOYANGMEN_NAME))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MAIL-2", null)));
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED, MAILED, MAIL_RETURNED)
        .when(new RecordMailReturned(CARD, TRACKING, "RETURNED", CHAOYANGMEN_NAME))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-MAIL-2", null)));
    fixture
        .given(REQUESTED_BY_MAIL, PRODUCED)
        .when(new RecordMailReturned(CARD, TRACKING, "RETURNED", CHAOYANGMEN_NAME))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("LIFECYCLE-ORDER", null)));
  }

  // S-PROXY-1

  @Test
  void S_PROXY_1_a_proxy_with_the_holders_authorisation_collects_and_the_event_keeps_them_masked() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(byProxy("李建国", PROXY_ID, AUTHORISATION))
        .expectEvents(
            new CardCollected(
                CHAOYANGMEN_NAME,
                CardCollected.PROXY,
                new CardCollected.MaskedPerson("李*国", "110105********" + PROXY_ID.substring(14)),
                AUTHORISATION));
  }

  @Test
  void S_PROXY_1_the_holder_collecting_is_recorded_as_the_holder() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(new RecordCardCollected(CARD, CHAOYANGMEN_NAME))
        .expectEvents(new CardCollected(CHAOYANGMEN_NAME, CardCollected.HOLDER, null, null));
  }

  @Test
  void S_PROXY_1_a_proxy_and_an_authorisation_come_together_or_not_at_all() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(byProxy("李建国", PROXY_ID, null))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-PROXY-1", "authorisation")));
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(new RecordCardCollected(CARD, CHAOYANGMEN_NAME, null, AUTHORISATION))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-PROXY-1", "proxy")));
  }

  @Test
  void S_PROXY_1_the_authorisation_number_the_name_and_the_id_number_are_checked() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(byProxy("李建国", PROXY_ID, "授权书1"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-PROXY-1", "authorisation")));
    // the holder's notice quotes the number: digits alone would read as a phone number there, and
    // separators as a number to dial
    for (String unquotable : new String[] {"13812345678", "SQ-2026-000123", "sq2026000123"}) {
      fixture
          .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
          .when(byProxy("李建国", PROXY_ID, unquotable))
          .expectNoEvents()
          .expectException(Matchers.matches(refusedBy("S-PROXY-1", "authorisation")));
    }
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(byProxy("李建国\n", PROXY_ID, AUTHORISATION))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-PROXY-1", "proxy.name")));
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(byProxy("李建国", "110105198506010021", AUTHORISATION))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-PROXY-1", "proxy.idNumber")));
  }

  @Test
  void S_PROXY_1_the_proxy_is_an_adult_and_not_the_holder() {
    String seventeen = SampleRegistry.id("110105", 2008, 3, 3, 5); // 18 only the day after TODAY
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(byProxy("李小明", seventeen, AUTHORISATION))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-PROXY-1", "proxy.idNumber")));
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(byProxy("李小明", SampleRegistry.id("110105", 2008, 3, 2, 5), AUTHORISATION))
        .expectSuccessfulHandlerExecution();
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET)
        .when(byProxy("王小明", WANG.idNumber(), AUTHORISATION))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-PROXY-1", "proxy.idNumber")));
  }

  @Test
  void S_PROXY_1_a_card_returned_to_the_bank_is_collected_at_any_outlet_of_the_issuing_bank() {
    UncollectedCardReturned returned =
        new UncollectedCardReturned(TODAY.minusDays(91), TODAY.minusDays(1), CHAOYANGMEN);
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET, returned)
        .when(
            new RecordCardCollected(
                CARD, "工商银行北京西单支行", new RecordCardCollected.Proxy("李建国", PROXY_ID), AUTHORISATION))
        .expectEvents(
            new CardCollected(
                "工商银行北京西单支行",
                CardCollected.PROXY,
                new CardCollected.MaskedPerson("李*国", "110105********" + PROXY_ID.substring(14)),
                AUTHORISATION));
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET, returned)
        .when(new RecordCardCollected(CARD, "邮储银行北京海淀支行"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("R-PICK-2", "outletName")));
  }

  // S-END-1

  @Test
  void S_END_1_an_operator_cancels_a_card_with_a_reason_and_a_note() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED)
        .when(new CancelCard(CARD, "DECEASED", "OPERATOR", "家属持死亡证明到街道办理"))
        .expectEvents(new CardCancelled("DECEASED", "OPERATOR", "家属持死亡证明到街道办理"));
  }

  @Test
  void S_END_1_the_registry_cancels_a_card_of_a_person_who_emigrated() {
    fixture
        .given(REQUESTED_BY_MAIL)
        .when(new CancelCard(CARD, "EMIGRATED", "REGISTRY", null))
        .expectEvents(new CardCancelled("EMIGRATED", "REGISTRY", null));
  }

  @Test
  void S_END_1_an_operators_note_is_required_short_and_without_control_characters() {
    for (String note : new String[] {null, " ", "出境定居\n伪造的第二行", "注".repeat(201)}) {
      fixture
          .given(REQUESTED_AT_OUTLET)
          .when(new CancelCard(CARD, "OTHER", "OPERATOR", note))
          .expectNoEvents()
          .expectException(Matchers.matches(refusedBy("S-END-1", "note")));
    }
    fixture
        .given(REQUESTED_AT_OUTLET)
        .when(new CancelCard(CARD, "RETIRED", "OPERATOR", "说明"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-END-1", "reason")));
  }

  @Test
  void S_END_1_a_cancelled_card_refuses_every_later_command_and_a_second_cancellation() {
    CardCancelled cancelled = new CardCancelled("DECEASED", "REGISTRY", null);
    Object[] later = {
      new CancelCard(CARD, "OTHER", "OPERATOR", "再次注销"),
      new RecordCardProduced(CARD, "A12345678"),
      new RecordCardCollected(CARD, CHAOYANGMEN_NAME),
      new EnableSocialFunction(CARD),
      new ReportCardLost(CARD)
    };
    for (Object command : later) {
      fixture
          .given(REQUESTED_AT_OUTLET, cancelled)
          .when(command)
          .expectNoEvents()
          .expectException(Matchers.matches(refusedBy("S-END-1", null)));
    }
  }

  @Test
  void S_END_1_a_replaced_card_is_not_live_and_is_not_cancelled() {
    fixture
        .given(REQUESTED_AT_OUTLET, PRODUCED, TO_OUTLET, new CardCollected(CHAOYANGMEN_NAME))
        .andGiven(new CardReplaced("card-2", "LOST"))
        .when(new CancelCard(CARD, "DECEASED", "OPERATOR", "家属办理"))
        .expectNoEvents()
        .expectException(Matchers.matches(refusedBy("S-END-1", null)));
  }
}
