package cn.bj.hrss.card.deadline;

/**
 * The application came through a channel for which no production period is laid down: R-SLA-1 to
 * R-SLA-4 name the online and offline application channels only.
 */
public final class NoProductionPeriodException extends IllegalArgumentException {

  NoProductionPeriodException(String channel) {
    super("R-SLA-1..4：该渠道（" + channel + "）不是申领渠道，通知未规定制卡时限。");
  }
}
