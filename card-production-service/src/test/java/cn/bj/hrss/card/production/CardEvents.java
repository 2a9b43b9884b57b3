package cn.bj.hrss.card.production;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Card events of the tests' own making, published to the real card topic as application-service
 * would: an application through a given channel on a given day, and what the factory reported.
 * Written as contract JSON (docs/event-contract.md), like the golden samples.
 */
public final class CardEvents {

  private CardEvents() {}

  /** A fresh bank code, so that a test's counts and listings hold only its own orders. */
  public static String newBank() {
    return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
  }

  /** A card applied for through {@code channel} at {@code occurredAt}, to be collected by mail. */
  public static void requestedByMail(
      String cardId, String bank, String channel, String occurredAt) {
    publish(cardId, requestedByMailJson(cardId, bank, channel, occurredAt));
  }

  /** The same event, not published: for a test that applies it to the projection itself. */
  public static EventEnvelope requestedByMailEvent(
      String cardId, String bank, String channel, String occurredAt) {
    return EventCodec.decode(
        requestedByMailJson(cardId, bank, channel, occurredAt).getBytes(StandardCharsets.UTF_8));
  }

  private static String requestedByMailJson(
      String cardId, String bank, String channel, String occurredAt) {
    return envelope(
        cardId,
        0,
        "CardRequested",
        occurredAt,
        "CITIZEN",
        channel,
        "{\"cardId\":\""
            + cardId
            + "\",\"applicant\":{\"idNumber\":\"11010519491231002X\",\"name\":\"王小明\","
            + "\"mobile\":\"13800138000\"},\"bankCode\":\""
            + bank
            + "\",\"collection\":{\"method\":\"MAIL\",\"address\":\"北京市东城区1号\"}}");
  }

  /** A card applied for through {@code channel}, to be collected at {@code outlet}. */
  public static void requestedAtOutlet(
      String cardId, String bank, String channel, String occurredAt, String outlet) {
    publish(
        cardId,
        envelope(
            cardId,
            0,
            "CardRequested",
            occurredAt,
            "CITIZEN",
            channel,
            "{\"cardId\":\""
                + cardId
                + "\",\"applicant\":{\"idNumber\":\"11010519491231002X\",\"name\":\"王小明\","
                + "\"mobile\":\"13800138000\"},\"bankCode\":\""
                + bank
                + "\",\"collection\":{\"method\":\"OUTLET_PICKUP\",\"outletName\":\""
                + outlet
                + "\"}}"));
  }

  public static void produced(String cardId, long sequence, String occurredAt, String number) {
    publish(cardId, producedJson(cardId, sequence, occurredAt, number));
  }

  /** The same event, not published. */
  public static EventEnvelope producedEvent(
      String cardId, long sequence, String occurredAt, String number) {
    return EventCodec.decode(
        producedJson(cardId, sequence, occurredAt, number).getBytes(StandardCharsets.UTF_8));
  }

  private static String producedJson(
      String cardId, long sequence, String occurredAt, String number) {
    return envelope(
        cardId,
        sequence,
        "CardProduced",
        occurredAt,
        "CARD_FACTORY",
        "CARD_FACTORY_API",
        "{\"cardNumber\":\"" + number + "\"}");
  }

  public static void productionFailed(String cardId, long sequence, String occurredAt) {
    publish(
        cardId,
        envelope(
            cardId,
            sequence,
            "CardProductionFailed",
            occurredAt,
            "CARD_FACTORY",
            "CARD_FACTORY_API",
            "{\"reason\":\"chip fault\"}"));
  }

  /** The card moved to another bank (R-BANK-6), as the new bank reported it. */
  public static void issuingBankChanged(
      String cardId, long sequence, String occurredAt, String fromBank, String toBank) {
    publish(
        cardId,
        envelope(
            cardId,
            sequence,
            "IssuingBankChanged",
            occurredAt,
            "BANK",
            "BANK_OUTLET",
            "{\"fromBankCode\":\"" + fromBank + "\",\"toBankCode\":\"" + toBank + "\"}"));
  }

