package cn.bj.hrss.card.notification.gateway;

import java.time.Instant;
import java.util.List;

/**
 * The SMS gateway, as the sender sees it. A message carries its own id: sending the same id again
 * (a retry after a lost answer) is recognised by the gateway and not delivered twice.
 */
public interface SmsGateway {

  /** One message for the wire: the raw mobile only ever goes here. */
  record OutgoingSms(String messageId, String mobile, String signature, String text) {}

  /** What the gateway answered a send. */
  sealed interface SendResult {}

  /** Accepted (possibly a duplicate of an earlier accepted send with the same message id). */
  record Accepted(String gatewayMessageId, boolean duplicate) implements SendResult {}

  /** Not accepted this time (unreachable, 5xx, 429, 401...): try again later. */
  record TryAgain(String reason) implements SendResult {}

  /** Refused for good (the request itself is invalid): do not try again. */
  record Refused(String reason) implements SendResult {}

  /** A delivery report: DELIVERED or UNDELIVERED. */
  record Receipt(
      long seq, String messageId, String gatewayMessageId, String status, Instant reportedAt) {}

  SendResult send(OutgoingSms sms);

  /** The receipts after {@code afterSeq}, in order; empty when there are none. */
  List<Receipt> receiptsAfter(long afterSeq) throws Exception;
}
