package cn.bj.hrss.card.factorysim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.TrackingNumber;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The simulated factory's card numbers are valid card numbers, stable per card. */
class SimulatedNumbersTest {

  @Test
  void card_numbers_match_the_card_number_format_and_are_stable() {
    for (int i = 0; i < 1000; i++) {
      String cardId = UUID.randomUUID().toString();
      String number = FactorySimulator.cardNumber(cardId);
      assertTrue(number.matches("[0-9A-Z]{9}"), number);
      assertEquals(number, FactorySimulator.cardNumber(cardId));
      assertTrue(TrackingNumber.isValid(FactorySimulator.trackingNumber(cardId)));
    }
  }
}
