package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.relay.Caller;
import cn.bj.hrss.card.relay.CardHistory;
import cn.bj.hrss.card.relay.CommandClient;
import cn.bj.hrss.card.relay.ReportPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.SQLException;

/**
 * A bank report as command-relay's delivery sends it (ADR 25): its kind's command, sent as role
 * BANK with the bank code as actor through the report's channel; the card already shows a handover,
 * a delivery or an enabling when its history has that event, an activation when it is this bank's
 * card with the financial function active, a bank change when it is this bank's card.
 */
final class BankReportPolicy implements ReportPolicy<BankReport> {

  private final BankCardProjection cards;

  BankReportPolicy(BankCardProjection cards) {
    this.cards = cards;
  }

  @Override
  public String cardId(BankReport report) {
    return report.cardId();
  }

  @Override
  public String commandPath(BankReport report) {
    return ReportKind.valueOf(report.kind()).commandPath();
  }

  @Override
  public String eventType(BankReport report) {
    return ReportKind.valueOf(report.kind()).eventType();
  }

  @Override
  public Caller caller(BankReport report) {
    return new Caller("BANK", report.bankCode(), report.channel(), report.reportId());
  }

  @Override
  public ObjectNode body(BankReport report) throws IOException {
    ObjectNode body = CommandClient.newBody();
    switch (ReportKind.valueOf(report.kind())) {
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
        // printed number and their ID number (the intake found the card by both), and the outlet.
        body.put("bankCode", report.bankCode());
        body.put("cardNumber", report.cardNumber());
        body.put("idNumber", holderIdNumber(report));
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

  @Override
  public boolean alreadyShows(BankReport report, JsonNode card) {
    boolean withThisBank = report.bankCode().equals(card.path("bankCode").asText(null));
    ReportKind kind = ReportKind.valueOf(report.kind());
    return switch (kind) {
      case HANDED_OVER, DELIVERED, SOCIAL_ENABLED -> CardHistory.hasEvent(card, kind.eventType());
      case FINANCIAL_ACTIVATED -> withThisBank && card.path("financialFunctionActive").asBoolean();
      case BANK_CHANGED -> withThisBank;
    };
  }
}
