package cn.bj.hrss.card.bank.report;

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
 * application-service's card commands, as a bank calls them: role BANK, the bank code as actor, the
 * report's channel, and the report id as correlation id, so that the event a report causes names
 * the report. The HTTP is command-relay's {@link CommandClient}; an answer that is not JSON is not
 * quoted.
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
            CommandClient.NonJsonBody.HIDE,
            ServiceToken.fromFile(serviceTokenFile));
  }

  /**
   * Sends the report as its command.
   *
   * @throws IOException when no answer came (application-service down, or slower than the timeout)
   */
  public Answer send(BankReport report) throws IOException, InterruptedException {
    ReportKind kind = ReportKind.valueOf(report.kind());
    Caller caller = new Caller("BANK", report.bankCode(), report.channel(), report.reportId());
    return commands.send(report.cardId(), kind.commandPath(), caller, body(report, kind));
  }

  static ObjectNode body(BankReport report, ReportKind kind) {
    ObjectNode body = CommandClient.newBody();
    switch (kind) {
      case HANDED_OVER -> body.put("outletName", report.outletName());
      case DELIVERED -> body.put("method", report.method());
      case FINANCIAL_ACTIVATED -> {
        body.put("bankCode", report.bankCode());
        if (report.outletName() != null) {
          body.put("outletName", report.outletName());
        }
      }
      case SOCIAL_ENABLED -> {}
      case BANK_CHANGED -> body.put("bankCode", report.bankCode());
    }
    return body;
  }

  /** Reads the card as application-service knows it: status, bank, history. */
  public Answer card(BankReport report) throws IOException, InterruptedException {
    return commands.card(
        report.cardId(),
        new Caller("BANK", report.bankCode(), report.channel(), report.reportId()));
  }
}
