package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * FaultDrillIT's steady stream: applications from distinct persons by {@link #CLIENTS} clients. A
 * client whose application is refused with 503 (or gets no answer) sends it again with the same
 * Idempotency-Key after a moment; every other accepted card is then produced, and every fourth
 * dispatched, with the same retries. A 409 on a retried lifecycle command counts as accepted only
 * if the card shows the command applied (the first attempt went through unanswered).
 */
final class FaultDrillLoad {

  /** Each client waits this long between two persons: a steady stream, not a flood. */
  private static final Duration PACE = Duration.ofMillis(100);

  private static final int CLIENTS = 3;
  private static final String[] MAIL_BANKS = {"ICBC", "CCB", "BOC", "PSBC"};

  /** What the clients saw from one moment to the next (a fault's window). */
  static final class Window {
    record Figures(
        int accepted, Map<Integer, Integer> refusedByStatus, int withRetryAfter, int noAnswer) {
      @Override
      public String toString() {
        return accepted
            + " commands accepted, refused "
            + refusedByStatus
            + " ("
            + withRetryAfter
            + " with Retry-After), "
            + noAnswer
            + " without an answer";
      }
    }

    final AtomicInteger accepted = new AtomicInteger();
    final Map<Integer, Integer> refusedByStatus = new ConcurrentHashMap<>();
    final AtomicInteger withRetryAfter = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicBoolean open = new AtomicBoolean(true);
    final AtomicReference<Figures> closed = new AtomicReference<>();

    Figures close() {
      open.set(false);
      closed.compareAndSet(
          null,
          new Figures(
              accepted.get(),
              new HashMap<>(refusedByStatus),
              withRetryAfter.get(),
              noAnswer.get()));
      return closed.get();
    }
  }

