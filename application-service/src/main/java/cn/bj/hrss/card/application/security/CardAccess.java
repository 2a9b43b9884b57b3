package cn.bj.hrss.card.application.security;

import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.domain.IdNumber;
import cn.bj.hrss.card.application.card.domain.InsuredPerson;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Whose card a caller may see and act on ("a partner bank sees only its own applicants; an employer
 * only its own staff", RULES.md, beyond the notice; issue 8):
 *
 * <ul>
 *   <li>a citizen: the cards they hold, and those of the minors they applied for as guardian
 *       (R-BANK-4), by the ID number their token's real-name check verified;
 *   <li>an employer or a university: the cards of the persons the registry lists as its staff or
 *       students;
 *   <li>a bank: the cards it issues now;
 *   <li>an operator, an auditor and a card factory: every card.
 * </ul>
 *
 * The relaying services (bank-gateway-service, card-production-service) may read every card: they
 * read a card's history to tell whether a report whose answer was lost was applied, and they keep
 * each bank's isolation at their own door (ADR 10). Their commands are held to the bank they act
 * for like a bank's own.
 *
 * <p>A card the caller may not see and a card that does not exist get the same refusal ({@link
 * CallerContext#denied}), so a refusal never tells that a card is there. Operators and auditors,
 * who may see every card, get 404 for a card that does not exist.
 */
@ApplicationScoped
public class CardAccess {

  private final EventStore eventStore;
  private final ReferenceData referenceData;

  CardAccess(EventStore eventStore, ReferenceData referenceData) {
    this.eventStore = eventStore;
    this.referenceData = referenceData;
  }

  /** Who the card is for and who issues it, as its events say. */
  record Parties(String holderIdNumber, String guardianIdNumber, String bankCode) {}

  /** Refuses (403, ACCESS-DENIED) unless {@code caller} may read the card. */
  public void requireReadable(CallerContext caller, String cardId) {
    if (caller.relayedBy() != null) {
      return;
    }
    require(caller, cardId);
  }

  /** Refuses (403, ACCESS-DENIED) unless {@code caller} may see and act on the card. */
  public void require(CallerContext caller, String cardId) {
    if (seesEveryCard(caller)) {
      return;
    }
    Optional<Parties> parties = parties(cardId);
    if (parties.isEmpty() || !mayReach(caller, parties.get())) {
      throw CallerContext.denied("not a card of this caller");
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
    boolean own =
        referenceData
            .insuredPerson(applicantIdNumber)
            .map(InsuredPerson::organisationId)
            .filter(organisation -> organisation.equals(caller.actorId()))
            .isPresent();
    if (!own) {
      throw CallerContext.denied("not a member of this organisation");
    }
  }

  /** Whether {@code caller} may see and act on any card, so that an unknown card is a 404. */
  public static boolean seesEveryCard(CallerContext caller) {
    return caller.is("OPERATOR") || caller.is("AUDITOR") || caller.is("CARD_FACTORY");
  }

  boolean mayReach(CallerContext caller, Parties card) {
    return switch (caller.actorRole()) {
      case "CITIZEN" ->
          caller.verifiedIdNumber().equals(card.holderIdNumber())
              || caller.verifiedIdNumber().equals(card.guardianIdNumber());
      case "EMPLOYER", "UNIVERSITY" ->
          referenceData
              .insuredPerson(card.holderIdNumber())
              .map(InsuredPerson::organisationId)
              .filter(organisation -> organisation.equals(caller.actorId()))
              .isPresent();
      case "BANK" -> caller.actorId().equals(card.bankCode());
      default -> false;
    };
  }

  Optional<Parties> parties(String cardId) {
    if (cardId == null || cardId.isBlank() || cardId.length() > 64) {
      return Optional.empty();
    }
    DomainEventStream events = eventStore.readEvents(cardId);
    CardState state = CardState.NONE;
    String guardian = null;
    while (events.hasNext()) {
      CardEvent event = (CardEvent) events.next().getPayload();
      if (event instanceof CardRequested requested && requested.guardian() != null) {
        guardian = requested.guardian().idNumber();
      }
      state = state.evolve(event);
    }
    if (state.status() == null || state.holder() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Parties(Objects.requireNonNull(state.holder().idNumber()), guardian, state.bankCode()));
  }
}
