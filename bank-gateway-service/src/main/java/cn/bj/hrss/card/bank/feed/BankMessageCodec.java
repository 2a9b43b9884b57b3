package cn.bj.hrss.card.bank.feed;

import cn.bj.hrss.card.contract.codec.EventCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bank feed format's JSON: the conventions of the card events' contract (ISO-8601 instants,
 * absent fields left out, unknown fields ignored when read).
 */
public final class BankMessageCodec {

  private static final ObjectMapper MAPPER = EventCodec.newObjectMapper();

  private BankMessageCodec() {}

  public static String encode(BankMessage message) {
    try {
      return MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode message " + message.messageId(), e);
    }
  }

  public static BankMessage decode(String json) {
    try {
      return MAPPER.readValue(json, BankMessage.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
