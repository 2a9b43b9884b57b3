package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.relay.Caller;
import cn.bj.hrss.card.relay.CardHistory;
import cn.bj.hrss.card.relay.CommandClient;
import cn.bj.hrss.card.relay.ReportPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A factory report as command-relay's delivery sends it (ADR 25): its kind's command, sent as role
 * CARD_FACTORY with the factory's id as actor through CARD_FACTORY_API; a produced report sent
 * twice under two references is a duplicate when the card already has this very card number.
 */
final class FactoryReportPolicy implements ReportPolicy<FactoryReport> {

  @Override
  public String cardId(FactoryReport report) {
    return report.cardId();
  }

  @Override
  public String commandPath(FactoryReport report) {
    return ReportKind.valueOf(report.kind()).commandPath();
  }

  @Override
  public String eventType(FactoryReport report) {
    return ReportKind.valueOf(report.kind()).eventType();
  }

  @Override
  public Caller caller(FactoryReport report) {
    return new Caller(
        "CARD_FACTORY", report.factoryId(), Channel.CARD_FACTORY_API.name(), report.reportId());
  }

  @Override
  public ObjectNode body(FactoryReport report) {
    ObjectNode body = CommandClient.newBody();
    switch (ReportKind.valueOf(report.kind())) {
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
    return body;
  }

  /** Only a produced report: the card already has this card number, recorded as produced. */
  @Override
  public boolean alreadyShows(FactoryReport report, JsonNode card) {
    return ReportKind.PRODUCED.name().equals(report.kind())
        && report.cardNumber().equals(card.path("cardNumber").asText(null))
        && CardHistory.hasEvent(card, ReportKind.PRODUCED.eventType());
  }
}
