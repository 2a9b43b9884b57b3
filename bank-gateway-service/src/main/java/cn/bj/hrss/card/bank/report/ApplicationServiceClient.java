package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.identity.ServiceToken;
import cn.bj.hrss.card.relay.Answer;
import cn.bj.hrss.card.relay.Caller;
import cn.bj.hrss.card.relay.CommandClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
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
  private final BankCardProjection cards;

  ApplicationServiceClient(
      BankCardProjection cards,
      @ConfigProperty(name = "application-service.url") String baseUrl,
      @ConfigProperty(name = "application-service.timeout") Duration timeout,
      @ConfigProperty(name = "suite.service-token-file") Optional<String> serviceTokenFile) {
    this.cards = cards;
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
    String holderIdNumber = kind == ReportKind.BANK_CHANGED ? holderIdNumber(report) : null;
    return commands.send(
        report.cardId(), kind.commandPath(), caller, body(report, kind, holderIdNumber));
  }

  /**
   * @param holderIdNumber for a bank change, the ID number the holder presented (the card's
   *     holder's: the intake found the card by it); else unused
   */
  static ObjectNode body(BankReport report, ReportKind kind, String holderIdNumber) {
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
      case BANK_CHANGED -> {
        // R-BANK-6 in person at the new bank's outlet: what the holder presented there, the card's
        // printed number and their ID number (checked against the card at intake), and the outlet.
        body.put("bankCode", report.bankCode());
        body.put("cardNumber", report.cardNumber());
        body.put("idNumber", holderIdNumber);
        body.put("outletName", report.outletName());
      }
    }
    return body;
  }

  private String holderIdNumber(BankReport report) throws IOException {
    try {
      return cards.holderIdNumber(report.cardId()).orElse(null);
    } catch (SQLException e) {
      throw new IOException("the card's holder could not be read; the report is sent later", e);
    }
  }

  /** Reads the card as application-service knows it: status, bank, history. */
  public Answer card(BankReport report) throws IOException, InterruptedException {
    return commands.card(
        report.cardId(),
        new Caller("BANK", report.bankCode(), report.channel(), report.reportId()));
  }
}
