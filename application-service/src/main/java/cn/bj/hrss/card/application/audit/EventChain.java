package cn.bj.hrss.card.application.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tamper-evidence chain of a card's events: each event's hash covers the previous event's hash
 * of the same card and everything stored of the event itself (id, sequence, type and version, time,
 * payload bytes as stored, and the metadata: actor, channel, correlation id). Changing any stored
 * event breaks its hash and every later one of the card.
 */
public final class EventChain {

  /** The metadata key under which each stored event carries its hash. */
  public static final String HASH_KEY = "chainHash";

  /** The "previous hash" of a card's first event. */
  public static final String GENESIS = "0".repeat(64);

  private EventChain() {}

  /** Everything of one stored event that the hash covers. */
  public record StoredEvent(
      String cardId,
      long sequence,
      String eventId,
      String payloadType,
      String payloadRevision,
      Instant timestamp,
      byte[] payload,
      Map<String, ?> metaData) {}

  public static String hash(String previousHash, StoredEvent event) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      field(sha, previousHash);
      field(sha, event.cardId());
      field(sha, Long.toString(event.sequence()));
      field(sha, event.eventId());
      field(sha, event.payloadType());
      field(sha, String.valueOf(event.payloadRevision()));
      // The store keeps the time to the millisecond (Axon's JDBC engine), so the hash does too.
      field(sha, event.timestamp().truncatedTo(ChronoUnit.MILLIS).toString());
      sha.update(event.payload());
      sha.update((byte) 0);
      Map<String, Object> sorted = new TreeMap<>(event.metaData());
      sorted.remove(HASH_KEY);
      sorted.forEach((key, value) -> field(sha, key + "=" + value));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void field(MessageDigest sha, String value) {
    sha.update(value.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
