package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OldGenerationCardsTest {

  @Test
  void R_LOSS_2_in_the_concentrated_phase_an_old_card_is_replaced_the_old_way() {
    assertEquals(
        "R-LOSS-2",
        OldGenerationCards.replacementAnswer(false, LocalDate.of(2025, 12, 31)).ruleId());
  }

  @Test
  void R_PHASE_2_from_2026_01_01_every_replacement_is_third_generation() {
    assertEquals(
        "R-PHASE-2",
        OldGenerationCards.replacementAnswer(false, LocalDate.of(2026, 1, 1)).ruleId());
  }

  @Test
  void R_LOSS_1_a_holder_of_a_third_generation_card_goes_to_an_instant_outlet() {
    assertEquals(
        "R-LOSS-1", OldGenerationCards.replacementAnswer(true, LocalDate.of(2025, 6, 1)).ruleId());
  }
}
