package cn.bj.hrss.card.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.IdNumber;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayEventTest {

  @Test
  void everyReplayedCardIsAPersonOfItsOwn() {
    Set<String> idNumbers = new HashSet<>();
    Set<String> mobiles = new HashSet<>();
    for (int c = 0; c < 3000; c++) {
      CardRequested requested =
          (CardRequested)
              EventCodec.decode(Replay.replayEvent(CardRequested.class, "card-" + c, c)).payload();
      assertEquals("card-" + c, requested.cardId());
      assertNotEquals(Replay.GOLDEN_ID_NUMBER, requested.applicant().idNumber());
      assertTrue(checksumHolds(requested.applicant().idNumber()), requested.applicant().idNumber());
      idNumbers.add(requested.applicant().idNumber());
      mobiles.add(requested.applicant().mobile());
    }
    assertEquals(3000, idNumbers.size());
    assertEquals(3000, mobiles.size());
  }

  @Test
  void theOtherEventsAreTheGoldenSamplesMovedToTheCard() {
    assertEquals(
        "card-7", EventCodec.decode(Replay.replayEvent(CardProduced.class, "card-7", 7)).cardId());
  }

  /** GB 11643-1999's check character (the contract's one check, FACTS.md). */
  private static boolean checksumHolds(String id) {
    return id.length() == 18 && id.charAt(17) == IdNumber.checkCharacter(id);
  }
}
