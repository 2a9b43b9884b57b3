package cn.bj.hrss.card.bank.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A page of a bank's REST feed.
 *
 * @param from the first position asked for
 * @param next where to read on: the position after the last message given (or {@code from} if none)
 * @param acknowledged the bank's acknowledged position
 * @param lastPosition the feed's last position now
 * @param messages the messages from {@code from}, in position order, as on the bank's topic
 */
public record FeedPage(
    String bankCode,
    long from,
    long next,
    long acknowledged,
    long lastPosition,
    List<JsonNode> messages) {}
