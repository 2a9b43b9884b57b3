package cn.bj.hrss.card.bank.support;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.Actor;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IdNumber;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.testsupport.TopicProbe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A card of the test's own with any issuing bank: contract events built as application-service
 * builds them, in sequence, and published to the real card topic keyed by card id. Each method adds
 * one event and the message type its bank receives (or none); {@link #publish()} sends what was
 * added.
 */
public final class TestCard {

  private static final Random RANDOM = new Random();
  private static final Instant START = Instant.parse("2025-11-03T01:00:00Z");

  public final String id;
  public final String idNumber;
  public final String mobile;
  public final String name;
  public final String cardNumber;
  private String bank;
  private long sequence;
  private final List<byte[]> pending = new ArrayList<>();

  /** What each bank should receive of this card, in order: "BANK:MessageType". */
  public final List<String> expected = new ArrayList<>();

  private TestCard(String id, String bank) {
    this.id = id;
    this.bank = bank;
    this.idNumber = randomIdNumber();
    this.mobile = "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
    this.name = "测试" + (char) ('甲' + RANDOM.nextInt(10));
    this.cardNumber = randomCardNumber();
  }

  /** A new card applied for with {@code bank}, to be picked up at an outlet. */
  public static TestCard requestedWith(String bank) {
    TestCard card = new TestCard(UUID.randomUUID().toString(), bank);
    card.add(
        new CardRequested(
            card.id,
            new Applicant(card.idNumber, card.name, card.mobile),
            bank,
            new Collection(CollectionMethod.OUTLET_PICKUP, bank + " 测试网点", null),
            "RETIREE",
            null),
        "CardRequested");
    return card;
  }

  public String bank() {
    return bank;
  }

  public TestCard produced() {
    return add(new CardProduced(cardNumber), "CardProduced");
  }

  public TestCard dispatched() {
    return add(
        new CardDispatched(CollectionMethod.OUTLET_PICKUP, null, bank + " 测试网点"), "CardDispatched");
  }

  public TestCard collected() {
    return add(new CardCollected(bank + " 测试网点"), "CardCollected");
  }

  public TestCard delivered() {
    return add(new CardDelivered(CollectionMethod.MAIL), "CardDelivered");
  }

  /** Enabled at the counter: the old card's invalidation follows and reaches no bank. */
  public TestCard enabled() {
    add(new SocialFunctionEnabled(cardNumber), "SocialFunctionEnabled");
    return add(new OldCardInvalidated(cardNumber), null);
  }

  public TestCard financialActivated() {
    return add(new FinancialFunctionActivated(bank, bank + " 测试网点"), "FinancialFunctionActivated");
  }

  public TestCard reportedLost() {
    return add(new CardReportedLost(cardNumber), "CardReportedLost");
  }

  public TestCard lossCancelled() {
    return add(new LossReportCancelled(cardNumber), "LossReportCancelled");
  }

  /** Dispatched to {@code outlet} of its bank, where it waits for pickup. */
  public TestCard dispatchedTo(String outlet) {
    return add(new CardDispatched(CollectionMethod.OUTLET_PICKUP, null, outlet), "CardDispatched");
  }

  /** S-MAIL-2: the mail failed; the card waits at {@code outlet}. */
  public TestCard mailReturnedTo(String outlet) {
    return add(
        new MailReturned(
            "EA123456785CN", MailReturned.UNDELIVERABLE, new RegisteredOutlet(outlet, null)),
        "MailReturned");
  }

  /** S-PICKUP-1: the holder reminded; the pickup period of 90 days ends on {@code ends}. */
  public TestCard pickupPeriodEnding(String outlet, String since, String ends) {
    return add(
        new PickupPeriodEnding(
            LocalDate.parse(since), LocalDate.parse(ends), new RegisteredOutlet(outlet, null)),
        null);
  }

  /** S-PICKUP-1: past its pickup period, back to the bank's central store. */
  public TestCard uncollectedReturned(String outlet, String since, String ended) {
    return add(
        new UncollectedCardReturned(
            LocalDate.parse(since), LocalDate.parse(ended), new RegisteredOutlet(outlet, null)),
        "UncollectedCardReturned");
  }

  /** S-CHANGE-1: the application moved before production to outlet pickup at {@code newBank}. */
  public TestCard applicationMovedTo(String newBank) {
    String old = bank;
    expected.add(old + ":ApplicationTransferredOut");
    bank = newBank;
    return add(
        new ApplicationChanged(
            old,
            newBank,
            new Collection(CollectionMethod.OUTLET_PICKUP, newBank + " 测试网点", null),
            new RegisteredOutlet(newBank + " 测试网点", null)),
        "CardRequested");
  }

  /** R-BANK-6: the old bank's last message, and the new bank's first. */
  public TestCard movedTo(String newBank) {
    String old = bank;
    expected.add(old + ":CardTransferredOut");
    bank = newBank;
    return add(new IssuingBankChanged(old, newBank), "CardTransferredIn");
  }

  /** R-LOSS-1: this card is replaced; the replacement is a new card of the same bank. */
  public TestCard replacedBy(TestCard replacement) {
    return add(new CardReplaced(replacement.id, "LOST"), "CardReplaced");
  }

  /** A replacement for this card, issued on the spot by its bank. */
  public TestCard replacement() {
    TestCard card = new TestCard(UUID.randomUUID().toString(), bank);
    card.add(
        new ReplacementCardIssued(
            card.id,
            id,
            new Applicant(idNumber, name, mobile),
            bank,
            card.cardNumber,
            bank + " 即时制卡网点",
            "LOST"),
        "ReplacementCardIssued");
    return card;
  }

  /** Sends the events added since the last publish, in order, to the card topic. */
  public TestCard publish() {
    probe().send(Topics.CARD_LIFECYCLE, id, List.copyOf(pending));
    pending.clear();
    return this;
  }

  /** The message types {@code bankCode} should receive of this card, in order. */
  public List<String> expectedFor(String bankCode) {
    return expected.stream()
        .filter(e -> e.startsWith(bankCode + ":"))
        .map(e -> e.substring(bankCode.length() + 1))
        .toList();
  }

  private TestCard add(CardEvent payload, String messageType) {
    long seq = sequence++;
    EventEnvelope envelope =
        new EventEnvelope(
            UUID.randomUUID().toString(),
            EventTypes.require(payload.getClass()).name(),
            1,
            id,
            seq,
            START.plusSeconds(seq * 60),
            new Actor("BANK", bank),
            "BANK_OUTLET",
            UUID.randomUUID().toString(),
            payload);
    pending.add(EventCodec.encode(envelope));
    if (messageType != null) {
      expected.add(bank + ":" + messageType);
    }
    return this;
  }

  private static TopicProbe probe() {
    return new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers());
  }

  /** An 18-character ID number of a Chaoyang resident born in 1950, with its check character. */
  static String randomIdNumber() {
    return IdNumber.withCheckCharacter(
        "110105"
            + "1950"
            + String.format("%02d", 1 + RANDOM.nextInt(12))
            + "15"
            + String.format("%03d", RANDOM.nextInt(1000)));
  }

  private static String randomCardNumber() {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    StringBuilder number = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      number.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return number.toString();
  }
}
