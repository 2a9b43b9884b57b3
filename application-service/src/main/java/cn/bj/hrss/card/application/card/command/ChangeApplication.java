package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.contract.event.Collection;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change the application before the card is produced (S-CHANGE-1): the issuing bank, how the card
 * is collected, or both. What is absent (null) stays as it is.
 *
 * @param bankCode the new issuing bank, or null to keep it
 * @param collection the new collection (method with its outlet or address, R-PICK-1), or null to
 *     keep it
 */
public record ChangeApplication(
    @TargetAggregateIdentifier String cardId, String bankCode, Collection collection) {}
