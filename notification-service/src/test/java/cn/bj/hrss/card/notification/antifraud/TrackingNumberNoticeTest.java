package cn.bj.hrss.card.notification.antifraud;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.TrackingNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every tracking number a dispatch may carry (the carriers' formats of the contract's {@link
 * TrackingNumber}) gives a mailed notice the anti-fraud policy lets through: a code, never taken
 * for a phone number or a card number.
 */
class TrackingNumberNoticeTest {

  private static final String MAILED =
      "【北京人社】您的社会保障卡已交邮寄送，快递单号%s，请注意查收。收到后可通过线上或线下渠道启用社保功能（含就医结算）；金融功能须本人持卡到发卡银行任一服务网点现场激活。";

  private static List<String> generated(Random random) {
    List<String> numbers =
        new ArrayList<>(List.of("EA123456785CN", "1180123456789", "SF1234567890123"));
    for (int i = 0; i < 1000; i++) {
      String serial = digits(random, 8);
      numbers.add("E" + letter(random) + serial + TrackingNumber.s10CheckDigit(serial) + "CN");
      numbers.add((1 + random.nextInt(9)) + digits(random, 12));
      numbers.add("SF" + digits(random, 12 + random.nextInt(2)));
    }
    return numbers;
  }

  private static String letter(Random random) {
    return String.valueOf((char) ('A' + random.nextInt(26)));
  }

  private static String digits(Random random, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }

  @Test
  void a_mailed_notice_with_any_carriers_tracking_number_passes_the_policy() {
    int checked = 0;
    for (String number : generated(new Random(16))) {
      if (!TrackingNumber.isValid(number)) {
        continue; // a domestic EMS number that starts like a phone number is not a tracking number
      }
      checked++;
      AntiFraudPolicy.Verdict verdict = AntiFraudPolicy.checkOutgoing(MAILED.formatted(number));
      assertTrue(verdict.allowed(), number + ": " + verdict.reason());
    }
    assertTrue(checked > 2900, "tracking numbers checked: " + checked);
  }
}
