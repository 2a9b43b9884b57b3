package cn.bj.hrss.card.notification.sending;

import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.config.SmsConfig;
import cn.bj.hrss.card.notification.gateway.SmsGateway;
import cn.bj.hrss.card.notification.gateway.SmsGateway.Accepted;
import cn.bj.hrss.card.notification.gateway.SmsGateway.OutgoingSms;
import cn.bj.hrss.card.notification.gateway.SmsGateway.Receipt;
import cn.bj.hrss.card.notification.gateway.SmsGateway.Refused;
import cn.bj.hrss.card.notification.gateway.SmsGateway.SendResult;
import cn.bj.hrss.card.notification.gateway.SmsGateway.TryAgain;
import cn.bj.hrss.card.notification.observability.SmsMetrics;
import cn.bj.hrss.card.notification.sending.Outbox.Claimed;
import cn.bj.hrss.card.notification.sms.Masking;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * Hands the outbox to the SMS gateway and reads back its delivery receipts, from start-up to
 * shutdown. A message is SENT only once the gateway accepted it; the anti-fraud policy is applied
 * once more to the exact text right before it goes; failures wait with exponential backoff; the
 * message id makes a retried send recognisable to the gateway. Receipts are pulled (no callback URL
 * to expose), from the cursor kept in the database.
 */
@Liveness
@ApplicationScoped
public class SmsSender implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(SmsSender.class);
  private static final String GATEWAY = "default";

  private final Outbox outbox;
  private final SmsGateway gateway;
  private final SmsConfig config;
  private final Backoff backoff;
  private Loop sending;
  private Loop receipts;

  SmsSender(Outbox outbox, SmsGateway gateway, SmsConfig config) {
    this.outbox = outbox;
    this.gateway = gateway;
    this.config = config;
    this.backoff = new Backoff(config.sender().initialBackoff(), config.sender().maxBackoff());
  }

  void start(@Observes StartupEvent startup) {
    if (!config.sender().enabled()) {
      LOG.warn("sms.sender.enabled=false: messages are recorded and queued, nothing is sent");
      return;
    }
    sending = new Loop("sms-sender", config.sender().pollInterval(), this::sendDue);
    receipts = new Loop("sms-receipts", config.receipts().pollInterval(), this::readReceipts);
    sending.start();
    receipts.start();
    LOG.infof("sending SMS through %s", config.gateway().url());
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (sending != null) {
      sending.close();
      receipts.close();
    }
  }

  /** One round: claims the due messages and tries each once. */
  boolean sendDue() throws SQLException {
    Instant now = Instant.now();
    List<Claimed> batch =
        outbox.claimDue(
            now,
            config.sender().batchSize(),
            config.rateLimit().perPhone(),
            config.rateLimit().window(),
            config.sender().lease());
    for (Claimed message : batch) {
      send(message);
    }
    return batch.size() == config.sender().batchSize();
  }

  private void send(Claimed message) throws SQLException {
    AntiFraudPolicy.Verdict verdict = AntiFraudPolicy.checkOutgoing(message.text());
    if (!verdict.allowed()) {
      LOG.warnf(
          "BLOCKED message %s to %s right before sending: %s",
          message.messageId(), Masking.mobile(message.mobile()), verdict.reason());
      outbox.finish(message.messageId(), "BLOCKED", verdict.reason());
      SmsMetrics.blocked("sending", verdict.reason());
      return;
    }
    SendResult result =
        gateway.send(
            new OutgoingSms(
                message.messageId().toString(),
                message.mobile(),
                message.signature(),
                message.text()));
    if (result instanceof Accepted accepted) {
      outbox.sent(message.messageId(), accepted.gatewayMessageId(), Instant.now());
      SmsMetrics.sent();
      LOG.infof(
          "sent %s to %s (attempt %d%s)",
          message.messageId(),
          Masking.mobile(message.mobile()),
          message.attempt(),
          accepted.duplicate() ? ", the gateway already had it" : "");
    } else if (result instanceof TryAgain again) {
      if (message.attempt() >= config.sender().maxAttempts()) {
        LOG.errorf(
            "giving up on %s to %s after %d attempts: %s",
            message.messageId(),
            Masking.mobile(message.mobile()),
            message.attempt(),
            again.reason());
        outbox.finish(message.messageId(), "FAILED", again.reason());
        SmsMetrics.failed("FAILED");
      } else {
        Instant next = Instant.now().plus(backoff.after(message.attempt()));
        LOG.warnf(
            "could not send %s (attempt %d): %s; next attempt at %s",
            message.messageId(), message.attempt(), again.reason(), next);
        outbox.retryAt(message.messageId(), again.reason(), next);
      }
    } else if (result instanceof Refused refused) {
      LOG.errorf("the gateway refused %s: %s", message.messageId(), refused.reason());
      outbox.finish(message.messageId(), "REJECTED", refused.reason());
      SmsMetrics.failed("REJECTED");
    }
  }

  /** One round of receipts: records those after the cursor. */
  boolean readReceipts() throws Exception {
    List<Receipt> read = gateway.receiptsAfter(outbox.receiptCursor(GATEWAY));
    if (read.isEmpty()) {
      return false;
    }
    List<Receipt> ours = read.stream().filter(SmsSender::hasMessageId).toList();
    if (ours.size() < read.size()) {
      LOG.warnf("%d receipts without a message id of ours ignored", read.size() - ours.size());
    }
    outbox.recordReceipts(GATEWAY, ours, read.get(read.size() - 1).seq());
    return true;
  }

  private static boolean hasMessageId(Receipt receipt) {
    try {
      UUID.fromString(receipt.messageId());
      return true;
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  @Override
  public HealthCheckResponse call() {
    boolean alive =
        !config.sender().enabled()
            || (sending != null && sending.isRunning() && receipts.isRunning());
    return HealthCheckResponse.named("sms-sender")
        .status(alive)
        .withData("gateway", config.gateway().url())
        .build();
  }
}
