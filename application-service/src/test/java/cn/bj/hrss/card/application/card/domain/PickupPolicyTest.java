package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.application.axon.BusinessDateStamp;
import cn.bj.hrss.card.application.card.command.RemindPickupPeriodEnding;
import cn.bj.hrss.card.application.card.command.ReturnUncollectedCard;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * S-PICKUP-1 on the card aggregate: given a card's past events (with the business date each was
 * decided on), when the pickup sweep's command, on a business date, then the outcome.
 */
class PickupPolicyTest {

  private static final String CARD = "card-pickup-1";
  private static final Applicant WANG = new Applicant("11010519491231002X", "王小明", "13800138000");
  private static final RegisteredOutlet CHAOYANGMEN =
      new RegisteredOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号");
  private static final RegisteredOutlet HAIDIAN =
      new RegisteredOutlet("邮储银行北京海淀支行", "北京市海淀区中关村大街28号");
  private static final PickupPeriod PERIOD = new PickupPeriod(90, 10);

  /** The card arrived at the outlet on this business date; its period's last day is 2026-06-01. */
  private static final LocalDate ARRIVED = LocalDate.of(2026, 3, 3);

  private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 1);

  private final AtomicReference<LocalDate> today = new AtomicReference<>(ARRIVED);
  private FixtureConfiguration<CardAggregate> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CardAggregate.class);
    fixture.registerInjectableResource(new SampleReferenceData());
    fixture.registerInjectableResource((BusinessClock) today::get);
  }

  private static Object on(LocalDate businessDate, Object event) {
    return GenericEventMessage.asEventMessage(event)
        .andMetaData(Map.of(BusinessDateStamp.KEY, businessDate.toString()));
  }

  private static List<Object> waitingAtTheOutlet() {
    LocalDate applied = ARRIVED.minusDays(20);
    return List.of(
        on(
            applied,
            new CardRequested(
                CARD,
                WANG,
                "ICBC",
                new Collection(CollectionMethod.OUTLET_PICKUP, CHAOYANGMEN.name(), null),
                "RETIREE",
                null,
                applied)),
        on(applied.plusDays(5), new CardProduced("A12345678")),
        on(
            ARRIVED,
            new CardDispatched(
                CollectionMethod.OUTLET_PICKUP, null, CHAOYANGMEN.name(), CHAOYANGMEN)));
  }

  /** A PSBC card mailed on {@link #ARRIVED}. */
  private static List<Object> mailed() {
    LocalDate applied = ARRIVED.minusDays(20);
    return List.of(
        on(
            applied,
            new CardRequested(
                CARD,
                WANG,
                "PSBC",
                new Collection(CollectionMethod.MAIL, null, "北京市海淀区测试路1号"),
                "RETIREE",
                null,
                applied)),
        on(applied, new CardProduced("A12345678")),
        on(ARRIVED, new CardDispatched(CollectionMethod.MAIL, "SF1234567890123", null)));
  }

  private static List<Object> with(List<Object> events, Object... more) {
    List<Object> all = new java.util.ArrayList<>(events);
    all.addAll(List.of(more));
    return all;
  }

  /** Given {@code past}, when {@code command}: refused by S-PICKUP-1, nothing applied. */
  private void refusedByS_PICKUP_1(List<Object> past, Object command) {
    fixture
        .given(past)
        .when(command)
        .expectNoEvents()
        .expectException(Matchers.matches(new RuleViolationMatcher("S-PICKUP-1")));
  }

  @Test
  void a_card_waiting_at_an_outlet_is_reminded_from_ten_days_before_its_period_ends() {
    today.set(LAST_DAY.minusDays(10));
    fixture
        .given(waitingAtTheOutlet())
        .when(new RemindPickupPeriodEnding(CARD, PERIOD))
        .expectEvents(new PickupPeriodEnding(ARRIVED, LAST_DAY, CHAOYANGMEN));
  }

  @Test
  void a_reminder_before_the_reminder_day_is_refused_by_S_PICKUP_1() {
    today.set(LAST_DAY.minusDays(11));
    refusedByS_PICKUP_1(waitingAtTheOutlet(), new RemindPickupPeriodEnding(CARD, PERIOD));
  }

  @Test
  void a_holder_is_reminded_once_only() {
    today.set(LAST_DAY.minusDays(2));
    Object reminded =
        on(LAST_DAY.minusDays(10), new PickupPeriodEnding(ARRIVED, LAST_DAY, CHAOYANGMEN));
    refusedByS_PICKUP_1(
        with(waitingAtTheOutlet(), reminded), new RemindPickupPeriodEnding(CARD, PERIOD));
  }

  @Test
  void a_card_still_uncollected_the_day_after_its_period_is_returned_to_the_bank() {
    today.set(LAST_DAY.plusDays(1));
    fixture
        .given(waitingAtTheOutlet())
        .when(new ReturnUncollectedCard(CARD, PERIOD))
        .expectEvents(new UncollectedCardReturned(ARRIVED, LAST_DAY, CHAOYANGMEN));
  }

  @Test
  void a_return_on_the_periods_last_day_is_refused_by_S_PICKUP_1() {
    today.set(LAST_DAY);
    refusedByS_PICKUP_1(waitingAtTheOutlet(), new ReturnUncollectedCard(CARD, PERIOD));
  }

  @Test
  void a_collected_card_is_neither_reminded_nor_returned() {
    today.set(LAST_DAY.plusDays(30));
    List<Object> collected =
        with(waitingAtTheOutlet(), on(ARRIVED.plusDays(3), new CardCollected(CHAOYANGMEN.name())));
    refusedByS_PICKUP_1(collected, new ReturnUncollectedCard(CARD, PERIOD));
    refusedByS_PICKUP_1(collected, new RemindPickupPeriodEnding(CARD, PERIOD));
  }

  @Test
  void a_returned_card_is_not_returned_twice() {
    today.set(LAST_DAY.plusDays(5));
    Object returned =
        on(LAST_DAY.plusDays(1), new UncollectedCardReturned(ARRIVED, LAST_DAY, CHAOYANGMEN));
    refusedByS_PICKUP_1(
        with(waitingAtTheOutlet(), returned), new ReturnUncollectedCard(CARD, PERIOD));
  }

  @Test
  void a_mailed_card_on_its_way_is_not_waiting_at_an_outlet() {
    today.set(LAST_DAY.plusDays(1));
    refusedByS_PICKUP_1(mailed(), new ReturnUncollectedCard(CARD, PERIOD));
  }

  @Test
  void a_returned_mail_waits_from_the_day_it_came_back_at_the_banks_outlet() {
    LocalDate cameBack = ARRIVED.plusDays(7);
    today.set(cameBack.plusDays(PERIOD.days() + 1));
    Object mailReturned =
        on(cameBack, new MailReturned("SF1234567890123", MailReturned.RETURNED, HAIDIAN));
    fixture
        .given(with(mailed(), mailReturned))
        .when(new ReturnUncollectedCard(CARD, PERIOD))
        .expectEvents(
            new UncollectedCardReturned(cameBack, cameBack.plusDays(PERIOD.days()), HAIDIAN));
  }

  @Test
  void a_pickup_period_outside_1_to_365_days_is_refused_by_S_PICKUP_1() {
    today.set(LAST_DAY.plusDays(1));
    refusedByS_PICKUP_1(
        waitingAtTheOutlet(), new ReturnUncollectedCard(CARD, new PickupPeriod(0, 0)));
  }
}
