package cn.bj.hrss.card.smsgateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the simulated gateway knows, in memory: every send request as it came over the wire, each
 * message it accepted (once per message id: a retried send with the same id is recognised and not
 * delivered again), the delivery receipts it produced, and the faults a test asked for.
 */
final class GatewayLedger {

  /** One message the gateway accepted, once per message id. */
  record ReceivedSms(
      String messageId,
      String gatewayMessageId,
      String mobile,
      String signature,
      String text,
      String account,
      Instant receivedAt) {}

  /** One send request as it arrived, including retries, duplicates and refused ones. */
  record SendRequest(
      String messageId, String mobile, String text, int status, boolean duplicate, Instant at) {}

  /** A delivery report, numbered in the order the gateway produced them. */
  record Receipt(
      long seq, String messageId, String gatewayMessageId, String status, Instant reportedAt) {}

  /** What the gateway answers one send request. */
  record Outcome(int status, ReceivedSms accepted, boolean duplicate) {}

  private final Map<String, ReceivedSms> byMessageId = new LinkedHashMap<>();
  private final List<SendRequest> requests = new ArrayList<>();
  private final List<Receipt> receipts = new ArrayList<>();
  private final Map<String, ArrayList<Fault>> faults = new HashMap<>();
  private final Set<String> unreachable = new HashSet<>();

  synchronized Outcome send(
      String account, String messageId, String mobile, String signature, String text) {
    Instant now = Instant.now();
    Fault fault = nextFault(mobile);
    if (fault == Fault.UNAVAILABLE) {
      requests.add(new SendRequest(messageId, mobile, text, 503, false, now));
      return new Outcome(503, null, false);
    }
    ReceivedSms known = byMessageId.get(messageId);
    boolean duplicate = known != null;
    if (!duplicate) {
      known =
          new ReceivedSms(
              messageId, "GW-" + UUID.randomUUID(), mobile, signature, text, account, now);
      byMessageId.put(messageId, known);
      receipts.add(
          new Receipt(
              receipts.size() + 1L,
              messageId,
              known.gatewayMessageId(),
              unreachable.contains(mobile) ? "UNDELIVERED" : "DELIVERED",
              now));
    }
    int status = fault == Fault.ACCEPT_THEN_FAIL ? 500 : 200;
    requests.add(new SendRequest(messageId, mobile, text, status, duplicate, now));
    return new Outcome(status, known, duplicate);
  }

  synchronized void refused(String messageId, String mobile, String text, int status) {
    requests.add(new SendRequest(messageId, mobile, text, status, false, Instant.now()));
  }

  private Fault nextFault(String mobile) {
    ArrayList<Fault> queued = faults.get(mobile);
    return queued == null || queued.isEmpty() ? null : queued.remove(0);
  }

  synchronized void failNext(String mobile, int times, Fault fault) {
    ArrayList<Fault> queued = faults.computeIfAbsent(mobile, m -> new ArrayList<>());
    for (int i = 0; i < times; i++) {
      queued.add(fault);
    }
  }

  synchronized void unreachable(String mobile) {
    unreachable.add(mobile);
  }

  synchronized List<ReceivedSms> received(String mobile) {
    return byMessageId.values().stream()
        .filter(m -> mobile == null || m.mobile().equals(mobile))
        .toList();
  }

  synchronized List<SendRequest> requests(String mobile) {
    return requests.stream().filter(r -> mobile == null || mobile.equals(r.mobile())).toList();
  }

  synchronized List<Receipt> receiptsAfter(long after, int limit) {
    return receipts.stream().filter(r -> r.seq() > after).limit(limit).toList();
  }
}
