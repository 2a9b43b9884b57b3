package cn.bj.hrss.card.observability;

import cn.bj.hrss.card.identity.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one Kafka Admin client a service uses for its readiness check and its consumer-lag gauge:
 * created on first use, with short timeouts so that a probe or a gauge refresh never waits long for
 * a broker that is away, and closed at shutdown. It connects to {@code
 * observability.kafka.bootstrap-servers}, which defaults to {@code kafka.bootstrap.servers}.
 */
@ApplicationScoped
public class ObservabilityKafkaAdmin {

  /** How long one Admin call may take before the broker counts as unreachable. */
  public static final Duration TIMEOUT = Duration.ofSeconds(3);

  private Admin admin;

  /** The shared Admin client (created on the first call). */
  public synchronized Admin admin() {
    if (admin == null) {
      int timeoutMs = (int) TIMEOUT.toMillis();
      admin =
          Admin.create(
              KafkaClientSecurity.secured(
                  Map.of(
                      AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                      bootstrapServers(),
                      AdminClientConfig.CLIENT_ID_CONFIG,
                      "observability",
                      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                      timeoutMs,
                      AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                      timeoutMs,
                      AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                      1000)));
    }
    return admin;
  }

  static String bootstrapServers() {
    Config config = ConfigProvider.getConfig();
    return config
        .getOptionalValue("observability.kafka.bootstrap-servers", String.class)
        .orElseGet(() -> config.getValue("kafka.bootstrap.servers", String.class));
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
  }
}
