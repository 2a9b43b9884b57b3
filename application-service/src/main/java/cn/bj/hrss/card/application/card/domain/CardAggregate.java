package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.command.ActivateFinancialFunction;
import cn.bj.hrss.card.application.card.command.EnableSocialFunction;
import cn.bj.hrss.card.application.card.command.RecordCardCollected;
import cn.bj.hrss.card.application.card.command.RecordCardDelivered;
import cn.bj.hrss.card.application.card.command.RecordCardDispatched;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.command.RecordCardProductionFailed;
import cn.bj.hrss.card.application.card.command.SubmitCardApplication;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One card's lifecycle: the only place where card lifecycle events are decided. Each command
 * handler checks the rules that apply, then applies the event; the event sourcing handler only
 * folds the event into {@link CardState}.
 */
public class CardAggregate {

  private static final Pattern CARD_NUMBER = Pattern.compile("[0-9A-Z]{9}");

  @AggregateIdentifier private String cardId;
  private CardState state = CardState.NONE;

  protected CardAggregate() {
    // for Axon: rebuilt from events
  }

  @CommandHandler
  public CardAggregate(
      SubmitCardApplication command, ReferenceData data, BusinessClock clock, MetaData metaData) {
    ApplicationPolicy.Caller caller =
        new ApplicationPolicy.Caller(
            text(metaData, CommandMetaData.ACTOR_ROLE),
            text(metaData, CommandMetaData.ACTOR_ID),
            text(metaData, CommandMetaData.CHANNEL),
            clock.today());
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
            command.guardian()));
  }

  private static String text(MetaData metaData, String key) {
    Object value = metaData.get(key);
    return value == null ? null : value.toString();
  }

  @CommandHandler
  public void handle(RecordCardProductionFailed command) {
    requireInProduction("record a production failure");
    if (isBlank(command.reason())) {
      throw invalidInput("INPUT-MISSING", "请说明制卡失败原因。", "a production failure needs a reason");
    }
    apply(new CardProductionFailed(command.reason()));
  }

  @CommandHandler
  public void handle(RecordCardProduced command) {
    requireInProduction("record the card as produced");
    if (command.cardNumber() == null || !CARD_NUMBER.matcher(command.cardNumber()).matches()) {
      throw invalidInput(
          "INPUT-CARD-NUMBER", "社保卡卡号应为9位数字或大写字母。", "card number must match [0-9A-Z]{9}");
    }
    apply(new CardProduced(command.cardNumber()));
  }

  @CommandHandler
  public void handle(RecordCardDispatched command) {
    requireStatus(CardStatus.PRODUCED, "dispatch the card");
    CollectionMethod chosen = state.collection().method();
    if (command.method() != chosen) {
      throw conflict(
          "R-PICK-1",
          "发卡方式与申领时选择的领卡方式不一致。",
          "dispatch by " + command.method() + " but the holder chose " + chosen);
    }
    if (chosen == CollectionMethod.MAIL && isBlank(command.trackingNumber())) {
      throw invalidInput("R-PICK-3", "邮寄发卡须提供快递单号。", "mail dispatch needs a tracking number");
    }
    if (chosen == CollectionMethod.OUTLET_PICKUP && isBlank(command.outletName())) {
      throw invalidInput("R-PICK-2", "网点领卡须注明领卡网点。", "outlet pickup needs the outlet name");
    }
    apply(
        new CardDispatched(
            chosen,
            chosen == CollectionMethod.MAIL ? command.trackingNumber() : null,
            chosen == CollectionMethod.OUTLET_PICKUP ? command.outletName() : null));
  }

  @CommandHandler
  public void handle(RecordCardCollected command) {
    requireStatus(CardStatus.DISPATCHED, "record the card as collected");
    if (state.collection().method() != CollectionMethod.OUTLET_PICKUP) {
      throw conflict(
          "R-PICK-2",
          "该卡不是网点领取方式，不能登记为网点领卡。",
          "collection at an outlet, but the card goes by " + state.collection().method());
    }
    if (isBlank(command.outletName())) {
      throw invalidInput("R-PICK-2", "请注明领卡网点。", "collection without the outlet name");
    }
    apply(new CardCollected(command.outletName()));
  }

  @CommandHandler
  public void handle(RecordCardDelivered command) {
    requireStatus(CardStatus.DISPATCHED, "record the card as delivered");
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
    apply(new CardDelivered(command.method()));
  }

  @CommandHandler
  public void handle(EnableSocialFunction command) {
    if (state.status() == CardStatus.ACTIVE) {
      throw conflict("R-OLD-2", "该卡社保功能已启用。", "the social-security function is already enabled");
    }
    if (state.status() != CardStatus.COLLECTED && state.status() != CardStatus.DELIVERED) {
      throw conflict(
          "R-OLD-1",
          "新卡尚未交到持卡人手中，不能启用；启用前旧卡照常使用。",
          "the card is " + state.status() + "; it can be enabled once collected or delivered");
    }
    apply(new SocialFunctionEnabled(state.cardNumber()));
    apply(new OldCardInvalidated(state.cardNumber()));
  }

  /** Channels where the holder is in front of the issuing bank's staff. */
  private static final Set<String> IN_PERSON_AT_THE_BANK =
      Set.of("BANK_OUTLET", "BANK_OUTLET_INSTANT", "BANK_DOOR_TO_DOOR");

  @CommandHandler
  public void handle(
      ActivateFinancialFunction command, @MetaDataValue(CommandMetaData.CHANNEL) String channel) {
    if (state.financialFunctionActive()) {
      throw conflict("R-PICK-3", "该卡金融功能已激活。", "the financial function is already active");
    }
    if (state.status() != CardStatus.COLLECTED
        && state.status() != CardStatus.DELIVERED
        && state.status() != CardStatus.ACTIVE) {
      throw conflict(
          "R-PICK-3",
          "新卡尚未交到持卡人手中，不能激活金融功能。",
          "the card is " + state.status() + "; activation needs the card in the holder's hands");
    }
    if (!state.bankCode().equals(command.bankCode())) {
      throw conflict(
          "R-PICK-3",
          "金融功能只能在发卡银行的网点激活。",
          "activation by " + command.bankCode() + ", but the issuing bank is " + state.bankCode());
    }
    boolean doorToDoor = "BANK_DOOR_TO_DOOR".equals(channel);
    if (!IN_PERSON_AT_THE_BANK.contains(channel)
        || (doorToDoor && state.collection().method() != CollectionMethod.DOOR_TO_DOOR)) {
      throw conflict(
          doorToDoor ? "R-PICK-4" : "R-PICK-3",
          "金融功能须本人持卡到发卡银行网点激活。",
          "activation must be in person at an outlet of the issuing bank, not through " + channel);
    }
    apply(new FinancialFunctionActivated(command.bankCode(), command.outletName()));
  }

  @EventSourcingHandler
  void on(CardEvent event) {
    state = state.evolve(event);
    cardId = state.cardId();
  }

  private void requireInProduction(String action) {
    if (state.status() != CardStatus.PRODUCTION_FAILED) {
      requireStatus(CardStatus.REQUESTED, action);
    }
  }

  private void requireStatus(CardStatus expected, String action) {
    if (state.status() != expected) {
      throw conflict(
          "LIFECYCLE-ORDER",
          "当前卡片状态为“" + state.status().chineseName() + "”，不能办理此项业务。",
          "cannot " + action + " when the card is " + state.status() + "; it must be " + expected);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
