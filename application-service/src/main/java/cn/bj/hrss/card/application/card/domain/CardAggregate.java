package cn.bj.hrss.card.application.card.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.bj.hrss.card.application.axon.BusinessDateStamp;
import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.command.ActivateFinancialFunction;
import cn.bj.hrss.card.application.card.command.CancelCard;
import cn.bj.hrss.card.application.card.command.CancelLossReport;
import cn.bj.hrss.card.application.card.command.ChangeApplication;
import cn.bj.hrss.card.application.card.command.ChangeIssuingBank;
import cn.bj.hrss.card.application.card.command.ChangeMobile;
import cn.bj.hrss.card.application.card.command.ConfirmReceipt;
import cn.bj.hrss.card.application.card.command.EnableSocialFunction;
import cn.bj.hrss.card.application.card.command.IssueReplacementCard;
import cn.bj.hrss.card.application.card.command.RecordCardCollected;
import cn.bj.hrss.card.application.card.command.RecordCardDelivered;
import cn.bj.hrss.card.application.card.command.RecordCardDispatched;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.command.RecordCardProductionFailed;
import cn.bj.hrss.card.application.card.command.RecordMailReturned;
import cn.bj.hrss.card.application.card.command.RemindPickupPeriodEnding;
import cn.bj.hrss.card.application.card.command.ReplaceCard;
import cn.bj.hrss.card.application.card.command.ReportCardLost;
import cn.bj.hrss.card.application.card.command.ReturnUncollectedCard;
import cn.bj.hrss.card.application.card.command.SubmitCardApplication;
import cn.bj.hrss.card.application.card.command.WithdrawApplication;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;

/**
 * One card's lifecycle: the only place where card lifecycle events are decided. Each command
 * handler has the rules that apply checked by the policy named after what it decides ({@link
 * ApplicationPolicy}, {@link ProductionPolicy}, {@link DeliveryPolicy}, {@link ActivationPolicy},
 * {@link BankChangePolicy}, {@link LossPolicy}, {@link ChangePolicy}, {@link HolderPolicy}, {@link
 * ProxyCollection}, {@link EndOfLifePolicy}), then applies the event; the event sourcing handler
 * only folds the event into {@link CardState}. Before any command on an existing card, {@link
 * LifecycleOrder#requireNotEnded} refuses every command after the card's life has ended (withdrawn
 * or cancelled).
 */
public class CardAggregate {

  @AggregateIdentifier private String cardId;
  private CardState state = CardState.NONE;

  /** The channel the card was applied for through (CardRequested's), null for a replacement. */
  private Channel appliedThrough;

  /** Who applied for the card (CardRequested's actor id), null for a replacement. */
  private String appliedBy;

  /** Where and since which business date the card waits at an outlet (S-PICKUP-1), or null. */
  private PickupPolicy.Waiting waiting;

  protected CardAggregate() {
    // for Axon: rebuilt from events
  }

  @CommandHandler
  public CardAggregate(
      SubmitCardApplication command, ReferenceData data, BusinessClock clock, MetaData metaData) {
    // One business date: the dated rules are checked on it, and it is the legal application date
    // the event carries, from which the production time limits count (R-SLA-5).
    LocalDate today = clock.today();
    ApplicationPolicy.Caller caller =
        new ApplicationPolicy.Caller(
            text(metaData, CommandMetaData.ACTOR_ROLE),
            text(metaData, CommandMetaData.ACTOR_ID),
            text(metaData, CommandMetaData.CHANNEL),
            today);
    InsuredPerson person =
        ApplicationPolicy.check(
            new ApplicationPolicy.Request(
                command.applicant(), command.guardian(), command.bankCode(), command.collection()),
            caller,
            data);
    apply(
        new CardRequested(
            command.cardId(),
            command.applicant(),
            command.bankCode(),
            command.collection(),
            person.category().name(),
            command.guardian(),
            today,
            person.holdsOldCard() ? CardRequested.EXCHANGE : CardRequested.FIRST_ISSUE));
  }

  private static String text(MetaData metaData, String key) {
    Object value = metaData.get(key);
    return value == null ? null : value.toString();
  }

  /** S-PICKUP-1: the pickup sweep reminds the holder once that the pickup period ends soon. */
  @CommandHandler
  public void handle(RemindPickupPeriodEnding command, BusinessClock clock) {
    LocalDate lastDay = PickupPolicy.checkReminder(state, waiting, command.period(), clock.today());
    apply(new PickupPeriodEnding(waiting.since(), lastDay, waiting.outlet()));
  }

