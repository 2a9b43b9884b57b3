package cn.bj.hrss.card.contract.event;

import java.time.LocalDate;

/**
 * A card waiting at an outlet has not been collected, and its pickup period (S-PICKUP-1, reference
 * data) ends soon: the holder is reminded once.
 *
 * @param waitingSince the business day the card arrived at the outlet (its dispatch, or its mail's
 *     return)
 * @param pickupEnds the last day of the pickup period
 * @param outlet the registered outlet where the card waits
 */
public record PickupPeriodEnding(
    LocalDate waitingSince, LocalDate pickupEnds, RegisteredOutlet outlet) implements CardEvent {}
