package cn.bj.hrss.card.contract.event;

/**
 * The card was replaced (补领 after loss, 换领 after damage) by a new card made on the spot at an
 * instant-issuance outlet of the issuing bank (R-LOSS-1). This card is out of use from now on.
 *
 * @param replacementCardId the card id of the new card
 * @param reason LOST or DAMAGED
 */
public record CardReplaced(String replacementCardId, String reason) implements CardEvent {}
