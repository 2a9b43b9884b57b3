package cn.bj.hrss.card.relay;

/** What {@link ReportRelay} reads of a stored report: its id and how often it was claimed. */
public interface StoredReport {

  /** The report's id, sent as correlation id. */
  String reportId();

  /** How many times the report was claimed, this time included. */
  int attempts();
}
