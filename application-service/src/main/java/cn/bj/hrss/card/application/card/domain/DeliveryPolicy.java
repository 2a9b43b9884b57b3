package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;

import cn.bj.hrss.card.application.card.command.RecordCardDelivered;
import cn.bj.hrss.card.application.card.command.RecordCardDispatched;
import cn.bj.hrss.card.application.card.command.RecordMailReturned;
import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.contract.event.TrackingNumber;

/**
 * How a produced card reaches its holder, by the method chosen at application (R-PICK-1): mailed
 * with a carrier's tracking number (R-PICK-3), delivered door to door (R-PICK-4), or collected at a
 * registered outlet of the issuing bank (R-PICK-2), whose registered name and address the events
 * carry, so that no text a factory or a bank typed ever reaches a notice (ADR 23). Mail that fails
 * goes to such an outlet too (S-MAIL-2).
 */
final class DeliveryPolicy {

  private DeliveryPolicy() {}

  /**
   * R-PICK-1, R-PICK-2, R-PICK-3: the dispatch of a produced card; returns the registered outlet a
   * card for pickup goes to, null for a mailed or delivered card.
   */
  static RegisteredOutlet checkDispatch(
      CardState state, RecordCardDispatched command, ReferenceData data) {
    LifecycleOrder.require(state, CardStatus.PRODUCED, "dispatch the card");
    CollectionMethod chosen = state.collection().method();
    if (command.method() != chosen) {
      throw conflict(
          "R-PICK-1",
          "发卡方式与申领时选择的领卡方式不一致。",
          "dispatch by " + command.method() + " but the holder chose " + chosen);
    }
    if (chosen == CollectionMethod.MAIL && isBlank(command.trackingNumber())) {
      throw invalidInput("R-PICK-3", "邮寄发卡须提供快递单号。", "mail dispatch needs a tracking number")
          .at("trackingNumber");
    }
    if (chosen == CollectionMethod.MAIL && !TrackingNumber.isValid(command.trackingNumber())) {
      throw invalidInput(
              "R-PICK-3",
              "快递单号格式有误：应为EMS单号（13位数字，或如EA123456785CN）或顺丰单号（SF加12至13位数字）。",
              "the tracking number matches no carrier's format (EMS S10, EMS 13 digits, SF)")
          .at("trackingNumber");
    }
    if (chosen != CollectionMethod.OUTLET_PICKUP) {
      return null;
    }
    if (isBlank(command.outletName())) {
      throw invalidInput("R-PICK-2", "网点领卡须注明领卡网点。", "outlet pickup needs the outlet name")
          .at("outletName");
    }
    return outletOfTheIssuingBank(state, data, command.outletName(), "R-PICK-2", "领卡网点");
  }

  /**
   * R-PICK-2: the holder collected the card at a registered outlet of the issuing bank; returns it.
   * A card made on the spot at an instant outlet is handed over at once, without a dispatch
   * (R-SLA-2).
   *
   * @param appliedThrough the channel of the card's application, null for a replacement card
   */
  static RegisteredOutlet checkCollection(
      CardState state, Channel appliedThrough, String outletName, ReferenceData data) {
    // S-PICKUP-1: a card back in the bank's central store is still collected, on request, at any
    // registered outlet of the issuing bank.
    if (!(state.status() == CardStatus.PRODUCED && appliedThrough == Channel.BANK_OUTLET_INSTANT)
        && state.status() != CardStatus.RETURNED_TO_BANK) {
      LifecycleOrder.require(state, CardStatus.DISPATCHED, "record the card as collected");
    }
    if (state.collection().method() != CollectionMethod.OUTLET_PICKUP) {
      throw conflict(
          "R-PICK-2",
          "该卡不是网点领取方式，不能登记为网点领卡。",
          "collection at an outlet, but the card goes by " + state.collection().method());
    }
    if (isBlank(outletName)) {
      throw invalidInput("R-PICK-2", "请注明领卡网点。", "collection without the outlet name")
          .at("outletName");
    }
    return outletOfTheIssuingBank(state, data, outletName, "R-PICK-2", "领卡网点");
  }

  /** R-PICK-3, R-PICK-4: a mailed or door-to-door card delivered by the method chosen. */
  static void checkDelivery(CardState state, RecordCardDelivered command) {
    LifecycleOrder.require(state, CardStatus.DISPATCHED, "record the card as delivered");
    if (command.method() == null) {
      throw invalidInput("INPUT-MISSING", "请注明送达方式（邮寄或上门送卡）。", "delivery without a method");
    }
    CollectionMethod chosen = state.collection().method();
    if (chosen == CollectionMethod.OUTLET_PICKUP || command.method() != chosen) {
      throw conflict(
          chosen == CollectionMethod.MAIL ? "R-PICK-3" : "R-PICK-4",
          "送达方式与申领时选择的领卡方式不一致。",
          "delivery by " + command.method() + " but the holder chose " + chosen);
    }
  }

  /**
   * S-MAIL-2: the carrier could not deliver the mailed card, or it came back, and it went to a
   * registered outlet of the issuing bank; returns that outlet. The tracking number must be the
   * card's own; a card that is not on its way by mail is refused, and nothing happens.
   */
  static RegisteredOutlet checkMailReturn(
      CardState state, RecordMailReturned command, ReferenceData data) {
    LifecycleOrder.require(state, CardStatus.DISPATCHED, "record the mail as returned");
    if (state.collection().method() != CollectionMethod.MAIL) {
      throw conflict(
          "S-MAIL-2",
          "该卡不是邮寄方式或已改为网点领取，不能登记邮件退回。",
          "mail returned, but the card goes by " + state.collection().method());
    }
    if (!MailReturned.UNDELIVERABLE.equals(command.reason())
        && !MailReturned.RETURNED.equals(command.reason())) {
      throw invalidInput("S-MAIL-2", "请注明退回原因：无法投递或被退回。", "the reason is UNDELIVERABLE or RETURNED")
          .at("reason");
    }
    if (isBlank(command.trackingNumber())) {
      throw invalidInput("S-MAIL-2", "请填写退回邮件的快递单号。", "a mail return needs the tracking number")
          .at("trackingNumber");
    }
    if (!command.trackingNumber().equals(state.trackingNumber())) {
      throw conflict(
              "S-MAIL-2",
              "快递单号与该卡寄出时的单号不一致。",
              "the tracking number is not the one the card was mailed with")
          .at("trackingNumber");
    }
    if (isBlank(command.outletName())) {
      throw invalidInput("S-MAIL-2", "请注明退回后存放的领卡网点。", "a mail return needs the outlet name")
          .at("outletName");
    }
    return outletOfTheIssuingBank(state, data, command.outletName(), "S-MAIL-2", "退回存放网点");
  }

  /**
   * R-PICK-2, R-PICK-3: the outlet a command names must be a registered outlet (the outlet
   * reference data) of the card's issuing bank; returns it as registered. Refused with {@code rule}
   * otherwise, and nothing happens.
   */
  static RegisteredOutlet outletOfTheIssuingBank(
      CardState state, ReferenceData data, String outletName, String rule, String what) {
    Outlet outlet = outletName == null ? null : data.outlet(outletName).orElse(null);
    if (outlet == null || !outlet.isBankOutlet() || !state.bankCode().equals(outlet.bankCode())) {
      throw conflict(
              rule,
              "所报" + what + "不是发卡银行登记的服务网点。",
              "the outlet is not a registered outlet of the issuing bank " + state.bankCode())
          .at("outletName");
    }
    return new RegisteredOutlet(outlet.name(), outlet.address());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