  /**
   * S-CHANGE-1: the application changed to outlet pickup at {@code outlet} of {@code toBank}, as
   * the holder asked.
   */
  public static String applicationChanged(
      String cardId,
      long sequence,
      String occurredAt,
      String fromBank,
      String toBank,
      String outlet) {
    return envelope(
        cardId,
        sequence,
        "ApplicationChanged",
        occurredAt,
        "CITIZEN",
        "JINGTONG_MINI_PROGRAM",
        "{\"fromBankCode\":\""
            + fromBank
            + "\",\"bankCode\":\""
            + toBank
            + "\",\"collection\":{\"method\":\"OUTLET_PICKUP\",\"outletName\":\""
            + outlet
            + "\"},\"outlet\":{\"name\":\""
            + outlet
            + "\"}}");
  }

  /** S-WITHDRAW-1: the applicant withdrew the application. */
  public static String withdrawn(String cardId, long sequence, String occurredAt) {
    return envelope(
        cardId,
        sequence,
        "ApplicationWithdrawn",
        occurredAt,
        "CITIZEN",
        "JINGTONG_MINI_PROGRAM",
        "{\"reason\":\"BY_APPLICANT\"}");
  }

  /** S-END-1: an operator cancelled the card, the holder having died. */
  public static String cancelled(String cardId, long sequence, String occurredAt) {
    return envelope(
        cardId,
        sequence,
        "CardCancelled",
        occurredAt,
        "OPERATOR",
        "OPERATOR_CONSOLE",
        "{\"reason\":\"DECEASED\",\"source\":\"OPERATOR\",\"note\":\"死亡登记核实\"}");
  }

  /**
   * An application by mail, not published: the first of a card's events for {@link
   * #publishTogether}.
   */
  public static String requestedByMailJsonOf(
      String cardId, String bank, String channel, String occurredAt) {
    return requestedByMailJson(cardId, bank, channel, occurredAt);
  }

  /** A card's events in one send, in order: consumed together. */
  public static void publishTogether(String cardId, String... events) {
    new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
        .send(
            Topics.CARD_LIFECYCLE,
            cardId,
            Arrays.stream(events).map(e -> e.getBytes(StandardCharsets.UTF_8)).toList());
  }

  /** Applications of many cards by mail, each keyed by its card id, through one producer. */
  public static void requestedByMail(
      Collection<String> cardIds, String bank, String channel, String occurredAt) {
    Properties props = new Properties();
    props.put("bootstrap.servers", LocalInfrastructure.shared().kafka().bootstrapServers());
    props.put("acks", "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (String cardId : cardIds) {
        byte[] json =
            requestedByMailJson(cardId, bank, channel, occurredAt).getBytes(StandardCharsets.UTF_8);
        sent.add(producer.send(new ProducerRecord<>(Topics.CARD_LIFECYCLE, cardId, json)));
      }
      for (Future<RecordMetadata> acknowledged : sent) {
        acknowledged.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not send the applications", e);
    }
  }

  private static String envelope(
      String cardId,
      long sequence,
      String type,
      String occurredAt,
      String role,
      String channel,
      String payload) {
    return "{\"eventId\":\""
        + UUID.nameUUIDFromBytes((cardId + "#" + sequence).getBytes(StandardCharsets.UTF_8))
        + "\",\"eventType\":\""
        + type
        + "\",\"eventVersion\":1,\"cardId\":\""
        + cardId
        + "\",\"sequence\":"
        + sequence
        + ",\"occurredAt\":\""
        + occurredAt
        + "\",\"actor\":{\"role\":\""
        + role
        + "\",\"id\":\"test\"},\"channel\":\""
        + channel
        + "\",\"correlationId\":\""
        + UUID.randomUUID()
        + "\",\"payload\":"
        + payload
        + "}";
  }

  private static void publish(String cardId, String json) {
    new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
        .send(Topics.CARD_LIFECYCLE, cardId, List.of(json.getBytes(StandardCharsets.UTF_8)));
  }
}
