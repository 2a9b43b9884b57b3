package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.IdNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002X", "440524188001010014"})
  void the_examples_of_facts_md_pass(String value) {
    assertTrue(IdNumber.isValid(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "110105194912310021", // wrong check character
        "11010519491231002x", // lower-case x
        "110105194902310026", // right check character, but 31 February
        "1101051949123100", // too short
        ""
      })
  void malformed_numbers_fail(String value) {
    assertFalse(IdNumber.isValid(value));
  }

  @Test
  void masking_keeps_region_and_last_four() {
    assertEquals("110105********002X", Masking.idNumber("11010519491231002X"));
    assertEquals("138****8000", Masking.mobile("13800138000"));
    assertEquals("王*明", Masking.name("王小明"));
    assertEquals("李*", Masking.name("李四"));
  }
}
