package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.command.RecordCardCollected;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;

/** Request bodies of the card endpoints. */
final class CardRequests {

  private CardRequests() {}

  record SubmitApplication(
      Applicant applicant, Applicant guardian, String bankCode, Collection collection) {}

  record Produced(String cardNumber) {}

  record ProductionFailed(String reason) {}

  record FinancialActivation(String bankCode, String outletName) {}

  record Dispatched(CollectionMethod method, String trackingNumber, String outletName) {}

  /**
   * A collection at the outlet: by the holder, or by a proxy with the holder's written
   * authorisation, both given or neither (S-PROXY-1).
   */
  record Collected(String outletName, RecordCardCollected.Proxy proxy, String authorisation) {

    RecordCardCollected toCommand(String cardId) {
      return new RecordCardCollected(cardId, outletName, proxy, authorisation);
    }
  }

  record Delivered(CollectionMethod method) {}

  /**
   * A retiree's bank change (R-BANK-6): the new bank; at a bank's outlet also what the holder
   * presented (the printed card number, their ID number) and the outlet.
   */
  record BankChange(String bankCode, String cardNumber, String idNumber, String outletName) {}

  record Replacement(String reason, String cardNumber, String outletName) {}

  record OldGenerationReplacement(String idNumber) {}

  /**
   * The answer to a submitted application.
   *
   * @param existing true when the person already had an application, which is the answer (R-ELIG-3)
   */
  record Accepted(String cardId, String status, boolean existing) {}
}