  /** S-PICKUP-1: after its pickup period the card goes back to the issuing bank's central store. */
  @CommandHandler
  public void handle(ReturnUncollectedCard command, BusinessClock clock) {
    LocalDate lastDay = PickupPolicy.checkReturn(state, waiting, command.period(), clock.today());
    apply(new UncollectedCardReturned(waiting.since(), lastDay, waiting.outlet()));
  }

  @CommandHandler
  public void handle(RecordCardProductionFailed command) {
    ProductionPolicy.checkFailure(state, command.reason());
    apply(new CardProductionFailed(command.reason()));
  }

  /** The card factory, or the issuing bank at its instant outlet, reports production (R-SLA-2). */
  @CommandHandler
  public void handle(RecordCardProduced command, MetaData metaData) {
    ProductionPolicy.checkProduced(
        state,
        appliedThrough,
        command.cardNumber(),
        text(metaData, CommandMetaData.ACTOR_ROLE),
        text(metaData, CommandMetaData.ACTOR_ID),
        text(metaData, CommandMetaData.CHANNEL));
    apply(new CardProduced(command.cardNumber()));
  }

  /** The card left the factory by the method the holder chose (R-PICK-1, R-PICK-2, R-PICK-3). */
  @CommandHandler
  public void handle(RecordCardDispatched command, ReferenceData data) {
    RegisteredOutlet outlet = DeliveryPolicy.checkDispatch(state, command, data);
    CollectionMethod chosen = state.collection().method();
    apply(
        new CardDispatched(
            chosen,
            chosen == CollectionMethod.MAIL ? command.trackingNumber() : null,
            outlet == null ? null : outlet.name(),
            outlet));
  }

  /**
   * R-PICK-2: the card was collected at a registered outlet of the issuing bank, by the holder or
   * by a proxy with the holder's written authorisation (S-PROXY-1).
   */
  @CommandHandler
  public void handle(RecordCardCollected command, ReferenceData data, BusinessClock clock) {
    RegisteredOutlet outlet =
        DeliveryPolicy.checkCollection(state, appliedThrough, command.outletName(), data);
    apply(ProxyCollection.collected(state, command, outlet.name(), clock.today()));
  }

  @CommandHandler
  public void handle(RecordCardDelivered command) {
    DeliveryPolicy.checkDelivery(state, command);
    apply(new CardDelivered(command.method()));
  }

  /** S-MAIL-2: the mail failed; the card waits at a registered outlet of the issuing bank. */
  @CommandHandler
  public void handle(RecordMailReturned command, ReferenceData data) {
    RegisteredOutlet outlet = DeliveryPolicy.checkMailReturn(state, command, data);
    apply(new MailReturned(command.trackingNumber(), command.reason(), outlet));
  }

  /** S-END-1: the holder died or emigrated; every pending step and every later notice stops. */
  @CommandHandler
  public void handle(CancelCard command) {
    apply(EndOfLifePolicy.check(state, command));
  }

  @CommandHandler
  public void handle(EnableSocialFunction command) {
    ActivationPolicy.checkEnabling(state);
    // R-OLD-2: the old card stops working at this moment, only where there is one (not for a first
    // issue, 新发); both events are recorded at the same instant (axon/OneInstantPerCommand).
    boolean oldCard = state.oldCardValid();
    apply(new SocialFunctionEnabled(state.cardNumber(), oldCard));
    if (oldCard) {
      apply(new OldCardInvalidated(state.cardNumber()));
    }
  }

  @CommandHandler
  public void handle(
      ActivateFinancialFunction command,
      ReferenceData data,
      @MetaDataValue(CommandMetaData.CHANNEL) String channel) {
    RegisteredOutlet outlet =
        ActivationPolicy.checkFinancialActivation(state, command, data, channel);
    apply(new FinancialFunctionActivated(state.bankCode(), outlet.name(), outlet));
  }

  @CommandHandler
  public CardAggregate(IssueReplacementCard command) {
    apply(
        new ReplacementCardIssued(
            command.cardId(),
            command.replacesCardId(),
            command.applicant(),
            command.bankCode(),
            command.cardNumber(),
            command.outletName(),
            command.reason(),
            command.category(),
            command.oldCardStillValid()));
  }

