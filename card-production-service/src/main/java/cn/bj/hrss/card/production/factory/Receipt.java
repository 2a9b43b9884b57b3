package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.refusal.ApiError;
import java.util.List;

/**
 * What became of each line of a batch when it was received.
 *
 * @param received lines stored now, to be delivered
 * @param alreadyReceived lines whose reference was received before with the same facts (not stored
 *     again)
 * @param rejected lines refused as they are (see each line's error); nothing stored for them
 */
public record Receipt(int received, int alreadyReceived, int rejected, List<Line> lines) {

  /**
   * @param line index of the line in the batch, from 0
   * @param reportId the stored report, for received and already received lines
   * @param outcome RECEIVED, ALREADY_RECEIVED or REJECTED
   * @param error for a rejected line: the rule it breaks
   */
  public record Line(int line, String reportId, String outcome, ApiError error) {}
}
