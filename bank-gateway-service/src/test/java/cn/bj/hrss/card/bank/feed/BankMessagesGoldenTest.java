package cn.bj.hrss.card.bank.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.card.BankCard;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bank feed format v1, checked against its golden samples ({@code bank-feed/v1/}): each golden
 * card event of the contract, as the card's bank (ICBC, and CCB after the retiree's bank change)
 * receives it. The samples are the documented format: a change to them is a change of the banks'
 * contract.
 */
class BankMessagesGoldenTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The golden card as ICBC knew it before each event: enabled, holder and number known. */
  private static final BankCard BEFORE =
      new BankCard(
          GoldenSamples.CARD_ID,
          "ICBC",
          "ACTIVE",
          "王小明",
          "11010519491231002X",
          "13800138000",
          "OUTLET_PICKUP",
          "工商银行北京朝阳门支行",
          null,
          "A12345678",
          null,
          true,
          false,
          null,
          null,
          Instant.parse("2025-03-03T01:15:30Z"),
          Instant.parse("2025-03-14T07:55:00Z"));

  @Test
  void every_golden_card_event_gives_the_golden_bank_messages() throws IOException {
    List<String> checked = new ArrayList<>();
    for (EventType type : EventTypes.ALL) {
      EventEnvelope event = GoldenSamples.envelope(type);
      BankCard before = type.name().equals("CardRequested") ? null : BEFORE;
      for (BankMessage message : BankMessages.derive(event, before)) {
        String name = message.messageType();
        JsonNode expected = golden(name);
        JsonNode actual = JSON.readTree(BankMessageCodec.encode(message.at(1)));
        assertEquals(expected, actual, "bank-feed/v1/" + name + ".json");
        checked.add(name);
      }
    }
    assertEquals(
        List.of(MessageType.values()).stream().map(Enum::name).sorted().toList(),
        checked.stream().sorted().toList(),
        "one golden sample per message type");
  }

  @Test
  void events_no_bank_acts_on_give_no_message() {
    for (Class<?> type : List.of(CardProductionFailed.class, OldCardInvalidated.class)) {
      assertEquals(
          List.of(), BankMessages.derive(GoldenSamples.envelope(EventTypes.require(type)), BEFORE));
    }
  }

  @Test
  void a_bank_change_tells_the_old_bank_only_that_the_card_left() throws IOException {
    List<BankMessage> messages =
        BankMessages.derive(
            GoldenSamples.envelope(EventTypes.require(IssuingBankChanged.class)), BEFORE);
    BankMessage out = messages.get(0);
    assertEquals("ICBC", out.bankCode());
    String json = BankMessageCodec.encode(out);
    for (String unsaid : List.of("CCB", "王小明", "11010519491231002X", "13800138000")) {
      assertTrue(!json.contains(unsaid), "the old bank is told " + unsaid);
    }
    // Issue 16 item 3: exactly "this card (the one it issued, by its id and number) left", when.
    List<String> fields = new ArrayList<>();
    JSON.readTree(json).fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "version",
            "messageId",
            "messageType",
            "bankCode",
            "position",
            "cardId",
            "cardSequence",
            "eventId",
            "occurredAt",
            "cardNumber"),
        fields);
    assertEquals("CardTransferredOut", out.messageType());
  }

  @Test
  void a_message_carries_nothing_of_the_event_beyond_what_the_bank_needs() throws IOException {
    String json =
        BankMessageCodec.encode(
            BankMessages.derive(GoldenSamples.envelope(EventTypes.ALL.get(0)), null).get(0));
    for (String unsaid :
        List.of("wx-openid", "JINGTONG_MINI_PROGRAM", "c0ffee00", "RETIREE", "CITIZEN", "actor")) {
      assertTrue(!json.contains(unsaid), "the bank is told " + unsaid);
    }
  }

  @Test
  void a_message_id_is_the_same_whenever_it_is_derived() {
    EventEnvelope event = GoldenSamples.envelope(EventTypes.ALL.get(0));
    assertEquals(
        BankMessages.derive(event, null).get(0).messageId(),
        BankMessages.derive(event, null).get(0).messageId());
  }

  private static JsonNode golden(String messageType) throws IOException {
    String path = "/bank-feed/v1/" + messageType + ".json";
    try (InputStream in = BankMessagesGoldenTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError("no golden sample " + path);
      }
      return JSON.readTree(in);
    }
  }
}
