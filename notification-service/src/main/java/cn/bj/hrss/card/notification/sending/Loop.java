package cn.bj.hrss.card.notification.sending;

import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * One background task on its own thread: run again at once while it finds work, after {@code
 * interval} when it found none, after five intervals when it failed (logged; the loop goes on).
 */
final class Loop implements AutoCloseable {

  /** One round; returns whether it did work and more may be waiting. */
  @FunctionalInterface
  interface Step {
    boolean run() throws Exception;
  }

  private static final Logger LOG = Logger.getLogger(Loop.class);

  private final String name;
  private final Duration interval;
  private final Step step;
  private final Thread thread;
  private volatile boolean running;

  Loop(String name, Duration interval, Step step) {
    this.name = name;
    this.interval = interval;
    this.step = step;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  void start() {
    running = true;
    thread.start();
  }

  boolean isRunning() {
    return running && thread.isAlive();
  }

  private void run() {
    while (running) {
      long pause = interval.toMillis();
      try {
        if (step.run()) {
          pause = 0;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.warnf(e, "%s failed; trying again in %s", name, interval.multipliedBy(5));
        pause = interval.multipliedBy(5).toMillis();
      }
      if (pause > 0) {
        pauseFor(pause);
      }
    }
  }

  private synchronized void pauseFor(long millis) {
    try {
      if (running) {
        wait(millis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops after the round in progress (a send is never cut off half-way). */
  @Override
  public void close() {
    synchronized (this) {
      running = false;
      notifyAll();
    }
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