  /** R-BANK-6: a retiree's card moves to another bank after it was received. */
  @CommandHandler
  public void handle(
      ChangeIssuingBank command,
      ReferenceData data,
      @MetaDataValue(CommandMetaData.ACTOR_ROLE) String actorRole,
      @MetaDataValue(CommandMetaData.ACTOR_ID) String actorId,
      @MetaDataValue(CommandMetaData.CHANNEL) String channel) {
    BankChangePolicy.check(state, command, data, actorRole, actorId, channel);
    apply(new IssuingBankChanged(state.bankCode(), command.bankCode()));
  }

  /** 挂失: blocks the card at once; the issuing bank learns of it from the event. */
  @CommandHandler
  public void handle(ReportCardLost command) {
    LossPolicy.checkLossReport(state);
    apply(new CardReportedLost(state.cardNumber()));
  }

  /** 解挂: possible while no replacement has been made. */
  @CommandHandler
  public void handle(CancelLossReport command) {
    LossPolicy.checkCancellation(state);
    apply(new LossReportCancelled(state.cardNumber()));
  }

  /** R-LOSS-1: replacement or exchange on the spot at an instant outlet of the issuing bank. */
  @CommandHandler
  public void handle(
      ReplaceCard command,
      ReferenceData data,
      @MetaDataValue(CommandMetaData.CHANNEL) String channel) {
    LossPolicy.checkReplacement(state, command, data, channel);
    apply(new CardReplaced(command.replacementCardId(), command.reason()));
  }

  /** S-CHANGE-1: the applicant changes the bank or the collection before production. */
  @CommandHandler
  public void handle(
      ChangeApplication command,
      ReferenceData data,
      BusinessClock clock,
      @MetaDataValue(CommandMetaData.ACTOR_ROLE) String actorRole,
      @MetaDataValue(CommandMetaData.ACTOR_ID) String actorId) {
    apply(
        ChangePolicy.checkChange(
            state,
            command.bankCode(),
            command.collection(),
            asker(actorRole, actorId),
            data,
            clock.today()));
  }

  /** S-WITHDRAW-1: the applicant withdraws before production; the person may apply again. */
  @CommandHandler
  public void handle(
      WithdrawApplication command,
      BusinessClock clock,
      @MetaDataValue(CommandMetaData.ACTOR_ROLE) String actorRole,
      @MetaDataValue(CommandMetaData.ACTOR_ID) String actorId) {
    apply(ChangePolicy.checkWithdrawal(state, asker(actorRole, actorId), clock.today()));
  }

  private ChangePolicy.Asker asker(String actorRole, String actorId) {
    return new ChangePolicy.Asker(actorRole, actorId, appliedThrough, appliedBy);
  }

  /** S-MOBILE-1: the holder's (or the guardian's) new mobile number for the card's notices. */
  @CommandHandler
  public void handle(
      ChangeMobile command,
      BusinessClock clock,
      @MetaDataValue(CommandMetaData.ACTOR_ROLE) String actorRole) {
    apply(HolderPolicy.checkMobileChange(state, command.mobile(), actorRole, clock.today()));
  }

  /** S-MAIL-1: the holder confirms that the mailed card arrived. */
  @CommandHandler
  public void handle(
      ConfirmReceipt command, @MetaDataValue(CommandMetaData.ACTOR_ROLE) String actorRole) {
    HolderPolicy.checkReceipt(state, actorRole);
    apply(new CardDelivered(CollectionMethod.MAIL));
  }

  /** Commands after the end: runs before every command handler on an existing card. */
  @CommandHandlerInterceptor
  void refuseCommandsAfterTheEnd() {
    LifecycleOrder.requireNotEnded(state);
  }

  @EventSourcingHandler
  void on(CardEvent event, MetaData metaData, @Timestamp Instant at) {
    if (event instanceof CardRequested) {
      appliedThrough = Channel.named(text(metaData, CommandMetaData.CHANNEL)).orElse(null);
      appliedBy = text(metaData, CommandMetaData.ACTOR_ID);
    }
    if (event instanceof CardDispatched e && e.method() == CollectionMethod.OUTLET_PICKUP) {
      waiting = waitingAt(e.outlet(), e.outletName(), metaData, at);
    } else if (event instanceof MailReturned e) {
      waiting = waitingAt(e.outlet(), null, metaData, at);
    }
    state = state.evolve(event);
    cardId = state.cardId();
  }

  private static PickupPolicy.Waiting waitingAt(
      RegisteredOutlet outlet, String outletName, MetaData metaData, Instant at) {
    return new PickupPolicy.Waiting(
        BusinessDateStamp.of(metaData.get(BusinessDateStamp.KEY), at),
        outlet != null ? outlet : new RegisteredOutlet(outletName, null));
  }
}
