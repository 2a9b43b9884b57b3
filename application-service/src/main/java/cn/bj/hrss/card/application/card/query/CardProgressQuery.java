package cn.bj.hrss.card.application.card.query;

import cn.bj.hrss.card.application.calendar.CalendarStore;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.application.publishing.EnvelopeMapper;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
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
      } else if (payload instanceof MailReturned returned) {
        // S-MAIL-2: the card now waits at that outlet of the issuing bank
        done.put(
            "MAIL_RETURNED",
            step(
                "MAIL_RETURNED",
                "邮寄未送达，已转至" + returned.outlet().name() + "网点待领",
                at,
                returned.outlet().name()));
      } else if (payload instanceof UncollectedCardReturned returned) {
        // S-PICKUP-1: past the pickup period; still collected on request
        done.put(
            "RETURNED_TO_BANK",
            step(
                "RETURNED_TO_BANK",
                "超过领卡期限，已退回银行卡库，可预约领取",
                at,
                returned.outlet() == null ? null : returned.outlet().name()));
      } else if (payload instanceof CardCollected collected) {
        done.put("COLLECTED", collectedStep(collected, at));
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
      } else if (payload instanceof CardCancelled cancelled) {
        // S-END-1: the operator's note is not shown (it may name other people)
        done.put("CANCELLED", step("CANCELLED", "已注销", at, reasonName(cancelled.reason())));
      }
    }
    if (state.status() == null) {
      return Optional.empty();
    }
    if (state.status() == CardStatus.WITHDRAWN) {
      // S-WITHDRAW-1: nothing is produced, so nothing is due
      deadline = null;
      dueNote = "申领已撤回，不再制卡，没有制卡期限（S-WITHDRAW-1）。";
    } else if (state.status() == CardStatus.CANCELLED) {
      // S-END-1: every pending step stopped
      deadline = null;
      dueNote = "该卡已注销，后续制卡、寄送和领取均已停止，没有制卡期限（S-END-1）。";
    }
    List<CardProgress.Step> steps = new ArrayList<>();
    steps.add(orPending(done, "APPLIED", "已申领"));
    String end =
        done.containsKey("WITHDRAWN")
            ? "WITHDRAWN"
            : done.containsKey("CANCELLED") ? "CANCELLED" : null;
    for (String[] later : LATER_STEPS) {
      String key = later[0];
      if (done.containsKey(key)) {
        steps.add(done.get(key));
      } else if (end == null && later.length > 1) {
        // a life that has ended shows only what happened; the optional turns only when they did
        steps.add(orPending(done, key, later[1]));
      }
    }
    if (end != null) {
      steps.add(done.get(end));
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

  /**
   * The steps after APPLIED in their order: {key, name while pending}; a key without a name is a
   * turn shown only when it happened.
   */
  private static final String[][] LATER_STEPS = {
    {"CHANGED"},
    {"IN_PRODUCTION", "制卡中"},
    {"PRODUCED", "已制卡"},
    {"DISPATCHED", "已寄出或到网点"},
    {"MAIL_RETURNED"},
    {"RETURNED_TO_BANK"},
    {"COLLECTED", "已领取"},
    {"ENABLED", "已启用"},
  };

  /** S-PROXY-1: a proxy's collection names the proxy, masked as the event carries them. */
  private static CardProgress.Step collectedStep(CardCollected collected, Instant at) {
    if (!CardCollected.PROXY.equals(collected.collectedBy()) || collected.proxy() == null) {
      return step("COLLECTED", "已领取", at, collected.outletName());
    }
    return step(
        "COLLECTED",
        "已由他人代领（代领人" + collected.proxy().name() + "，身份证号" + collected.proxy().idNumber() + "）",
        at,
        collected.outletName());
  }

  private static String reasonName(String reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case CardCancelled.DECEASED -> "持卡人身故";
      case CardCancelled.EMIGRATED -> "持卡人出境定居";
      default -> "其他原因";
    };
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
