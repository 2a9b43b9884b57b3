package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OldGenerationCardsTest {

  @Test
  void R_LOSS_2_in_the_concentrated_phase_an_old_card_is_replaced_the_old_way() {
    assertEquals(
        "R-LOSS-2",
        OldGenerationCards.replacementAnswer(null, LocalDate.of(2025, 12, 31)).ruleId());
  }

  @Test
  void R_PHASE_2_from_2026_01_01_every_replacement_is_third_generation() {
    assertEquals(
        "R-PHASE-2", OldGenerationCards.replacementAnswer(null, LocalDate.of(2026, 1, 1)).ruleId());
  }

  @ParameterizedTest
  @EnumSource(
      value = CardStatus.class,
      names = {"COLLECTED", "DELIVERED", "ACTIVE"})
  void R_LOSS_1_a_holder_of_a_third_generation_card_goes_to_an_instant_outlet(CardStatus inHand) {
    RuleViolation answer = OldGenerationCards.replacementAnswer(inHand, LocalDate.of(2025, 6, 1));

    assertEquals("R-LOSS-1", answer.ruleId());
    assertTrue(answer.citizenMessage().contains("即时制卡服务网点"), answer.citizenMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = CardStatus.class,
      names = {"REQUESTED", "PRODUCTION_FAILED", "PRODUCED", "DISPATCHED"})
  void R_LOSS_1_a_person_whose_new_card_has_not_arrived_is_not_sent_to_an_instant_outlet(
      CardStatus notArrived) {
    RuleViolation answer =
        OldGenerationCards.replacementAnswer(notArrived, LocalDate.of(2025, 6, 1));

    assertEquals("R-LOSS-1", answer.ruleId());
    assertFalse(answer.citizenMessage().contains("即时制卡"), answer.citizenMessage());
    assertTrue(answer.citizenMessage().contains("原社保卡照常使用"), answer.citizenMessage());
    assertTrue(answer.citizenMessage().contains(notArrived.chineseName()), answer.citizenMessage());
  }
}
