package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.command.ActivateFinancialFunction;
import cn.bj.hrss.card.application.card.command.CancelLossReport;
import cn.bj.hrss.card.application.card.command.ChangeIssuingBank;
import cn.bj.hrss.card.application.card.command.EnableSocialFunction;
import cn.bj.hrss.card.application.card.command.IssueReplacementCard;
import cn.bj.hrss.card.application.card.command.RecordCardCollected;
import cn.bj.hrss.card.application.card.command.RecordCardDelivered;
import cn.bj.hrss.card.application.card.command.RecordCardDispatched;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.command.RecordCardProductionFailed;
import cn.bj.hrss.card.application.card.command.ReplaceCard;
import cn.bj.hrss.card.application.card.command.ReportCardLost;
import cn.bj.hrss.card.application.card.command.SubmitCardApplication;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.TrackingNumber;
import java.time.LocalDate;
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

  /** The channel of an application at an instant-issuance outlet (R-SLA-2, R-CHAN-2). */
  static final String INSTANT_OUTLET = "BANK_OUTLET_INSTANT";

  @AggregateIdentifier private String cardId;
  private CardState state = CardState.NONE;

  /** The channel the card was applied for through (CardRequested's), null for a replacement. */
  private String appliedThrough;

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

  @CommandHandler
  public void handle(RecordCardProductionFailed command) {
    requireInProduction("record a production failure");
    if (isBlank(command.reason())) {
      throw invalidInput("INPUT-MISSING", "请说明制卡失败原因。", "a production failure needs a reason");
    }
    apply(new CardProductionFailed(command.reason()));
  }

  /**
   * The card factory reports production; so does the issuing bank for a card applied for at its own
   * instant-issuance outlet, made there on the spot (R-SLA-2). Any other bank is refused like a
   * caller who may not see the card.
   */
  @CommandHandler
  public void handle(RecordCardProduced command, MetaData metaData) {
    if ("BANK".equals(text(metaData, CommandMetaData.ACTOR_ROLE))) {
      requireOnTheSpotProductionBy(
          text(metaData, CommandMetaData.ACTOR_ID), text(metaData, CommandMetaData.CHANNEL));
    }
    requireInProduction("record the card as produced");
    if (command.cardNumber() == null || !CARD_NUMBER.matcher(command.cardNumber()).matches()) {
      throw invalidInput(
          "INPUT-CARD-NUMBER", "社保卡卡号应为9位数字或大写字母。", "card number must match [0-9A-Z]{9}");
    }
    apply(new CardProduced(command.cardNumber()));
  }

  /**
   * The card left the factory by the method the holder chose (R-PICK-1): a mailed card with a
   * tracking number in a carrier's format (R-PICK-3), a card for pickup to a registered outlet of
   * the issuing bank (R-PICK-2), whose registered name and address the event carries, so that no
   * text a factory typed ever reaches a notice (ADR 23).
   */
  @CommandHandler
  public void handle(RecordCardDispatched command, ReferenceData data) {
    requireStatus(CardStatus.PRODUCED, "dispatch the card");
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
    RegisteredOutlet outlet = null;
    if (chosen == CollectionMethod.OUTLET_PICKUP) {
      if (isBlank(command.outletName())) {
        throw invalidInput("R-PICK-2", "网点领卡须注明领卡网点。", "outlet pickup needs the outlet name")
            .at("outletName");
      }
      outlet = outletOfTheIssuingBank(data, command.outletName(), "R-PICK-2", "领卡网点");
    }
    apply(
        new CardDispatched(
            chosen,
            chosen == CollectionMethod.MAIL ? command.trackingNumber() : null,
            outlet == null ? null : outlet.name(),
            outlet));
  }

  /**
   * R-PICK-2, R-PICK-3: the outlet a command names must be a registered outlet (the outlet
   * reference data) of the card's issuing bank; returns it as registered. Refused with {@code rule}
   * otherwise, and nothing happens.
   */
  private RegisteredOutlet outletOfTheIssuingBank(
      ReferenceData data, String outletName, String rule, String what) {
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

  /** R-SLA-2: only the issuing bank, at an instant outlet, for a card applied for at one. */
  private void requireOnTheSpotProductionBy(String bank, String channel) {
    if (bank == null || !bank.equals(state.bankCode())) {
      throw RuleViolation.forbidden(
          "ACCESS-DENIED", "您无权办理或查询此项业务。", "a bank reports production only of its own cards");
    }
    if (!INSTANT_OUTLET.equals(appliedThrough) || !INSTANT_OUTLET.equals(channel)) {
      throw conflict(
          "R-SLA-2",
          "银行仅可登记在本行即时制卡网点申领、现场制卡的卡片；其他卡片由制卡机构报告制卡结果。",
          "on-the-spot production is for cards applied for at an instant outlet, reported there");
    }
  }

  /** R-PICK-2: the holder collected the card at a registered outlet of the issuing bank. */
  @CommandHandler
  public void handle(RecordCardCollected command, ReferenceData data) {
    if (!(state.status() == CardStatus.PRODUCED && INSTANT_OUTLET.equals(appliedThrough))) {
      // R-SLA-2: a card made on the spot is handed over at once, without a dispatch.
      requireStatus(CardStatus.DISPATCHED, "record the card as collected");
    }
    if (state.collection().method() != CollectionMethod.OUTLET_PICKUP) {
      throw conflict(
          "R-PICK-2",
          "该卡不是网点领取方式，不能登记为网点领卡。",
          "collection at an outlet, but the card goes by " + state.collection().method());
    }
    if (isBlank(command.outletName())) {
      throw invalidInput("R-PICK-2", "请注明领卡网点。", "collection without the outlet name")
          .at("outletName");
    }
    RegisteredOutlet outlet =
        outletOfTheIssuingBank(data, command.outletName(), "R-PICK-2", "领卡网点");
    apply(new CardCollected(outlet.name()));
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
    // R-OLD-2: the old card stops working at this moment, only where there is one (not for a first
    // issue, 新发); both events are recorded at the same instant (axon/OneInstantPerCommand).
    boolean oldCard = state.oldCardValid();
    apply(new SocialFunctionEnabled(state.cardNumber(), oldCard));
    if (oldCard) {
      apply(new OldCardInvalidated(state.cardNumber()));
    }
  }

  /** Channels where the holder is in front of the issuing bank's staff. */
  private static final Set<String> IN_PERSON_AT_THE_BANK =
      Set.of("BANK_OUTLET", "BANK_OUTLET_INSTANT", "BANK_DOOR_TO_DOOR");

  @CommandHandler
  public void handle(
      ActivateFinancialFunction command,
      ReferenceData data,
      @MetaDataValue(CommandMetaData.CHANNEL) String channel) {
    requireNoLossReport("激活金融功能");
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
    // R-PICK-3: at a registered outlet of the issuing bank; door to door (R-PICK-4), the outlet
    // whose staff came. The event carries it as registered: no typed text reaches a notice.
    RegisteredOutlet outlet =
        outletOfTheIssuingBank(data, command.outletName(), "R-PICK-3", "激活网点");
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

  /**
   * R-BANK-6: after receiving the card, a retiree may move it to another bank. The holder asks for
   * it; a bank acts only in person at its own outlet, as the new bank, with the card and the
   * holder's ID presented there (the printed number and the ID number must be this card's). For a
   * bank, anything else is refused exactly like a card that is not there.
   */
  @CommandHandler
  public void handle(
      ChangeIssuingBank command,
      ReferenceData data,
      @MetaDataValue(CommandMetaData.ACTOR_ROLE) String actorRole,
      @MetaDataValue(CommandMetaData.ACTOR_ID) String actorId,
      @MetaDataValue(CommandMetaData.CHANNEL) String channel) {
    if ("BANK".equals(actorRole)) {
      requireInPersonAtTheNewBank(command, data, actorId, channel);
    }
    requireNoLossReport("更换发卡银行");
    if (!InsuredCategory.RETIREE.name().equals(category(data))) {
      throw conflict(
          "R-BANK-6", "领卡后更换发卡银行适用于离退休人员。", "a bank change after receipt is for retirees");
    }
    if (!state.isInHoldersHands()) {
      throw conflict("R-BANK-6", "领取第三代社保卡后方可更换银行。", "the card is " + state.status());
    }
    if (!data.isCooperating(command.bankCode())) {
      throw invalidInput("R-BANK-1", "所选银行不是社保卡合作银行。", "not a cooperating bank").at("bankCode");
    }
    if (command.bankCode().equals(state.bankCode())) {
      throw invalidInput("R-BANK-6", "所选银行即当前发卡银行。", "the card is already with this bank")
          .at("bankCode");
    }
    apply(new IssuingBankChanged(state.bankCode(), command.bankCode()));
  }

  /**
   * R-BANK-6 at a bank: the bank is the new bank, the holder is in front of its staff at a
   * registered outlet of its own, and presents this card (its printed number) and their ID (the
   * holder's ID number). Any other bank request is refused as for a card that is not there.
   */
  private void requireInPersonAtTheNewBank(
      ChangeIssuingBank command, ReferenceData data, String bank, String channel) {
    Outlet outlet =
        command.outletName() == null ? null : data.outlet(command.outletName()).orElse(null);
    boolean inPerson =
        bank != null
            && bank.equals(command.bankCode())
            && ("BANK_OUTLET".equals(channel) || INSTANT_OUTLET.equals(channel))
            && outlet != null
            && outlet.isBankOutlet()
            && bank.equals(outlet.bankCode())
            && state.cardNumber() != null
            && state.cardNumber().equals(command.cardNumber())
            && state.holder() != null
            && state.holder().idNumber().equals(command.idNumber());
    if (!inPerson) {
      throw notThere();
    }
  }

  /**
   * The refusal of a card the caller may not act on, word for word the one of a card that does not
   * exist (security/CardAccess), so that it tells nothing.
   */
  static RuleViolation notThere() {
    return RuleViolation.forbidden("ACCESS-DENIED", "您无权办理或查询此项业务。", "not a card of this caller");
  }

  /**
   * The holder's category: the card's own (kept on a replacement card, R-BANK-6), or, for a
   * replacement card made before ReplacementCardIssued recorded it, the registry's.
   */
  private String category(ReferenceData data) {
    if (state.category() != null || state.holder() == null) {
      return state.category();
    }
    return data.insuredPerson(state.holder().idNumber())
        .map(person -> person.category().name())
        .orElse(null);
  }

  /** R-LOSS-1: a card reported lost is blocked until the report is cancelled (解挂). */
  private void requireNoLossReport(String action) {
    if (state.reportedLost()) {
      throw conflict(
          "R-LOSS-1",
          "该卡已挂失，不能" + action + "。如已找回卡片，请先解除挂失；如需补领，请到发卡银行即时制卡网点办理。",
          "the card is reported lost: " + action + " waits for the report's cancellation");
    }
  }

  /** 挂失: blocks the card at once; the issuing bank learns of it from the event. */
  @CommandHandler
  public void handle(ReportCardLost command) {
    requireNotReplaced();
    if (!state.isInHoldersHands()) {
      throw conflict("LIFECYCLE-ORDER", "该卡尚未交到您手中，无需挂失。", "the card is " + state.status());
    }
    if (state.reportedLost()) {
      throw conflict("LOSS-REPORTED", "该卡已挂失。", "the card is already reported lost");
    }
    apply(new CardReportedLost(state.cardNumber()));
  }

  /** 解挂: possible while no replacement has been made. */
  @CommandHandler
  public void handle(CancelLossReport command) {
    requireNotReplaced();
    if (!state.reportedLost()) {
      throw conflict("LOSS-NOT-REPORTED", "该卡未挂失。", "the card is not reported lost");
    }
    apply(new LossReportCancelled(state.cardNumber()));
  }

  /** R-LOSS-1: replacement or exchange on the spot at an instant outlet of the issuing bank. */
  @CommandHandler
  public void handle(
      ReplaceCard command,
      ReferenceData data,
      @MetaDataValue(CommandMetaData.CHANNEL) String channel) {
    requireNotReplaced();
    if (!state.isInHoldersHands()) {
      throw conflict("R-LOSS-1", "领取第三代社保卡后方可补领或换领。", "the card is " + state.status());
    }
    if (!"LOST".equals(command.reason()) && !"DAMAGED".equals(command.reason())) {
      throw invalidInput("INPUT-MISSING", "请注明补换原因：丢失或损坏。", "reason must be LOST or DAMAGED")
          .at("reason");
    }
    Outlet outlet = data.outlet(command.outletName()).orElse(null);
    if (!"BANK_OUTLET_INSTANT".equals(channel)
        || outlet == null
        || outlet.kind() != Outlet.Kind.BANK_INSTANT
        || !state.bankCode().equals(outlet.bankCode())) {
      throw conflict(
          "R-LOSS-1",
          "请携带本人有效身份证件到发卡银行的即时制卡服务网点现场补领或换领。",
          "replacement only at an instant-issuance outlet of " + state.bankCode());
    }
    if (command.newCardNumber() == null
        || !CARD_NUMBER.matcher(command.newCardNumber()).matches()) {
      throw invalidInput(
              "INPUT-CARD-NUMBER", "社保卡卡号应为9位数字或大写字母。", "card number must match [0-9A-Z]{9}")
          .at("cardNumber");
    }
    apply(new CardReplaced(command.replacementCardId(), command.reason()));
  }

  private void requireNotReplaced() {
    if (state.status() == CardStatus.REPLACED) {
      throw conflict(
          "R-LOSS-1", "该卡已补领新卡，原卡不再使用。", "the card was replaced by " + state.replacedBy());
    }
  }

  @EventSourcingHandler
  void on(CardEvent event, MetaData metaData) {
    if (event instanceof CardRequested) {
      appliedThrough = text(metaData, CommandMetaData.CHANNEL);
    }
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
