package cn.bj.hrss.card.contract.event;

import java.time.LocalDate;

/**
 * Nobody collected the card within its pickup period (S-PICKUP-1): it went from the outlet back to
 * the issuing bank's central store. The holder can still collect it: at a registered outlet of the
 * issuing bank, on request.
 *
 * @param waitingSince the business day the card arrived at the outlet
 * @param pickupEnded the last day of the pickup period, which has passed
 * @param outlet the outlet the card was taken from
 */
public record UncollectedCardReturned(
    LocalDate waitingSince, LocalDate pickupEnded, RegisteredOutlet outlet) implements CardEvent {}