  final Map<Integer, String> cards = new ConcurrentHashMap<>();
  final Set<String> produced = ConcurrentHashMap.newKeySet();
  final Set<String> dispatched = ConcurrentHashMap.newKeySet();
  final Map<Integer, Integer> refusedByStatus = new ConcurrentHashMap<>();
  final AtomicInteger withRetryAfter = new AtomicInteger();
  final AtomicInteger noAnswer = new AtomicInteger();
  final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean paused = new AtomicBoolean(false);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<Long> acceptedAt = Collections.synchronizedList(new ArrayList<>());
  private volatile Window window;
  private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);

  private final DrillProbe probe;
  private final DrillPersons people;
  private final int persons;

  /**
   * @param persons the load's persons are 0 to {@code persons - 1} of {@code people}
   */
  FaultDrillLoad(DrillProbe probe, DrillPersons people, int persons) {
    this.probe = probe;
    this.people = people;
    this.persons = persons;
  }

  void start() {
    for (int t = 0; t < CLIENTS; t++) {
      pool.submit(this::run);
    }
  }

  Window window() {
    window = new Window();
    return window;
  }

  int applications() {
    return cards.size();
  }

  /** Stops sending and waits until no request is in flight. */
  void pause() {
    paused.set(true);
    DrillProbe.awaitUntil(
        "the load's requests in flight to finish",
        Duration.ofMinutes(2),
        () -> inFlight.get() == 0,
        () -> inFlight.get() + " in flight");
  }

  void resume() {
    paused.set(false);
  }

  /** Stops the clients; clients that do not stop within 2 minutes are recorded as unexpected. */
  void stop() throws InterruptedException {
    running.set(false);
    pool.shutdown();
    if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
      pool.shutdownNow();
      unexpected.add(
          "the clients did not stop within 2 minutes (" + inFlight.get() + " in flight)");
    }
  }

  void awaitAccepted(int count) {
    DrillProbe.awaitUntil(
        count + " applications accepted",
        Duration.ofMinutes(3),
        () -> cards.size() >= count || next.get() >= persons,
        () -> cards.size() + " accepted, unexpected answers " + unexpected);
    assertTrue(next.get() < persons, "the load ran out of persons: raise PERSONS or the pace");
  }

  /** Waits for the first command accepted after {@code since} (nanoTime) and returns when. */
  long awaitAcceptedAfter(long since) {
    DrillProbe.awaitUntil(
        "a command accepted after PostgreSQL was back",
        Duration.ofMinutes(3),
        () -> firstAcceptedAfter(since).isPresent(),
        () -> refusedByStatus + " refused, unexpected answers " + unexpected);
    return firstAcceptedAfter(since).orElseThrow();
  }

  private Optional<Long> firstAcceptedAfter(long since) {
    synchronized (acceptedAt) {
      return acceptedAt.stream().filter(t -> t > since).findFirst();
    }
  }

  private Void run() {
    while (running.get()) {
      try {
        if (paused.get()) {
          Thread.sleep(50);
          continue;
        }
        int person = next.getAndIncrement();
        if (person >= persons) {
          return null;
        }
        inFlight.incrementAndGet();
        try {
          cycle(person);
        } finally {
          inFlight.decrementAndGet();
        }
        Thread.sleep(PACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (RuntimeException e) {
        unexpected.add(e.toString());
      }
    }
    return null;
  }

  private void cycle(int person) throws InterruptedException {
    Optional<HttpResponse<String>> applied =
        send(
            () ->
                probe.command(
                    DrillSuite.APPLICATION,
                    "/cards",
                    "CITIZEN",
                    people.idNumber(person),
                    "JINGTONG_MINI_PROGRAM",
                    application(person),
                    "fault-drill-" + person),
            () -> false,
            "application of " + person);
    if (applied.isEmpty()) {
      return;
    }
    String card = DrillProbe.json(applied.get()).path("cardId").asText();
    cards.put(person, card);
    if (person % 2 != 0) {
      return;
    }
    String bank = bank(person);
    if (lifecycle(
        card, "/production", bank, "{\"cardNumber\":\"F%08d\"}".formatted(person), "PRODUCED")) {
      produced.add(card);
    } else {
      return;
    }
    if (person % 4 == 0
        && lifecycle(
            card,
            "/dispatch",
            bank,
            "{\"method\":\"MAIL\",\"trackingNumber\":\"SF%013d\"}".formatted(person),
            "DISPATCHED")) {
      dispatched.add(card);
    }
  }

  /** A factory's command on the card, as the bank's card factory. */
  private boolean lifecycle(String card, String path, String bank, String body, String statusAfter)
      throws InterruptedException {
    Optional<HttpResponse<String>> answer =
        send(
            () ->
                probe.command(
                    DrillSuite.APPLICATION,
                    "/cards/" + card + path,
                    "CARD_FACTORY",
                    bank + "-factory",
                    "CARD_FACTORY_API",
                    body,
                    null),
            () -> statusAfter.equals(cardStatus(card)),
            card + path);
    return answer.isPresent();
  }

  private String cardStatus(String card) throws Exception {
    HttpResponse<String> answer =
        probe.send(probe.request(DrillSuite.APPLICATION, "/cards/" + card, "AUDITOR").GET());
    return answer.statusCode() == 200 ? DrillProbe.json(answer).path("status").asText() : "";
  }

  private interface Call {
    HttpResponse<String> call() throws IOException, InterruptedException;
  }

  /**
   * Sends until accepted: 503 or no answer, again after a moment; a 409 after an unanswered attempt
   * is checked against the card. Returns the accepting answer, or empty (recorded as unexpected)
   * for any other refusal.
   */
  private Optional<HttpResponse<String>> send(
      Call call, Callable<Boolean> appliedAfterAll, String what) throws InterruptedException {
    boolean unanswered = false;
    for (int attempt = 0; attempt < 600; attempt++) {
      Window current = window;
      Window open = current != null && current.open.get() ? current : null;
      try {
        HttpResponse<String> answer = call.call();
        int status = answer.statusCode();
        if (status == 200 || status == 201) {
          long now = System.nanoTime();
          acceptedAt.add(now);
          if (open != null) {
            open.accepted.incrementAndGet();
          }
          return Optional.of(answer);
        }
        refusedByStatus.merge(status, 1, Integer::sum);
        if (open != null) {
          open.refusedByStatus.merge(status, 1, Integer::sum);
        }
        if (status == 503) {
          Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
          if (retryAfter.isPresent()) {
            withRetryAfter.incrementAndGet();
            if (open != null) {
              open.withRetryAfter.incrementAndGet();
            }
          }
          // A real client waits Retry-After; the drill's clients come back sooner to see the
          // recovery to the second.
          Thread.sleep(500);
          continue;
        }
        if (status == 409 && unanswered && appliedAfterAll.call()) {
          // The unanswered attempt was applied: the command is accepted once, not twice.
          return Optional.of(answer);
        }
        unexpected.add(what + ": " + status + " " + answer.body());
        return Optional.empty();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        unanswered = true;
        noAnswer.incrementAndGet();
        if (open != null) {
          open.noAnswer.incrementAndGet();
        }
        Thread.sleep(500);
      }
    }
    unexpected.add(what + ": never accepted");
    return Optional.empty();
  }

  // ------------------------------------------------------------------ the people and their cards

  static String bank(int person) {
    return MAIL_BANKS[(person / 2) % MAIL_BANKS.length];
  }

  /** Every person applies by mail (a dispatch needs a tracking number only). */
  private String application(int person) {
    return ("{\"applicant\":{\"idNumber\":\"%s\",\"name\":\"故障%d\",\"mobile\":\"%s\"},"
            + "\"bankCode\":\"%s\",\"collection\":{\"method\":\"MAIL\","
            + "\"address\":\"北京市朝阳区东三环路%d号\"}}")
        .formatted(
            people.idNumber(person), person % 100, people.mobile(person), bank(person), person);
  }
}
