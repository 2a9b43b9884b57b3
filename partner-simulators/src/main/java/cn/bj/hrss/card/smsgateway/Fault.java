package cn.bj.hrss.card.smsgateway;

/** How the simulated gateway misbehaves for the next sends to one mobile (tests ask for it). */
public enum Fault {
  /** Answers 503 without recording the message. */
  UNAVAILABLE,
  /** Records the message and delivers it, then answers 500: the sender cannot know it went out. */
  ACCEPT_THEN_FAIL
}
