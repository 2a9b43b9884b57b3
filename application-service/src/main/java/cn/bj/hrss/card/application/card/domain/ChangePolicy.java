package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;

import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import java.time.LocalDate;

/**
 * An application before its card is produced (requested, or produced once without success): the
 * applicant may change it (S-CHANGE-1) or withdraw it (S-WITHDRAW-1). The applicant is the holder
 * or the recorded guardian of a minor holder (a citizen: whose card it is was checked by
 * security/CardAccess; a minor holder does not act with their own account, the guardian does until
 * the 18th birthday, R-BANK-4), the employer or university that applied for the holder
 * collectively, or an operator; anyone else is refused exactly like a card that is not there. After
 * production both are refused: the card exists.
 */
final class ChangePolicy {

  private ChangePolicy() {}

  /**
   * Who asks, from the command's metadata, and how the card was applied for.
   *
   * @param role the actor role (CITIZEN, GUARDIAN, EMPLOYER, UNIVERSITY, OPERATOR, ...)
   * @param id the actor id: for an organisation its id
   * @param appliedThrough the channel of the card's application (null for a replacement card)
   * @param appliedBy the actor id of the card's application
   */
  record Asker(String role, String id, Channel appliedThrough, String appliedBy) {}

  /**
   * S-CHANGE-1: the application as it stands after the change, checked by the rules of an
   * application (R-BANK-1 .. R-BANK-6, R-PICK-1 .. R-PICK-5, R-SLA-2) on the channel it was applied
   * through; an outlet for pickup is a registered outlet of the (new) issuing bank (ADR 23).
   *
   * @param bankCode the new bank, or null to keep the card's
   * @param collection the new collection, or null to keep the card's
   */
  static ApplicationChanged checkChange(
      CardState state,
      String bankCode,
      Collection collection,
      Asker asker,
      ReferenceData data,
      LocalDate today) {
    requireTheApplicantOrAnOperator(asker);
    Guardianship.requireTheGuardianForAMinor(asker.role(), state.holder(), today);
    requireNotProduced(
        state, "S-CHANGE-1", "卡片已制作，不能再变更申领信息。如需更换领卡方式，请在收到领卡通知后联系发卡银行；离退休人员领卡后可更换发卡银行。");
    String bank = bankCode == null ? state.bankCode() : bankCode;
    Collection wanted = collection == null ? state.collection() : collection;
    InsuredPerson person =
        data.insuredPerson(state.holder().idNumber())
            .orElseThrow(
                () ->
                    conflict(
                        "R-ELIG-1",
                        "未查询到持卡人的本市参保信息，不能变更申领信息，请联系社保经办机构。",
                        "the holder is no longer in the registry"));
    Organisation organisation =
        person.organisationId() == null
            ? null
            : data.organisation(person.organisationId()).orElse(null);
    ApplicationPolicy.Caller caller =
        new ApplicationPolicy.Caller(
            asker.role(),
            asker.id(),
            asker.appliedThrough() == null ? null : asker.appliedThrough().name(),
            today);
    ApplicationPolicy.checkBank(person, organisation, bank, caller, data);
    ApplicationPolicy.checkCollection(
        new ApplicationPolicy.Request(state.holder(), null, bank, wanted),
        organisation,
        caller,
        data);
    RegisteredOutlet outlet = null;
    if (wanted.method() == CollectionMethod.OUTLET_PICKUP) {
      Outlet registered = data.outlet(wanted.outletName()).orElseThrow();
      outlet = new RegisteredOutlet(registered.name(), registered.address());
    }
    Collection after = asRecorded(wanted, outlet);
    if (bank.equals(state.bankCode()) && after.equals(asRecorded(state.collection(), null))) {
      throw conflict(
          "S-CHANGE-1",
          "您提交的申领信息与原申领信息相同，无需变更。",
          "the change changes neither the bank nor the collection");
    }
    return new ApplicationChanged(state.bankCode(), bank, after, outlet);
  }

  /**
   * S-WITHDRAW-1: withdrawn by the applicant, or by an operator; a minor holder's by the guardian
   * (R-BANK-4).
   */
  static ApplicationWithdrawn checkWithdrawal(CardState state, Asker asker, LocalDate today) {
    requireTheApplicantOrAnOperator(asker);
    Guardianship.requireTheGuardianForAMinor(asker.role(), state.holder(), today);
    requireNotProduced(state, "S-WITHDRAW-1", "卡片已制作，不能撤回申领。请按领卡通知领取卡片；如有疑问请联系发卡银行。");
    return new ApplicationWithdrawn(
        "OPERATOR".equals(asker.role())
            ? ApplicationWithdrawn.BY_OPERATOR
            : ApplicationWithdrawn.BY_APPLICANT);
  }

  /**
   * The holder or their guardian (a citizen whose card it is), an operator, or the organisation
   * that applied for the holder collectively; anyone else as for a card that is not there.
   */
  private static void requireTheApplicantOrAnOperator(Asker asker) {
    boolean applicant =
        switch (asker.role() == null ? "" : asker.role()) {
          case "CITIZEN", ApplicationPolicy.GUARDIAN, "OPERATOR" -> true;
          case "EMPLOYER" -> appliedCollectivelyBy(asker, Channel.EMPLOYER_COLLECTIVE);
          case "UNIVERSITY" -> appliedCollectivelyBy(asker, Channel.UNIVERSITY_COLLECTIVE);
          default -> false;
        };
    if (!applicant) {
      throw BankChangePolicy.notThere();
    }
  }

  private static boolean appliedCollectivelyBy(Asker asker, Channel collective) {
    return asker.appliedThrough() == collective
        && asker.id() != null
        && asker.id().equals(asker.appliedBy());
  }

  private static void requireNotProduced(CardState state, String rule, String message) {
    if (state.status() != CardStatus.REQUESTED && state.status() != CardStatus.PRODUCTION_FAILED) {
      throw conflict(rule, message, "the card is " + state.status() + ": it was produced");
    }
  }

  /**
   * A collection as the event records it: the registered outlet's name for a pickup, the address
   * for mail or door-to-door delivery, nothing else.
   */
  private static Collection asRecorded(Collection collection, RegisteredOutlet outlet) {
    if (collection.method() == CollectionMethod.OUTLET_PICKUP) {
      return new Collection(
          CollectionMethod.OUTLET_PICKUP,
          outlet == null ? collection.outletName() : outlet.name(),
          null);
    }
    return new Collection(collection.method(), null, collection.address());
  }
}
