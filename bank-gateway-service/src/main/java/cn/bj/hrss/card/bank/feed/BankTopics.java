package cn.bj.hrss.card.bank.feed;

import cn.bj.hrss.card.identity.KeptTopics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * The banks' Kafka topics, {@code bank.<BANK>.cards.v1}: one per bank, keyed by card id, kept
 * forever ({@code retention.ms=-1}). Created by this service the first time a bank has a message;
 * an existing topic with another retention is set to keep forever.
 */
public final class BankTopics {

  private final int partitions;
  private final short replicationFactor;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  public BankTopics(int partitions, short replicationFactor) {
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
  }

  /** The topic of a bank's feed, format version 1. */
  public static String topic(String bankCode) {
    return "bank." + bankCode + ".cards.v1";
  }

  /** The prefix of the consumer groups a bank reads its topic with: {@code bank.<BANK>.}. */
  public static String groupPrefix(String bankCode) {
    return "bank." + bankCode + ".";
  }

  /** Creates the bank's topic unless this instance saw it ready before. */
  public void ensure(Admin admin, String bankCode) {
    String topic = topic(bankCode);
    if (ready.contains(topic)) {
      return;
    }
    KeptTopics.ensure(admin, topic, partitions, replicationFactor);
    ready.add(topic);
  }
}
