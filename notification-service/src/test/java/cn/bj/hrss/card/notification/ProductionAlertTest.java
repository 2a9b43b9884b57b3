package cn.bj.hrss.card.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** card-production-service's ProductionOverdue alert tells the holder once, even redelivered. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class ProductionAlertTest {

  @Test
  void an_overdue_alert_sent_twice_gives_one_message() {
    TestCard card = TestCard.fresh();
    card.publish(card.requested());
    byte[] alert =
        GoldenSamples.productionOverdueJson()
            .replace(GoldenSamples.CARD_ID, card.id)
            .getBytes(StandardCharsets.UTF_8);

    new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
        .send(Topics.PRODUCTION_ALERTS, card.id, List.of(alert, alert));

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED");
    assertEquals("PRODUCTION_OVERDUE", messages.getString("[1].template"));
    assertEquals(
        "【北京人社】您的第三代社会保障卡应于2025年4月2日前制作完成，目前已超期，我们正在督促加快制作，完成后将短信通知您。",
        messages.getString("[1].body"));
    assertEquals(2, Wire.requestsFor(card.mobile).size());
  }
}
