package cn.bj.hrss.card.consumer.observability;

import cn.bj.hrss.card.consumer.ConsumerGroups;
import cn.bj.hrss.card.observability.ObservabilityKafkaAdmin;
import cn.bj.hrss.card.observability.PolledGauges;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code card.events.consumer.lag}: records of the card topic after the committed offsets of this
 * service's consumer group, over all partitions (the whole group's lag, so every instance of a
 * service reports the same number: take the max, not the sum). Measured through the shared Admin
 * client by {@link PolledGauges}; registered only in a service that has a consumer group ({@code
 * card-events.group-id}).
 */
@ApplicationScoped
public class ConsumerLagGauge {

  public static final String NAME = "card.events.consumer.lag";

  void register(
      @Observes @Initialized(ApplicationScoped.class) Object started,
      PolledGauges gauges,
      ObservabilityKafkaAdmin kafka) {
    Config config = ConfigProvider.getConfig();
    Optional<String> group = config.getOptionalValue("card-events.group-id", String.class);
    if (group.isEmpty()) {
      return;
    }
    String topic = config.getValue("card-events.topic", String.class);
    gauges.register(
        NAME,
        "Records of the card topic not yet committed by this service's consumer group",
        Tags.of("topic", topic, "group", group.get()),
        () -> lag(kafka, group.get(), topic));
  }

  /** The group's lag; 0 while the topic does not exist yet (nothing has been published). */
  static long lag(ObservabilityKafkaAdmin kafka, String group, String topic) throws Exception {
    try {
      return ConsumerGroups.lag(kafka.admin(), group, topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return 0;
      }
      throw e;
    }
  }
}
