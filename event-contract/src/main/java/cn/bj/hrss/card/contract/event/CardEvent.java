package cn.bj.hrss.card.contract.event;

/**
 * The payload of one card lifecycle event. Every implementation is a plain record with no framework
 * types; its logical name and version on the wire are fixed in {@link EventTypes}.
 */
public sealed interface CardEvent
    permits CardRequested,
        CardProductionFailed,
        CardProduced,
        CardDispatched,
        CardCollected,
        CardDelivered,
        SocialFunctionEnabled,
        OldCardInvalidated,
        FinancialFunctionActivated,
        IssuingBankChanged,
        CardReportedLost,
        LossReportCancelled,
        CardReplaced,
        ReplacementCardIssued,
        ApplicationChanged,
        ApplicationWithdrawn,
        MobileNumberChanged,
        MailReturned,
        PickupPeriodEnding,
        UncollectedCardReturned,
        CardCancelled,
        UnknownCardEvent {}
