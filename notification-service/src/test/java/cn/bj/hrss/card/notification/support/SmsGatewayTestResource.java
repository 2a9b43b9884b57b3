package cn.bj.hrss.card.notification.support;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Starts the SMS gateway simulator in this JVM and points the service at it ({@code
 * sms.gateway.url}); creates the production alert topic, as card-production-service would, before
 * the service subscribes to it.
 */
public class SmsGatewayTestResource implements QuarkusTestResourceLifecycleManager {

  private SmsGatewaySimulator gateway;

  @Override
  public Map<String, String> start() {
    createAlertTopic();
    gateway = SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults().withPort(0));
    return Map.of("sms.gateway.url", gateway.url());
  }

  private static void createAlertTopic() {
    String bootstrap = LocalInfrastructure.shared().kafka().bootstrapServers();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(Topics.PRODUCTION_ALERTS, 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(e);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not create " + Topics.PRODUCTION_ALERTS, e);
    }
  }

  @Override
  public void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }
}
