package cn.bj.hrss.card.application.card.query;

import cn.bj.hrss.card.application.calendar.CalendarStore;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.application.publishing.EnvelopeMapper;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.deadline.NoProductionPeriodException;
import cn.bj.hrss.card.deadline.ProductionDeadline;
import cn.bj.hrss.card.deadline.ProductionDeadlines;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Builds a card's progress timeline from its events, with its legal production deadline. */
@ApplicationScoped
public class CardProgressQuery {

  private final EventStore eventStore;
  private final CalendarStore calendars;

  CardProgressQuery(EventStore eventStore, CalendarStore calendars) {
    this.eventStore = eventStore;
    this.calendars = calendars;
  }

  public Optional<CardProgress> find(String cardId) {
    DomainEventStream events = eventStore.readEvents(cardId);
    // The calendar in force now: a date counted on a provisional year moves when its notice is
    // loaded, and the holder sees the new one (issue 17).
    ProductionDeadlines deadlines = new ProductionDeadlines(calendars.current());
    CardState state = CardState.NONE;
    Map<String, CardProgress.Step> done = new LinkedHashMap<>();
    ProductionDeadline deadline = null;
    String dueNote = null;
    while (events.hasNext()) {
      EventEnvelope event = EnvelopeMapper.toEnvelope(events.next());
      CardEvent payload = event.payload();
      state = state.evolve(payload);
      Instant at = event.occurredAt();
      if (payload instanceof CardRequested requested) {
        done.put("APPLIED", step("APPLIED", "已申领", at, event.channel()));
        try {
          // Stored at version 2 with the date, or at version 1 and upcast with it derived.
          deadline = deadlines.forApplication(event.channel(), requested.applicationDate());
          dueNote = deadline.note();
        } catch (NoProductionPeriodException e) {
          dueNote = e.getMessage();
        }
      } else if (payload instanceof ReplacementCardIssued issued) {
        done.put("APPLIED", step("APPLIED", "已补换申请", at, issued.outletName()));
        done.put("PRODUCED", step("PRODUCED", "已制卡", at, null));
        done.put("COLLECTED", step("COLLECTED", "已现场领取", at, issued.outletName()));
        deadline = new ProductionDeadline("R-SLA-2", null, null, List.of());
        dueNote = "补换卡当场制卡、当场领取（R-LOSS-1）。";
      } else if (payload instanceof CardProductionFailed failed) {
        done.put("IN_PRODUCTION", step("IN_PRODUCTION", "制卡中（曾制卡失败，正在重新制卡）", at, null));
      } else if (payload instanceof CardProduced) {
        done.putIfAbsent("IN_PRODUCTION", step("IN_PRODUCTION", "制卡中", null, null));
        done.put("PRODUCED", step("PRODUCED", "已制卡", at, null));
      } else if (payload instanceof CardDispatched dispatched) {
        done.put(
            "DISPATCHED",
            dispatched.method() == CollectionMethod.OUTLET_PICKUP
                ? step("DISPATCHED", "已到网点待领取", at, dispatched.outletName())
                : dispatched.method() == CollectionMethod.MAIL
                    ? step("DISPATCHED", "已寄出", at, dispatched.trackingNumber())
                    : step("DISPATCHED", "待银行上门送卡", at, null));
      } else if (payload instanceof CardCollected collected) {
        done.put("COLLECTED", step("COLLECTED", "已领取", at, collected.outletName()));
      } else if (payload instanceof CardDelivered) {
        done.put("COLLECTED", step("COLLECTED", "已送达", at, null));
      } else if (payload instanceof SocialFunctionEnabled) {
        done.put("ENABLED", step("ENABLED", "已启用", at, null));
      } else if (payload instanceof ApplicationChanged changed) {
        // S-CHANGE-1: the last change, with the pickup outlet it names (never the address)
        done.put(
            "CHANGED",
            step(
                "CHANGED",
                "已变更申领信息",
                at,
                changed.outlet() == null ? null : changed.outlet().name()));
      } else if (payload instanceof ApplicationWithdrawn) {
        done.put("WITHDRAWN", step("WITHDRAWN", "已撤回申领", at, null));
      }
    }
    if (state.status() == null) {
      return Optional.empty();
    }
    if (state.status() == CardStatus.WITHDRAWN) {
      // S-WITHDRAW-1: nothing is produced, so nothing is due
      deadline = null;
      dueNote = "申领已撤回，不再制卡，没有制卡期限（S-WITHDRAW-1）。";
    }
    List<CardProgress.Step> steps = new ArrayList<>();
    steps.add(orPending(done, "APPLIED", "已申领"));
    if (done.containsKey("CHANGED")) {
      steps.add(done.get("CHANGED"));
    }
    if (done.containsKey("WITHDRAWN")) {
      steps.add(done.get("WITHDRAWN"));
    } else {
      steps.addAll(
          List.of(
              orPending(done, "IN_PRODUCTION", "制卡中"),
              orPending(done, "PRODUCED", "已制卡"),
              orPending(done, "DISPATCHED", "已寄出或到网点"),
              orPending(done, "COLLECTED", "已领取"),
              orPending(done, "ENABLED", "已启用")));
    }
    return Optional.of(
        new CardProgress(
            state.cardId(),
            state.status().name(),
            state.status().chineseName(),
            deadline == null ? null : deadline.dueDate(),
            deadline == null ? null : deadline.rule(),
            deadline != null && deadline.provisional(),
            deadline == null || deadline.calendar().isEmpty() ? null : deadline.calendarVersion(),
            dueNote,
            steps));
  }

  private static CardProgress.Step orPending(
      Map<String, CardProgress.Step> done, String key, String name) {
    CardProgress.Step step = done.get(key);
    if (step == null && key.equals("IN_PRODUCTION") && done.containsKey("APPLIED")) {
      return new CardProgress.Step(key, name, true, done.get("APPLIED").at(), null);
    }
    return step != null ? step : new CardProgress.Step(key, name, false, null, null);
  }

  private static CardProgress.Step step(String key, String name, Instant at, String detail) {
    return new CardProgress.Step(key, name, true, at, detail);
  }
}
