package cn.bj.hrss.card.contract.codec;

import cn.bj.hrss.card.contract.alert.ProductionOverdue;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads and writes the alerts of {@code production-alerts.v1} as JSON (docs/event-contract.md). */
public final class AlertCodec {

  private static final ObjectMapper MAPPER = EventCodec.newObjectMapper();

  private AlertCodec() {}

  public static byte[] encode(ProductionOverdue alert) {
    try {
      return MAPPER.writeValueAsBytes(alert);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode alert " + alert.alertId(), e);
    }
  }

  /**
   * @throws MalformedEventException when the bytes are not a ProductionOverdue alert
   */
  public static ProductionOverdue decode(byte[] json) {
    if (json == null) {
      throw new MalformedEventException("no value", null);
    }
    try {
      ProductionOverdue alert = MAPPER.readValue(json, ProductionOverdue.class);
      if (alert.alertId() == null || alert.cardId() == null || alert.dueDate() == null) {
        throw new MalformedEventException("alert without alertId, cardId or dueDate", null);
      }
      return alert;
    } catch (IOException e) {
      throw new MalformedEventException("not a ProductionOverdue alert: " + e.getMessage(), e);
    }
  }
}
