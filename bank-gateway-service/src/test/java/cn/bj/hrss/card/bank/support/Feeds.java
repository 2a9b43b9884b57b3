package cn.bj.hrss.card.bank.support;

import cn.bj.hrss.card.bank.feed.BankMessage;
import cn.bj.hrss.card.bank.feed.BankMessageCodec;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A bank's feed as the bank reads it: its Kafka topic with a stock consumer, or its REST feed. */
public final class Feeds {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Feeds() {}

  /**
   * Every record of the bank's topic, from the start to the end as of now, read by a plain Kafka
   * consumer with string deserializers (nothing of this project's code but the record's decoding).
   */
  public static List<BankMessage> topic(String bankCode) {
    String topic = "bank." + bankCode + ".cards.v1";
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        LocalInfrastructure.shared().kafka().bootstrapServers());
    List<BankMessage> messages = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) {
        return messages;
      }
      Set<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toSet());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          BankMessage message = BankMessageCodec.decode(record.value());
          if (!record.key().equals(message.cardId())) {
            throw new AssertionError("record key " + record.key() + " is not its card id");
          }
          messages.add(message);
        }
      }
    }
    return messages;
  }

  /** Every message of the bank's REST feed from position 1, page by page, as the bank. */
  public static List<BankMessage> rest(String bankCode) {
    List<BankMessage> messages = new ArrayList<>();
    long from = 1;
    while (true) {
      JsonNode page = page(bankCode, from, 50);
      if (page.path("messages").isEmpty()) {
        return messages;
      }
      for (JsonNode message : page.path("messages")) {
        messages.add(BankMessageCodec.decode(message.toString()));
      }
      from = page.path("next").asLong();
    }
  }

  /** One page of the bank's REST feed, as the bank; {@code from} null for the default. */
  public static JsonNode page(String bankCode, Long from, int limit) {
    var request = Banks.as(bankCode).queryParam("limit", limit);
    if (from != null) {
      request = request.queryParam("from", from);
    }
    String body =
        request.get("/banks/{bank}/feed", bankCode).then().statusCode(200).extract().asString();
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message types of one card in a feed, in feed order. */
  public static List<String> typesOf(List<BankMessage> feed, String cardId) {
    return feed.stream()
        .filter(m -> m.cardId().equals(cardId))
        .map(BankMessage::messageType)
        .toList();
  }
}
