package cn.bj.hrss.card.notification.support;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.testsupport.GoldenEvents;
import cn.bj.hrss.card.testsupport.TopicProbe;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A card of the test's own: the contract's golden events (at their golden sequences) moved to a
 * fresh card id, with a mobile and an ID number of its own, published to the real card topic.
 */
public final class TestCard {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Random RANDOM = new Random();

  public final String id;
  public final String mobile;
  public final String idNumber;

  private TestCard(String id, String mobile, String idNumber) {
    this.id = id;
    this.mobile = mobile;
    this.idNumber = idNumber;
  }

  public static TestCard fresh() {
    return new TestCard(UUID.randomUUID().toString(), randomMobile(), randomIdNumber());
  }

  /** A fresh card whose events are consumed after everything already sent for this one. */
  public TestCard next() {
    return new TestCard(GoldenEvents.cardAfter(id), randomMobile(), randomIdNumber());
  }

  public TestCard withMobile(String newMobile) {
    return new TestCard(id, newMobile, idNumber);
  }

  public TestCard withIdNumber(String newIdNumber) {
    return new TestCard(id, mobile, newIdNumber);
  }

  public static String randomMobile() {
    return "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
  }

  private static String randomIdNumber() {
    return "110105" + String.format("%012d", Math.abs(RANDOM.nextLong()) % 1_000_000_000_000L);
  }

  public byte[] requested() {
    return event(CardRequested.class, this::asApplicant);
  }

  public byte[] requestedByMail(String address) {
    return event(
        CardRequested.class,
        p -> {
          asApplicant(p);
          p.putObject("collection").put("method", "MAIL").put("address", address);
        });
  }

  /**
   * A minor's application by a guardian (R-BANK-4): the guardian's mobile is this card's {@link
   * #mobile}; the minor, born on {@code birthDate}, gave {@code holdersMobile} (the guardian's own
   * again when the minor has none).
   */
  public byte[] requestedByGuardianFor(java.time.LocalDate birthDate, String holdersMobile) {
    String minor =
        "110105"
            + birthDate.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
            + String.format("%04d", RANDOM.nextInt(10_000));
    return event(
        CardRequested.class,
        p -> {
          ((ObjectNode) p.get("applicant"))
              .put("mobile", holdersMobile)
              .put("idNumber", minor)
              .put("name", "王小小");
          p.putObject("guardian")
              .put("idNumber", idNumber)
              .put("name", "王大明")
              .put("mobile", mobile);
          p.put("category", "MINOR");
        });
  }

  /** This card's mobile and ID number; no guardian, so the applicant's mobile is the recipient. */
  private void asApplicant(ObjectNode payload) {
    ((ObjectNode) payload.get("applicant")).put("mobile", mobile).put("idNumber", idNumber);
    payload.remove("guardian");
  }

  public byte[] produced() {
    return event(CardProduced.class, p -> {});
  }

  /** Dispatched to a registered outlet without an address in the reference data. */
  public byte[] dispatchedToOutlet(String outletName) {
    return event(
        CardDispatched.class,
        p -> {
          p.put("outletName", outletName);
          p.putObject("outlet").put("name", outletName);
        });
  }

  /** Dispatched to a registered outlet, with the address application-service's data gives it. */
  public byte[] dispatchedToOutlet(String outletName, String address) {
    return event(
        CardDispatched.class,
        p -> {
          p.put("outletName", outletName);
          p.putObject("outlet").put("name", outletName).put("address", address);
        });
  }

  /** A CardDispatched version 1: the outlet name as a factory typed it, never checked. */
  public byte[] dispatchedToOutletAsVersion1(String outletName) {
    return version1(
        event(
            CardDispatched.class,
            p -> {
              p.put("outletName", outletName);
              p.remove("outlet");
            }));
  }

  public byte[] mailed(String trackingNumber) {
    return event(
        CardDispatched.class,
        p -> {
          p.put("method", "MAIL").put("trackingNumber", trackingNumber);
          p.remove(List.of("outletName", "outlet"));
        });
  }

