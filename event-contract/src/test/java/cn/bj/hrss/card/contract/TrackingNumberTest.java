package cn.bj.hrss.card.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.TrackingNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R-PICK-3: a tracking number is a carrier's code, never free text (issue 16 item 4). */
class TrackingNumberTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "EA123456785CN",
        "EE000000005CN",
        "EM987654326CN",
        "1180123456789",
        "9876543210123",
        "SF123456789012",
        "SF1234567890123"
      })
  void a_carriers_tracking_number_is_accepted(String number) {
    assertTrue(TrackingNumber.isValid(number), number);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "EMS1234567890",
        "EMS99",
        "EA123456784CN",
        "QQ123456785CN",
        "EA123456785US",
        "SIM0123456789",
        "ea123456785cn",
        "EA12345678CN",
        "SF12345678901",
        "SF12345678901234",
        "0101234567890",
        "8613812345678",
        "1061234567890",
        "123456789012",
        "请致电01012345678",
        "SF1234567890123 ",
        "EA123456785CN\n",
        "工商银行北京朝阳门支行"
      })
  void anything_else_is_refused(String text) {
    assertFalse(TrackingNumber.isValid(text), text);
  }
}
