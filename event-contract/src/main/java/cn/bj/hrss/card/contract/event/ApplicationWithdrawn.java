package cn.bj.hrss.card.contract.event;

/**
 * The application was withdrawn before the card was produced (S-WITHDRAW-1): nothing is produced,
 * and the person may apply again (the one-application claim of R-ELIG-3 is released).
 *
 * @param reason why, as a code: {@link #BY_APPLICANT} (the holder, their guardian or their
 *     organisation asked) or {@link #BY_OPERATOR}
 */
public record ApplicationWithdrawn(String reason) implements CardEvent {

  public static final String BY_APPLICANT = "BY_APPLICANT";
  public static final String BY_OPERATOR = "BY_OPERATOR";
}
