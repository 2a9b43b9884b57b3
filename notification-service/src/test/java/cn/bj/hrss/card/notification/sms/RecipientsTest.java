package cn.bj.hrss.card.notification.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One place decides the recipient; mobiles are compared as 11 digits and masked in listings. */
class RecipientsTest {

  private static CardRequested requested(String json) {
    return (CardRequested) EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)).payload();
  }

  @Test
  void the_applicants_mobile_is_the_recipient_with_its_prefix_dropped() {
    String json =
        GoldenSamples.json(EventTypes.require(CardRequested.class))
            .replace("\"13800138000\"", "\"+8613912345678\"");

    assertEquals(Optional.of("13912345678"), Recipients.of(requested(json)));
    assertEquals(Optional.of("13800138000"), Recipients.mobile("0086 138-0013-8000"));
    assertEquals(Optional.empty(), Recipients.mobile("12345678901"));
  }

  @Test
  void a_guardian_named_in_the_application_receives_the_notices() {
    assumeTrue(
        Arrays.stream(CardRequested.class.getRecordComponents())
            .anyMatch(c -> c.getName().equals("guardian")),
        "the contract has no guardian field yet");
    String json =
        GoldenSamples.json(EventTypes.require(CardRequested.class))
            .replace(
                "\"bankCode\"",
                "\"guardian\": {\"idNumber\": \"440524188001010014\", \"name\": \"王大明\","
                    + " \"mobile\": \"13700137000\"}, \"bankCode\"");

    assertEquals(Optional.of("13700137000"), Recipients.of(requested(json)));
  }

  @Test
  void mobiles_and_addresses_are_masked() {
    assertEquals("138****8000", Masking.mobile("13800138000"));
    assertEquals("北京市海淀区****", Masking.address("北京市海淀区中关村大街1号"));
  }
}
