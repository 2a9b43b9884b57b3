package cn.bj.hrss.card.bank.feed;

import java.time.Instant;
import java.util.List;

/**
 * How far one bank is behind its feed, over REST and over Kafka.
 *
 * @param lastPosition the feed's last position (the number of messages it holds)
 * @param lastMessageAt when the card event of the last message occurred
 * @param acknowledged the position the bank acknowledged over REST
 * @param acknowledgedAt when it last moved its acknowledgement
 * @param unacknowledged messages after the acknowledged position
 * @param oldestUnacknowledgedAt when the card event of the first unacknowledged message occurred
 * @param unpublished messages not yet on the bank's Kafka topic (the relay's backlog)
 * @param kafka the bank's topic and its consumer groups, or null when Kafka could not be asked
 */
public record FeedState(
    String bankCode,
    long lastPosition,
    Instant lastMessageAt,
    long acknowledged,
    Instant acknowledgedAt,
    long unacknowledged,
    Instant oldestUnacknowledgedAt,
    long unpublished,
    KafkaState kafka) {

  /**
   * The bank's Kafka topic.
   *
   * @param records records on the topic (a message re-sent after a failed relay round counts twice)
   * @param consumerGroups the bank's consumer groups ({@code bank.<BANK>.*}) with their lag
   * @param error why Kafka could not be asked, or null
   */
  public record KafkaState(
      String topic, long records, List<ConsumerGroupLag> consumerGroups, String error) {}

  /** A consumer group of the bank, and how many records of the topic it has not consumed yet. */
  public record ConsumerGroupLag(String groupId, long lag) {}

  public FeedState withKafka(KafkaState state) {
    return new FeedState(
        bankCode,
        lastPosition,
        lastMessageAt,
        acknowledged,
        acknowledgedAt,
        unacknowledged,
        oldestUnacknowledgedAt,
        unpublished,
        state);
  }
}