  /** A mailed CardDispatched version 1: the tracking number as a factory typed it. */
  public byte[] mailedAsVersion1(String trackingNumber) {
    return version1(mailed(trackingNumber));
  }

  private static byte[] version1(byte[] event) {
    try {
      ObjectNode envelope = (ObjectNode) JSON.readTree(event);
      envelope.put("eventVersion", 1);
      return JSON.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] collected() {
    return event(CardCollected.class, p -> {});
  }

  public byte[] delivered() {
    return event(CardDelivered.class, p -> {});
  }

  public byte[] enabled() {
    return event(SocialFunctionEnabled.class, p -> {});
  }

  /** A first issue's application (新发, R-OLD-2): the person holds no old card. */
  public byte[] requestedAsFirstIssueByMail(String address) {
    return event(
        CardRequested.class,
        p -> {
          asApplicant(p);
          p.putObject("collection").put("method", "MAIL").put("address", address);
          p.put("issue", "FIRST_ISSUE");
        });
  }

  /** An enabling that invalidated no old card (a first issue, R-OLD-2). */
  public byte[] enabledWithoutAnOldCard() {
    return event(SocialFunctionEnabled.class, p -> p.put("oldCardInvalidated", false));
  }

  public byte[] oldCardInvalidated() {
    return event(OldCardInvalidated.class, p -> {});
  }

  public byte[] financialActivated(String outletName) {
    return event(
        FinancialFunctionActivated.class,
        p -> {
          p.put("outletName", outletName);
          p.putObject("outlet").put("name", outletName);
        });
  }

  /** The first event of a replacement card, made on the spot at {@code outletName}. */
  public byte[] replacementIssued(String outletName) {
    return event(
        ReplacementCardIssued.class,
        p -> {
          ((ObjectNode) p.get("applicant")).put("mobile", mobile).put("idNumber", idNumber);
          p.put("outletName", outletName);
        });
  }

  /**
   * The golden sample of {@code type} (issue 18's types come at sequences of their own story) moved
   * to this card at {@code sequence}, its payload changed by {@code change}.
   */
  public byte[] golden(
      Class<? extends CardEvent> type, long sequence, Consumer<ObjectNode> change) {
    try {
      ObjectNode envelope = (ObjectNode) JSON.readTree(event(type, change));
      envelope.put("sequence", sequence);
      return JSON.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The golden sample of {@code type} as it is, moved to this card at {@code sequence}. */
  public byte[] golden(Class<? extends CardEvent> type, long sequence) {
    return golden(type, sequence, p -> {});
  }

  /** A change of the card's notices' mobile (S-MOBILE-1) of the holder or the guardian. */
  public byte[] mobileChanged(long sequence, String of, String newMobile) {
    return golden(
        MobileNumberChanged.class, sequence, p -> p.put("of", of).put("mobile", newMobile));
  }

  /**
   * A CardCollected v2 by a proxy (S-PROXY-1) at {@code sequence}, with the proxy's name and the
   * authorisation's number as the event would carry them.
   */
  public byte[] collectedByProxy(long sequence, String name, String authorisation) {
    return golden(
        CardCollected.class,
        sequence,
        p -> {
          p.put("collectedBy", "PROXY").put("authorisation", authorisation);
          p.putObject("proxy").put("name", name).put("idNumber", "110105********002X");
        });
  }

  /** Sends the events, in order, to the card topic keyed by this card's id. */
  public TestCard publish(byte[]... events) {
    new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
        .send(Topics.CARD_LIFECYCLE, id, List.of(events));
    return this;
  }

  private byte[] event(Class<? extends CardEvent> type, Consumer<ObjectNode> change) {
    try {
      ObjectNode envelope =
          (ObjectNode) JSON.readTree(GoldenSamples.jsonForCard(EventTypes.require(type), id));
      change.accept((ObjectNode) envelope.get("payload"));
      return JSON.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
