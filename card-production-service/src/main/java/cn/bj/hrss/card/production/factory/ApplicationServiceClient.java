package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.identity.ServiceToken;
import cn.bj.hrss.card.relay.Answer;
import cn.bj.hrss.card.relay.Caller;
import cn.bj.hrss.card.relay.CommandClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * application-service's card commands, as the card factory calls them: role CARD_FACTORY, the
 * factory's id as actor, channel CARD_FACTORY_API, and the report id as correlation id, so that the
 * event a report causes names the report. The HTTP is command-relay's {@link CommandClient}.
 */
@ApplicationScoped
public class ApplicationServiceClient {

  private final CommandClient commands;

  ApplicationServiceClient(
      @ConfigProperty(name = "application-service.url") String baseUrl,
      @ConfigProperty(name = "application-service.timeout") Duration timeout,
      @ConfigProperty(name = "suite.service-token-file") Optional<String> serviceTokenFile) {
    this.commands =
        new CommandClient(
            baseUrl,
            timeout,
            CommandClient.NonJsonBody.QUOTE,
            ServiceToken.fromFile(serviceTokenFile));
  }

  /**
   * Sends the report as its command.
   *
   * @throws IOException when no answer came (application-service down, slow beyond the timeout)
   */
  public Answer send(FactoryReport report) throws IOException, InterruptedException {
    ReportKind kind = ReportKind.valueOf(report.kind());
    ObjectNode body = CommandClient.newBody();
    switch (kind) {
      case PRODUCED -> body.put("cardNumber", report.cardNumber());
      case PRODUCTION_FAILED -> body.put("reason", report.reason());
      case DISPATCHED -> {
        body.put("method", report.method());
        if (report.trackingNumber() != null) {
          body.put("trackingNumber", report.trackingNumber());
        }
        if (report.outletName() != null) {
          body.put("outletName", report.outletName());
        }
      }
    }
    Caller caller =
        new Caller("CARD_FACTORY", report.factoryId(), "CARD_FACTORY_API", report.reportId());
    return commands.send(report.cardId(), kind.commandPath(), caller, body);
  }

  /** Reads the card as application-service knows it: status, card number, history. */
  public Answer card(FactoryReport report) throws IOException, InterruptedException {
    return commands.card(
        report.cardId(),
        new Caller("CARD_FACTORY", report.factoryId(), "CARD_FACTORY_API", report.reportId()));
  }
}
