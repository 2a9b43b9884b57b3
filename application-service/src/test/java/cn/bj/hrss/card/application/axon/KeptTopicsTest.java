package cn.bj.hrss.card.application.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.identity.KeptTopics;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Against the real broker: a suite topic always ends up kept forever. */
class KeptTopicsTest {

  private final Properties admin = new Properties();

  KeptTopicsTest() {
    admin.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        LocalInfrastructure.shared().kafka().bootstrapServers());
  }

  private String retentionOf(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin client = Admin.create(admin)) {
      return client
          .describeConfigs(List.of(resource))
          .all()
          .get()
          .get(resource)
          .get("retention.ms")
          .value();
    }
  }

  @Test
  void a_new_topic_is_created_with_its_partitions_and_kept_forever() throws Exception {
    String topic = "card-topic-test-" + UUID.randomUUID();

    KeptTopics.ensure(admin, topic, 3, (short) 1);

    assertEquals("-1", retentionOf(topic));
    try (Admin client = Admin.create(admin)) {
      assertEquals(
          3,
          client
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .size());
    }
  }

  @Test
  void a_topic_that_existed_with_a_time_limit_is_set_to_keep_forever() throws Exception {
    String topic = "card-topic-test-" + UUID.randomUUID();
    try (Admin client = Admin.create(admin)) {
      client
          .createTopics(
              List.of(
                  new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "604800000"))))
          .all()
          .get();
    }

    KeptTopics.ensure(admin, topic, 6, (short) 1);

    assertEquals("-1", retentionOf(topic));
  }
}
