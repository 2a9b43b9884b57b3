package cn.bj.hrss.card.application.security;

import cn.bj.hrss.card.application.card.domain.BusinessClock;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.domain.Guardianship;
import cn.bj.hrss.card.application.card.domain.InsuredPerson;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.query.CardEvents;
import cn.bj.hrss.card.application.card.query.CardQuery;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.contract.event.IdNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose card a caller may see and act on ("a partner bank sees only its own applicants; an employer
 * only its own staff", RULES.md, beyond the notice; issues 8 and 16):
 *
 * <ul>
 *   <li>a citizen: the cards they hold, by the ID number their token's real-name check verified;
 *       and the cards of a minor whose guardian they are recorded to be (R-BANK-4: the registry, or
 *       a check in person at an outlet), until the minor's 18th birthday. What an application
 *       claimed gives no authority (ADR 22);
 *   <li>an employer or a university: the cards of the persons the registry lists as its staff or
 *       students;
 *   <li>a bank: the cards it issues now;
 *   <li>an operator and an auditor: every card; a card factory, only as relayed by
 *       card-production-service for the orders assigned to it (S-FACTORY-1, ADR 24).
 * </ul>
 *
 * The relaying services (bank-gateway-service, card-production-service) may read every card: they
 * read a card's history to tell whether a report whose answer was lost was applied, and they keep
 * each bank's isolation at their own door (ADR 10). Their commands are held to the bank they act
 * for like a bank's own.
 *
 * <p>A card the caller may not see and a card that does not exist get the same refusal ({@link
 * CallerContext#denied}), so a refusal never tells that a card is there. Operators and auditors,
 * who may see every card, get 404 for a card that does not exist. Likewise, whatever is asked about
 * a person by ID number (a second application, an old card's replacement) is answered only to a
 * party of that person; everyone else gets {@link #notForThisCaller()} (issue 16, item 2).
 */
@ApplicationScoped
public class CardAccess {

  private final CardQuery cards;
  private final ReferenceData referenceData;
  private final BusinessClock clock;

  CardAccess(CardQuery cards, ReferenceData referenceData, BusinessClock clock) {
    this.cards = cards;
    this.referenceData = referenceData;
    this.clock = clock;
  }

  /** Who the card is for and who issues it, as its events say. */
  record Parties(String holderIdNumber, String bankCode) {}

  /**
   * The one refusal of a caller who may not apply for, or ask about, a person: the same whether the
   * person is insured, has applied, has a card or not, and without a card id.
   */
  public static RuleViolation notForThisCaller() {
    return CallerContext.denied("this caller may not apply for or ask about this person");
  }

  /** Refuses (403, ACCESS-DENIED) unless {@code caller} may read the card. */
  public void requireReadable(CallerContext caller, String cardId) {
    if (caller.relayedBy() != null) {
      return;
    }
    require(caller, cardId);
  }

  /** Refuses (403, ACCESS-DENIED) unless {@code caller} may see and act on the card. */
  public void require(CallerContext caller, String cardId) {
    if (!mayReach(caller, cardId)) {
      throw CallerContext.denied("not a card of this caller");
    }
  }

  /**
   * Refuses (403, ACCESS-DENIED) unless {@code caller} may see and act on the card of {@code card},
   * its events as read for a command (ADR 32): the same refusal as {@link #require(CallerContext,
   * String)}, whether or not the card exists.
   */
  public void require(CallerContext caller, CardEvents card) {
    if (!seesEveryCard(caller)
        && !partiesOf(card.state()).filter(p -> mayReach(caller, p)).isPresent()) {
      throw CallerContext.denied("not a card of this caller");
    }
  }

  /**
   * R-ELIG-3: whether {@code caller} may be told of the application a person already has (else
   * {@link #notForThisCaller()}): a party of that card: its holder, a recorded guardian of a minor
   * holder, the organisation whose staff or student holds it, its issuing bank, an operator.
   */
  public boolean isPartyOf(CallerContext caller, String existingCardId) {
    return mayReach(caller, existingCardId);
  }

  /**
   * Refuses ({@link #notForThisCaller()}) an answer about the person of {@code idNumber} to a
   * caller who is not a party of that person: the person themself, their recorded guardian while
   * they are a minor, the organisation the registry lists them with, the bank that issues their
   * current card ({@code currentCardBank}, null without one), an operator or an auditor.
   */
  public void requirePartyOfPerson(CallerContext caller, String idNumber, String currentCardBank) {
    boolean party =
        switch (caller.actorRole()) {
          case "OPERATOR", "AUDITOR" -> true;
          case "CITIZEN", "GUARDIAN" -> isThePersonOrTheirGuardian(caller, idNumber);
          case "EMPLOYER", "UNIVERSITY" -> isMemberOf(idNumber, caller.actorId());
          case "BANK" -> currentCardBank != null && currentCardBank.equals(caller.actorId());
          default -> false;
        };
    if (!party) {
      throw notForThisCaller();
    }
  }

  /**
   * Refuses (403, ACCESS-DENIED) an employer or a university applying for someone the registry does
   * not list as its staff or student, the same way whether or not the person is insured at all.
   */
  public void requireOwnMember(CallerContext caller, String applicantIdNumber) {
    if (!caller.is("EMPLOYER") && !caller.is("UNIVERSITY")) {
      return;
    }
    if (applicantIdNumber == null || !IdNumber.isValid(applicantIdNumber)) {
      return; // bad input: the application rules refuse it (400)
    }
    if (!isMemberOf(applicantIdNumber, caller.actorId())) {
      throw notForThisCaller();
    }
  }

  /**
   * R-BANK-4: whether the citizen whose verified ID number is {@code guardianIdNumber} acts today
   * for the minor {@code minorIdNumber} (a recorded relation, the minor under 18).
   */
  public boolean actsAsGuardian(String guardianIdNumber, String minorIdNumber) {
    return Guardianship.actsFor(guardianIdNumber, minorIdNumber, clock.today(), referenceData);
  }

  /**
   * Whether {@code caller} may see and act on any card, so that an unknown card is a 404. A card
   * factory does only as relayed by card-production-service, which lets it act on the orders
   * assigned to it alone (S-FACTORY-1, ADR 24); a factory's own token reaches no card here.
   */
  public static boolean seesEveryCard(CallerContext caller) {
    return caller.is("OPERATOR")
        || caller.is("AUDITOR")
        || caller.is("CARD_FACTORY")
            && cn.bj.hrss.card.identity.Roles.CARD_PRODUCTION_SERVICE.equals(caller.relayedBy());
  }

  private boolean mayReach(CallerContext caller, String cardId) {
    if (seesEveryCard(caller)) {
      return true;
    }
    Optional<Parties> parties = parties(cardId);
    return parties.isPresent() && mayReach(caller, parties.get());
  }

  boolean mayReach(CallerContext caller, Parties card) {
    return switch (caller.actorRole()) {
      case "CITIZEN", "GUARDIAN" -> isThePersonOrTheirGuardian(caller, card.holderIdNumber());
      case "EMPLOYER", "UNIVERSITY" -> isMemberOf(card.holderIdNumber(), caller.actorId());
      case "BANK" -> caller.actorId().equals(card.bankCode());
      default -> false;
    };
  }

  private boolean isThePersonOrTheirGuardian(CallerContext caller, String idNumber) {
    String verified = caller.verifiedIdNumber();
    return verified != null && (verified.equals(idNumber) || actsAsGuardian(verified, idNumber));
  }

  private boolean isMemberOf(String idNumber, String organisationId) {
    return referenceData
        .insuredPerson(idNumber)
        .map(InsuredPerson::organisationId)
        .filter(organisation -> organisation.equals(organisationId))
        .isPresent();
  }

  Optional<Parties> parties(String cardId) {
    return partiesOf(cards.events(cardId).state());
  }

  private static Optional<Parties> partiesOf(Optional<CardState> card) {
    return card.filter(state -> state.holder() != null)
        .map(
            state ->
                new Parties(Objects.requireNonNull(state.holder().idNumber()), state.bankCode()));
  }
}
