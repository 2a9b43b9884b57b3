package cn.bj.hrss.card.consumer.deadletter;

import cn.bj.hrss.card.consumer.CardEventHandler;
import cn.bj.hrss.card.consumer.UnreadableRecordException;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters.Entry;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters.Outcome;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The re-drive of dead letters through the live handler: a card's waiting dead letters in order,
 * under its parked row's lock (the live consumer waits meanwhile to decide about its next event). A
 * card whose dead letters all apply is unparked; at the first that fails it stays parked with the
 * new reason. A duplicate dead letter is applied once: the handler's position claim skips it.
 */
final class Redrive {

  private static final Logger LOG = Logger.getLogger(Redrive.class);

  private final DeadLetterStore store;
  private final DeadLetterTopic topic;
  private final Function<byte[], EventEnvelope> reader;

  Redrive(DeadLetterStore store, DeadLetterTopic topic, Function<byte[], EventEnvelope> reader) {
    this.store = store;
    this.topic = topic;
    this.reader = reader;
  }

  /** A card's waiting dead letters (every card's, and those without a card, if null). */
  List<Outcome> run(String cardId, CardEventHandler handler) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    if (cardId != null) {
      outcomes.add(card(cardId, handler));
      return outcomes;
    }
    for (String card : store.waitingCards()) {
      outcomes.add(card(card, handler));
    }
    for (Entry alone : store.list(null, false)) {
      if (alone.cardId() == null) {
        outcomes.add(alone(alone, handler));
      }
    }
    return outcomes;
  }

  private Outcome card(String cardId, CardEventHandler handler) throws Exception {
    try (Connection connection = store.dataSource().getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        // Held until the end: the live consumer waits to decide about this card's next event.
        boolean parked = DeadLetterStore.lockParked(connection, cardId) != null;
        List<Entry> waiting = DeadLetterStore.waiting(connection, cardId);
        Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> records =
            topic.fetch(waiting);
        int applied = 0;
        for (Entry entry : waiting) {
          String failure = apply(records, entry, handler);
          if (failure != null) {
            DeadLetterStore.markFailed(connection, entry, failure);
            if (parked) {
              DeadLetterStore.reparkWith(connection, cardId, failure);
            } else {
              DeadLetterStore.park(connection, cardId, failure, Instant.now());
            }
            connection.commit();
            LOG.warnf("re-drive of card %s stopped after %d events: %s", cardId, applied, failure);
            return new Outcome(cardId, applied, true, failure);
          }
          DeadLetterStore.markDone(connection, entry);
          applied++;
        }
        DeadLetterStore.unpark(connection, cardId);
        connection.commit();
        LOG.infof("re-drove card %s: %d dead letters applied; unparked", cardId, applied);
        return new Outcome(cardId, applied, false, null);
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private Outcome alone(Entry entry, CardEventHandler handler) throws Exception {
    String failure = apply(topic.fetch(List.of(entry)), entry, handler);
    try (Connection connection = store.dataSource().getConnection()) {
      if (failure == null) {
        DeadLetterStore.markDone(connection, entry);
      } else {
        DeadLetterStore.markFailed(connection, entry, failure);
      }
    }
    return new Outcome(null, failure == null ? 1 : 0, false, failure);
  }

  /** Applies one dead letter; returns why it failed, or null. */
  private String apply(
      Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> records,
      Entry entry,
      CardEventHandler handler) {
    ConsumerRecord<String, byte[]> record =
        records
            .getOrDefault(new TopicPartition(topic.name(), entry.partition()), Map.of())
            .get(entry.offset());
    if (record == null) {
      return "not found in " + topic.name();
    }
    try {
      handler.handle(reader.apply(record.value()));
      return null;
    } catch (UnreadableRecordException | MalformedEventException e) {
      return UnreadableRecordException.reasonOf(e);
    } catch (Exception e) {
      LOG.warnf(
          e, "re-drive of %s-%d offset %d failed", topic.name(), entry.partition(), entry.offset());
      // A handler's message may hold values of the event; a sequence gap's does not.
      String reason =
          e.getClass().getSimpleName().equals("SequenceGapException")
              ? e.getMessage()
              : "not applied: " + e.getClass().getSimpleName();
      return reason.length() <= 200 ? reason : reason.substring(0, 200);
    }
  }
}
