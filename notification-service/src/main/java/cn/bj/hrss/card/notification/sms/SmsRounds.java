package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.consumer.BatchedWrites;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.notification.sms.SmsProjection.Pending;
import cn.bj.hrss.card.notification.sms.SmsWrites.Lookup;
import cn.bj.hrss.card.notification.sms.SmsWrites.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@link SmsProjection}'s change of a poll's events by sets (ADR 33, ADR 34): in rounds (each
 * card's k-th event, card-event-consumer's {@link BatchedWrites#rounds}) of each of the poll's
 * parts ({@link #parts}). Per round: the writes that come before the messages' read (the contacts
 * it reads) sent as one batch per statement shape; the read done for the whole round in one
 * statement (template, contact and signing bank's name of every event), and on a rebuild's copy the
 * recorded verdicts in one more; then the messages, their outbox rows and the writes after the read
 * sent the same way. No change reads what it queued before the queue was sent.
 */
final class SmsRounds {

  private SmsRounds() {}

  static void changeAll(SmsProjection projection, Connection connection, List<EventEnvelope> events)
      throws SQLException {
    try (BatchedWrites writes = new BatchedWrites(connection)) {
      for (List<EventEnvelope> part : parts(projection, connection, events)) {
        for (List<EventEnvelope> round : BatchedWrites.rounds(part)) {
          List<Pending> pending = new ArrayList<>();
          for (EventEnvelope event : round) {
            Pending one = projection.before(writes, event);
            if (one != null) {
              pending.add(one);
            }
          }
          writes.flush();
          List<Lookup> lookups =
              SmsWrites.lookups(connection, pending.stream().map(Pending::ask).toList());
          List<Message> messages = new ArrayList<>();
          for (int i = 0; i < pending.size(); i++) {
            Message message = projection.after(writes, pending.get(i), lookups.get(i));
            if (message != null) {
              messages.add(message);
            }
          }
          Map<UUID, SmsWrites.Recorded> live = SmsWrites.liveVerdicts(connection, messages);
          for (Message message : messages) {
            projection.record(writes, message, live);
          }
          writes.flush();
        }
      }
    }
  }

  /**
   * The poll cut where one card's event depends on another card's: an application ({@code
   * CardRequested}, {@code ReplacementCardIssued}) reads the person's latest other card's mobile,
   * which a {@code MobileNumberChanged} of that card changes. Rounds reorder the cards' events, and
   * a round's mobile changes are sent after its reads; so a part ends before an application of a
   * person one of whose cards changed its mobile earlier in the part. An application is its card's
   * first event, so it is in the first round of its part, and a mobile change after it in the part
   * is sent after its read. The parts go in order, each in rounds: the result is that of one event
   * at a time. (Applications of one person in one round are one statement shape, sent in topic
   * order, each seeing the ones before.)
   */
  static List<List<EventEnvelope>> parts(
      SmsProjection projection, Connection connection, List<EventEnvelope> events)
      throws SQLException {
    Map<String, String> persons = new HashMap<>();
    List<String> mobileChanges = new ArrayList<>();
    for (EventEnvelope event : events) {
      String person = person(projection, event);
      if (person != null) {
        persons.put(event.cardId(), person);
      } else if (event.payload() instanceof MobileNumberChanged) {
        mobileChanges.add(event.cardId());
      }
    }
    if (persons.isEmpty() || mobileChanges.isEmpty()) {
      return List.of(events);
    }
    // The persons of the cards whose application came before the poll, in one statement.
    mobileChanges.removeIf(persons::containsKey);
    if (!mobileChanges.isEmpty()) {
      persons.putAll(SmsWrites.persons(connection, mobileChanges));
    }
    List<List<EventEnvelope>> parts = new ArrayList<>();
    List<EventEnvelope> part = new ArrayList<>();
    Set<String> changed = new HashSet<>();
    for (EventEnvelope event : events) {
      String person = persons.get(event.cardId());
      if (person(projection, event) != null && changed.contains(person)) {
        parts.add(part);
        part = new ArrayList<>();
        changed.clear();
      }
      part.add(event);
      if (event.payload() instanceof MobileNumberChanged && person != null) {
        changed.add(person);
      }
    }
    parts.add(part);
    return parts;
  }

  /** The person (pseudonym) an application event names, else null. */
  private static String person(SmsProjection projection, EventEnvelope event) {
    Applicant applicant =
        event.payload() instanceof CardRequested requested
            ? requested.applicant()
            : event.payload() instanceof ReplacementCardIssued issued ? issued.applicant() : null;
    return applicant == null ? null : projection.person(applicant.idNumber());
  }
}
