package cn.bj.hrss.card.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** R-LOSS-1: a replacement card made on the spot gives its holder one bank-signed notice. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class ReplacementNoticeTest {

  @Test
  void a_replacement_issued_on_the_spot_is_confirmed_by_the_issuing_bank() {
    TestCard card = TestCard.fresh();

    card.publish(card.replacementIssued("工商银行北京西单支行"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertEquals(1, Wire.textsReceivedBy(card.mobile).size()));
    assertEquals(
        List.of("【工商银行】您补领（换领）的第三代社会保障卡已在工商银行北京西单支行办理完成，原卡同时停止使用。"),
        Wire.textsReceivedBy(card.mobile));
  }
}
