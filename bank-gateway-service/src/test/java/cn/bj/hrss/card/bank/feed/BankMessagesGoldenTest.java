package cn.bj.hrss.card.bank.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.card.BankCard;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
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

  /** The fields every message has: which card, which event, where in the feed. */
  private static final List<String> ENVELOPE =
      List.of(
          "version",
          "messageId",
          "messageType",
          "bankCode",
          "position",
          "cardId",
          "cardSequence",
          "eventId",
          "occurredAt");

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

  /** The golden application before production, as CCB knew it: moved to ICBC by the change. */
  private static final BankCard REQUESTED_AT_CCB =
      new BankCard(
          GoldenSamples.CARD_ID,
          "CCB",
          "REQUESTED",
          "王小明",
          "11010519491231002X",
          "13800138000",
          "MAIL",
          null,
          "北京市朝阳区建国路1号",
          null,
          null,
          false,
          false,
          null,
          null,
          Instant.parse("2025-03-03T01:15:30Z"),
          Instant.parse("2025-03-03T01:15:30Z"));

  @Test
  void every_golden_card_event_gives_the_golden_bank_messages() throws IOException {
    List<String> checked = new ArrayList<>();
    for (EventType type : EventTypes.ALL) {
      EventEnvelope event = GoldenSamples.envelope(type);
      BankCard before = type.name().equals("CardRequested") ? null : BEFORE;
      checked.addAll(checkGolden(BankMessages.derive(event, before), ""));
    }
    // S-CHANGE-1 to another bank: the golden change, applied to the card as CCB knew it.
    checked.addAll(
        checkGolden(
            BankMessages.derive(
                GoldenSamples.envelope(EventTypes.require(ApplicationChanged.class)),
                REQUESTED_AT_CCB),
            ".fromAnotherBank"));
    assertEquals(
        List.of(MessageType.values()).stream().map(Enum::name).sorted().toList(),
        checked.stream().filter(name -> !name.contains(".")).sorted().toList(),
        "one golden sample per message type");
  }

  /**
   * Each message against its golden sample, {@code bank-feed/v1/<type>.json} or, for a message type
   * whose plain sample another event gives, {@code <type><variant>.json}.
   */
  private static List<String> checkGolden(List<BankMessage> messages, String variant)
      throws IOException {
    List<String> names = new ArrayList<>();
    for (BankMessage message : messages) {
      String name = message.messageType();
      if (!variant.isEmpty() && !name.equals("ApplicationTransferredOut")) {
        name += variant;
      }
      JsonNode actual = JSON.readTree(BankMessageCodec.encode(message.at(1)));
      assertEquals(golden(name, actual), actual, "bank-feed/v1/" + name + ".json");
      names.add(name);
    }
    return names;
  }

  @Test
  void S_CHANGE_1_the_bank_that_loses_the_application_learns_only_that() throws IOException {
    List<BankMessage> messages =
        BankMessages.derive(
            GoldenSamples.envelope(EventTypes.require(ApplicationChanged.class)), REQUESTED_AT_CCB);
    BankMessage out = messages.get(0);
    assertEquals("CCB", out.bankCode());
    assertEquals("ApplicationTransferredOut", out.messageType());
    String json = BankMessageCodec.encode(out);
    for (String unsaid :
        List.of(
            "ICBC", "王小明", "11010519491231002X", "13800138000", "朝阳", "OUTLET_PICKUP", "MAIL")) {
      assertTrue(!json.contains(unsaid), "the old bank is told " + unsaid);
    }
    List<String> fields = new ArrayList<>();
    JSON.readTree(json).fieldNames().forEachRemaining(fields::add);
    assertEquals(ENVELOPE, fields);
    // The new bank gets the application as a new one, with the holder it needs.
    BankMessage in = messages.get(1);
    assertEquals(List.of("ICBC", "CardRequested"), List.of(in.bankCode(), in.messageType()));
    assertEquals("11010519491231002X", in.holder().idNumber());
    assertEquals("工商银行北京朝阳门支行", in.delivery().outletName());
  }

  @Test
  void S_PROXY_1_a_proxy_collection_gives_the_bank_the_proxy_masked_and_the_authorisation()
      throws IOException {
    EventEnvelope holder = GoldenSamples.envelope(EventTypes.require(CardCollected.class));
    EventEnvelope proxy =
        new EventEnvelope(
            holder.eventId(),
            holder.eventType(),
            holder.eventVersion(),
            holder.cardId(),
            holder.sequence(),
            holder.occurredAt(),
            holder.actor(),
            holder.channel(),
            holder.correlationId(),
            new CardCollected(
                "工商银行北京朝阳门支行",
                CardCollected.PROXY,
                new CardCollected.MaskedPerson("李*华", "110101********123X"),
                "SQ-2025-000123"));
    BankMessage message = BankMessages.derive(proxy, BEFORE).get(0);
    JsonNode actual = JSON.readTree(BankMessageCodec.encode(message.at(1)));
    assertEquals(golden("CardCollected.proxy", actual), actual);
    assertEquals("PROXY", message.collectedBy());
    assertEquals("110101********123X", message.proxy().idNumber());
    assertEquals("SQ-2025-000123", message.authorisation());
  }

  @Test
  void S_END_1_a_cancellation_gives_the_reason_code_never_the_operators_note() {
    BankMessage message =
        BankMessages.derive(GoldenSamples.envelope(EventTypes.require(CardCancelled.class)), BEFORE)
            .get(0);
    assertEquals("DECEASED", message.reason());
    assertTrue(!BankMessageCodec.encode(message).contains("民政部门"), "the note reached the bank");
  }

  @Test
  void events_no_bank_acts_on_give_no_message() {
    for (Class<?> type :
        List.of(CardProductionFailed.class, OldCardInvalidated.class, PickupPeriodEnding.class)) {
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
    List<String> expected = new ArrayList<>(ENVELOPE);
    expected.add("cardNumber");
    assertEquals(expected, fields);
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

  private static JsonNode golden(String messageType, JsonNode actual) throws IOException {
    String path = "/bank-feed/v1/" + messageType + ".json";
    try (InputStream in = BankMessagesGoldenTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError(
            "no golden sample " + path + "; the message is " + JSON.writeValueAsString(actual));
      }
      return JSON.readTree(in);
    }
  }
}
