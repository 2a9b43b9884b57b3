package cn.bj.hrss.card.contract.codec;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One golden JSON sample per published event type and version, under {@code /golden/v{version}/}.
 * The producer's tests check that it writes exactly this JSON; every consumer's tests feed it in.
 * All samples belong to one card: requested, produced, dispatched to an outlet, collected there and
 * enabled (sequences 0 to 4); CardDelivered is the mail path's alternative to CardCollected at
 * sequence 3.
 */
public final class GoldenSamples {

  /** The card id all samples share. */
  public static final String CARD_ID = "7d1f3c52-4b9e-4e0a-9c61-2f8a5d0b6e14";

  private GoldenSamples() {}

  public static String json(EventType type) {
    return read("/golden/v" + type.version() + "/" + type.name() + ".json");
  }

  private static String read(String path) {
    try (var in = GoldenSamples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden sample " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The golden sample of {@code type} moved to another card, so that tests share no state. */
  public static byte[] jsonForCard(EventType type, String cardId) {
    return json(type).replace(CARD_ID, cardId).getBytes(StandardCharsets.UTF_8);
  }

  /** The golden ProductionOverdue alert of {@code production-alerts.v1}. */
  public static String productionOverdueJson() {
    return read("/golden/alerts/v1/ProductionOverdue.json");
  }

  public static EventEnvelope envelope(EventType type) {
    return EventCodec.decode(json(type).getBytes(StandardCharsets.UTF_8));
  }
}
