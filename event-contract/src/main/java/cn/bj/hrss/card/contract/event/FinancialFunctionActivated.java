package cn.bj.hrss.card.contract.event;

/**
 * The card's financial function (金融功能) was activated, in person at an outlet of the issuing bank
 * (R-PICK-2, R-PICK-3, R-PICK-4). Version 2; version 1 had no {@code outlet} and is upcast without
 * one (docs/event-contract.md).
 *
 * @param bankCode the issuing bank, whose outlet activated it
 * @param outletName the outlet; from version 2 the registered name, equal to {@code outlet.name}
 * @param outlet the outlet as the outlet reference data registers it, resolved by
 *     application-service when it recorded the activation; absent in an event upcast from version 1
 */
public record FinancialFunctionActivated(
    String bankCode, String outletName, RegisteredOutlet outlet) implements CardEvent {

  /** The version 1 shape, as it is upcast: the outlet was not resolved from reference data. */
  public FinancialFunctionActivated(String bankCode, String outletName) {
    this(bankCode, outletName, null);
  }
}
