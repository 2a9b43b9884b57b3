package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;

/**
 * A record this build cannot read: not an event envelope, or an event type or version it does not
 * know. Its reason is short and never quotes the record, so it may go into logs and dead-letter
 * headers; the envelope is there when the record was an envelope of an unknown type or version.
 */
public final class UnreadableRecordException extends RuntimeException {

  private static final int MAX_REASON = 160;

  private final transient EventEnvelope envelope;

  public UnreadableRecordException(String reason, EventEnvelope envelope) {
    super(reason);
    this.envelope = envelope;
  }

  /** The envelope of an unknown type or version; null when the record was not an envelope. */
  public EventEnvelope envelope() {
    return envelope;
  }

  /**
   * A short reason for {@code e} that does not quote the record: a parser's message may ("not JSON:
   * Unrecognized token 'Wang'..."), so only what comes before the first colon is kept.
   */
  public static String reasonOf(RuntimeException e) {
    if (e instanceof UnreadableRecordException) {
      return e.getMessage();
    }
    String message = String.valueOf(e.getMessage());
    int colon = message.indexOf(": ");
    String reason = "unreadable: " + (colon < 0 ? message : message.substring(0, colon));
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
  }

  /** The same for a {@link MalformedEventException}, as a dead letter's reason. */
  public static UnreadableRecordException of(MalformedEventException e) {
    return new UnreadableRecordException(reasonOf(e), null);
  }
}
