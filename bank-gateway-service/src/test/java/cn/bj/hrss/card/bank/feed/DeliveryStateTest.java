package cn.bj.hrss.card.bank.feed;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.bank.support.TestCard;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Per bank, how far behind its feed it is, over REST and over Kafka. ABC is this test's alone. */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class DeliveryStateTest {

  private static final String BANK = "ABC";

  private static JsonPath status() {
    return Banks.as(BANK).get("/banks/ABC/feed/status").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void a_bank_that_does_not_read_falls_behind_and_catches_up_when_it_reads() {
    long before = status().getLong("lastPosition");
    TestCard.requestedWith(BANK).produced().publish();
    TestCard.requestedWith(BANK).produced().publish();
    long last = before + 4;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonPath s = status();
              return s.getLong("lastPosition") == last && s.getLong("unpublished") == 0;
            });
    Banks.as(BANK)
        .get("/banks/ABC/feed/status")
        .then()
        .body("unacknowledged", equalTo((int) (last - status().getLong("acknowledged"))))
        .body("oldestUnacknowledgedAt", notNullValue())
        .body("kafka.topic", equalTo("bank.ABC.cards.v1"))
        .body("kafka.records", equalTo((int) last));

    readTheTopicAs("bank.ABC.core");
    Banks.as(BANK)
        .contentType("application/json")
        .body("{\"upTo\": " + last + "}")
        .post("/banks/ABC/feed/acknowledgements")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Banks.as(BANK)
                    .get("/banks/ABC/feed/status")
                    .then()
                    .body("unacknowledged", equalTo(0))
                    .body("kafka.consumerGroups.groupId", equalTo(List.of("bank.ABC.core")))
                    .body("kafka.consumerGroups[0].lag", equalTo(0)));
    Banks.asOperator()
        .get("/bank-feeds")
        .then()
        .statusCode(200)
        .body("bankCode", hasItem(BANK))
        .body("find { it.bankCode == 'ABC' }.unacknowledged", equalTo(0));
  }

  /** The bank's own Kafka consumer, in a group of its prefix: it reads all and commits. */
  private static void readTheTopicAs(String group) {
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        LocalInfrastructure.shared().kafka().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("bank.ABC.cards.v1"));
      long idle = 0;
      while (idle < 3) {
        idle = consumer.poll(Duration.ofSeconds(1)).isEmpty() ? idle + 1 : 0;
        consumer.commitSync();
      }
    }
  }
}
