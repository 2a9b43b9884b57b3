package cn.bj.hrss.card.application.pickup;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.command.RemindPickupPeriodEnding;
import cn.bj.hrss.card.application.card.command.ReturnUncollectedCard;
import cn.bj.hrss.card.application.card.domain.BusinessClock;
import cn.bj.hrss.card.application.card.domain.PickupPeriod;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.index.CardIndexRow;
import cn.bj.hrss.card.application.index.CardIndexStore;
import cn.bj.hrss.card.contract.event.Channel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * S-PICKUP-1, cards nobody collects: reads the card index for the cards waiting at an outlet and,
 * on the business date, sends {@link RemindPickupPeriodEnding} once the reminder day is reached and
 * {@link ReturnUncollectedCard} once the pickup period is over, as actor {@value #ACTOR_ROLE}
 * {@value #ACTOR_ID}. The card aggregate decides (card/domain/PickupPolicy): a sweep run twice, or
 * on two instances at once, changes nothing twice. Runs first {@code
 * suite.pickup-sweep.initial-delay} after start (default 1 minute: a service redeployed every day
 * still sweeps every day), then every {@code suite.pickup-sweep.interval} (0 = only on an
 * operator's {@code POST /pickup-sweep}); Quarkus's scheduler is not a dependency.
 */
@ApplicationScoped
public class PickupSweep {

  private static final Logger LOG = Logger.getLogger(PickupSweep.class);
  static final String ACTOR_ROLE = "SYSTEM";
  static final String ACTOR_ID = "pickup-sweep";

  /** What one run did. */
  public record Report(
      LocalDate businessDate, int waiting, int reminded, int returned, int unchanged) {}

  private final CardIndexStore index;
  private final PickupPeriods periods;
  private final CommandGateway commands;
  private final BusinessClock clock;
  private final Duration interval;
  private final Duration initialDelay;
  private ScheduledExecutorService timer;

  PickupSweep(
      CardIndexStore index,
      PickupPeriods periods,
      CommandGateway commands,
      BusinessClock clock,
      @ConfigProperty(name = "suite.pickup-sweep.interval") Duration interval,
      @ConfigProperty(name = "suite.pickup-sweep.initial-delay", defaultValue = "1M")
          Duration initialDelay) {
    this.index = index;
    this.periods = periods;
    this.commands = commands;
    this.clock = clock;
    this.interval = interval;
    this.initialDelay = initialDelay;
  }

  void start(@Observes StartupEvent startup) {
    timer = schedule(this::runLogged, initialDelay, interval);
  }

  /**
   * Runs {@code sweep} first after {@code initialDelay}, then every {@code interval} after the end
   * of the previous run, on a daemon thread; nothing when the interval is not positive.
   */
  static ScheduledExecutorService schedule(
      Runnable sweep, Duration initialDelay, Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      return null;
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "pickup-sweep");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        sweep, Math.max(0, initialDelay.toMillis()), interval.toMillis(), TimeUnit.MILLISECONDS);
    return timer;
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void runLogged() {
    try {
      Report report = run();
      LOG.infof(
          "pickup sweep of %s: %d cards waiting, %d reminded, %d returned",
          report.businessDate(), report.waiting(), report.reminded(), report.returned());
    } catch (RuntimeException e) {
      LOG.error("pickup sweep failed; it runs again at the next interval", e);
    }
  }

  /** One sweep on today's business date. */
  public Report run() {
    LocalDate today = clock.today();
    PickupPeriod period = periods.current().period();
    var metaData =
        CommandMetaData.of(
            ACTOR_ROLE, ACTOR_ID, Channel.OPERATOR_CONSOLE.name(), UUID.randomUUID().toString());
    int waiting = 0;
    int reminded = 0;
    int returned = 0;
    for (CardIndexRow card : index.waitingAtOutlets()) {
      waiting++;
      Object command = null;
      if (today.isAfter(period.lastDay(card.waitingSince()))) {
        command = new ReturnUncollectedCard(card.cardId(), period);
      } else if (!card.pickupReminded()
          && !today.isBefore(period.reminderDay(card.waitingSince()))) {
        command = new RemindPickupPeriodEnding(card.cardId(), period);
      }
      if (command == null) {
        continue;
      }
      try {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        if (command instanceof ReturnUncollectedCard) {
          returned++;
        } else {
          reminded++;
        }
      } catch (RuleViolation | ConcurrencyException e) {
        // another instance's sweep was first, or the card moved on: nothing to do
        LOG.debugf("pickup sweep: card %s unchanged (%s)", card.cardId(), e.getMessage());
      }
    }
    return new Report(today, waiting, reminded, returned, waiting - reminded - returned);
  }
}
