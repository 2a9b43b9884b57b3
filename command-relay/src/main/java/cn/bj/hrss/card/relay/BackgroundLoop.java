package cn.bj.hrss.card.relay;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One background task of a service, run again and again on its own thread: at once while it finds
 * work, after {@code interval} when it found none, after five intervals when it failed. A failure
 * is logged and never ends the loop; only {@link #close()} does.
 */
public final class BackgroundLoop implements AutoCloseable {

  /** One round of the task. */
  @FunctionalInterface
  public interface Step {
    /**
     * @return true if it did work and more may be waiting (run again at once)
     */
    boolean run() throws Exception;
  }

  private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);

  private final String name;
  private final Duration interval;
  private final Step step;
  private final ScheduledExecutorService executor;
  private final AtomicLong rounds = new AtomicLong();
  private volatile String lastFailure;
  private volatile boolean running;

  public BackgroundLoop(String name, Duration interval, Step step) {
    this.name = name;
    this.interval = interval;
    this.step = step;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
  }

  public void start() {
    running = true;
    executor.execute(this::round);
  }

  private void round() {
    if (!running) {
      return;
    }
    long delayMs = interval.toMillis();
    try {
      boolean more = step.run();
      lastFailure = null;
      if (more) {
        delayMs = 0;
      }
    } catch (Exception e) {
      lastFailure = e.toString();
      LOG.warnf(e, "%s failed; trying again in %s", name, interval.multipliedBy(5));
      delayMs = interval.multipliedBy(5).toMillis();
    } finally {
      rounds.incrementAndGet();
    }
    if (running) {
      executor.schedule(this::round, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  public String name() {
    return name;
  }

  /** True from start to close. */
  public boolean isRunning() {
    return running && !executor.isShutdown();
  }

  public long rounds() {
    return rounds.get();
  }

  /** The last round's failure, or null if the last round went well. */
  public String lastFailure() {
    return lastFailure;
  }

  @Override
  public void close() {
    running = false;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
