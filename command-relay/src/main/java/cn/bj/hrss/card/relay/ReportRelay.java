package cn.bj.hrss.card.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Delivers stored reports to application-service, each as its command, until application-service
 * accepted or refused it for good. A round claims the due reports (under a lease) and sends them in
 * parallel, at most {@code concurrency} at a time; when application-service does not answer, the
 * rest of the round is put back, the report that failed waits a doubling pause, and the next rounds
 * only probe it with {@code concurrency} reports until it answers again. What a report is, how it
 * is sent and what an answer means is the service's, behind {@link Store} and {@link Sender}.
 *
 * @param <R> a stored report
 * @param <O> what an attempt came to (the service's decision)
 */
public final class ReportRelay<R extends StoredReport, O> implements AutoCloseable {

  /** The delivery settings, as each service reads them from its configuration. */
  public record Settings(
      int batchSize,
      int concurrency,
      Duration interval,
      Duration lease,
      Duration firstBackoff,
      Duration maxBackoff) {}

  /** The service's report store: the claim and lease (see {@link ReportTable}). */
  public interface Store<R> {

    /** The due reports, at most {@code max}, each leased for {@code leaseMs}. */
    List<R> claimDue(int max, long leaseMs) throws Exception;

    /** Puts a claimed report back unsent, due again in {@code backoffMs}. */
    void release(String reportId, long backoffMs) throws Exception;

    /** Records a failed attempt, due again in {@code backoffMs}. */
    void retryLater(String reportId, String error, long backoffMs) throws Exception;
  }

  /** The service's side of one report: sending it, and what an answer means. */
  public interface Sender<R, O> {

    /**
     * Sends the report (reading the card first when an earlier attempt's answer may have been
     * lost).
     *
     * @throws IOException when application-service did not answer
     */
    O attempt(R report) throws IOException, InterruptedException;

    /**
     * Records what the attempt settled.
     *
     * @return the reason to send it again later, if the outcome settled nothing
     */
    Optional<String> settle(R report, O outcome) throws Exception;
  }

  private final String what;
  private final Logger log;
  private final Store<R> store;
  private final Sender<R, O> sender;
  private final int batchSize;
  private final int concurrency;
  private final long leaseMs;
  private final long firstBackoffMs;
  private final long maxBackoffMs;
  private final ExecutorService senders;
  private final BackgroundLoop loop;
  private volatile boolean applicationServiceDown;

  /**
   * @param what what a report is called in the logs, e.g. "factory report"; its threads are named
   *     after it ({@code factory-report-delivery}, {@code factory-report-sender})
   * @param log the service's logger for its deliveries
   */
  public ReportRelay(
      String what, Logger log, Settings settings, Store<R> store, Sender<R, O> sender) {
    this.what = what;
    this.log = log;
    this.store = store;
    this.sender = sender;
    this.batchSize = settings.batchSize();
    this.concurrency = settings.concurrency();
    this.leaseMs = settings.lease().toMillis();
    this.firstBackoffMs = settings.firstBackoff().toMillis();
    this.maxBackoffMs = settings.maxBackoff().toMillis();
    String threads = what.replace(' ', '-');
    this.senders =
        Executors.newFixedThreadPool(concurrency, r -> new Thread(r, threads + "-sender"));
    this.loop = new BackgroundLoop(threads + "-delivery", settings.interval(), this::deliverDue);
  }

  /** Backoff before the next attempt: doubling from {@code firstMs}, at most {@code maxMs}. */
  public static long backoffMs(int attempts, long firstMs, long maxMs) {
    long backoff = firstMs;
    for (int i = 1; i < attempts && backoff < maxMs; i++) {
      backoff *= 2;
    }
    return Math.min(backoff, maxMs);
  }

  public void start() {
    loop.start();
  }

  @Override
  public void close() {
    loop.close();
    senders.shutdownNow();
  }

  public BackgroundLoop loop() {
    return loop;
  }

  /**
   * One round: the due reports, sent in parallel (at most one per card). When application-service
   * does not answer, the rest of the round is put back to wait with the others.
   *
   * @return true if reports were settled and more may be due
   */
  public boolean deliverDue() throws Exception {
    // While application-service does not answer, a round only probes it with a few reports.
    List<R> due = store.claimDue(applicationServiceDown ? concurrency : batchSize, leaseMs);
    if (due.isEmpty()) {
      return false;
    }
    AtomicBoolean unreachable = new AtomicBoolean();
    List<Future<?>> sent = new ArrayList<>();
    for (R report : due) {
      sent.add(senders.submit(() -> deliver(report, unreachable)));
    }
    for (Future<?> one : sent) {
      try {
        one.get();
      } catch (ExecutionException e) {
        // The report stays PENDING under its lease; the next attempt reads the card first.
        log.errorf(e.getCause(), "could not record what became of a %s", what);
        unreachable.set(true);
      }
    }
    applicationServiceDown = unreachable.get();
    return !applicationServiceDown;
  }

  private Void deliver(R report, AtomicBoolean unreachable) throws Exception {
    String reportId = report.reportId();
    int attempts = report.attempts();
    long backoff = backoffMs(attempts, firstBackoffMs, maxBackoffMs);
    if (unreachable.get()) {
      store.release(reportId, backoff);
      return null;
    }
    O outcome = null;
    String retry = null;
    try {
      outcome = sender.attempt(report);
    } catch (IOException e) {
      retry = "application-service did not answer: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      retry = "interrupted";
    }
    if (outcome != null) {
      retry = sender.settle(report, outcome).orElse(null);
    }
    if (retry != null) {
      unreachable.set(true);
      log.infof(
          "%s %s not delivered (attempt %d): %s; again in %d ms",
          what, reportId, attempts, retry, backoff);
      store.retryLater(reportId, retry, backoff);
    }
    return null;
  }
}
