package cn.bj.hrss.card.contract.event;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Through which channel a command came: the application channels of the notice (R-CHAN-1, R-CHAN-2)
 * and the system interfaces of factories, banks and operators. The one vocabulary of the suite: an
 * envelope's {@code channel}, the X-Channel header and every rule that depends on the channel use
 * these names. On the wire and in the event store a channel is its name, a plain string ({@link
 * EventEnvelope#channel()}), so that a reader of an older contract still reads an envelope whose
 * channel it does not know ({@link #named} is then empty).
 */
public enum Channel {
  /** 北京市人力资源和社会保障局网站 (R-CHAN-1). */
  BUREAU_WEBSITE,
  /** 京通小程序 (R-CHAN-1). */
  JINGTONG_MINI_PROGRAM,
  /** 北京人社微信公众号 (R-CHAN-1). */
  BEIJING_HRSS_WECHAT,
  /** 民生一卡通小程序 (R-CHAN-1). */
  MINSHENG_ONE_CARD_MINI_PROGRAM,
  /** An employer's collective application for its staff (R-CHAN-1, R-BANK-2). */
  EMPLOYER_COLLECTIVE,
  /** A university's collective application for its students (R-BANK-3). */
  UNIVERSITY_COLLECTIVE,
  /** A community helper's application at a retiree's home (R-CHAN-1). */
  COMMUNITY_DOOR_TO_DOOR,
  /** An instant-issuance outlet of a bank: made and handed over on the spot (R-CHAN-2, R-SLA-2). */
  BANK_OUTLET_INSTANT,
  /** A bank outlet (R-CHAN-2, R-SLA-3). */
  BANK_OUTLET,
  /** A bank's staff at the holder's employer, delivering door to door (R-PICK-4). */
  BANK_DOOR_TO_DOOR,
  /** A district or street social-security outlet (R-CHAN-2, R-SLA-4). */
  DISTRICT_STREET_OUTLET,
  /** The card factory's system interface. */
  CARD_FACTORY_API,
  /** A bank's system interface. */
  BANK_API,
  /** The operators' and auditors' console. */
  OPERATOR_CONSOLE;

  /** R-CHAN-1: the online channels, the only ones of the concentrated phase. */
  public static final Set<Channel> ONLINE =
      setOf(
          BUREAU_WEBSITE,
          JINGTONG_MINI_PROGRAM,
          BEIJING_HRSS_WECHAT,
          MINSHENG_ONE_CARD_MINI_PROGRAM);

  /** R-CHAN-2: the offline application channels, from the normal phase on. */
  public static final Set<Channel> OFFLINE =
      setOf(BANK_OUTLET_INSTANT, BANK_OUTLET, DISTRICT_STREET_OUTLET);

  /** Where the holder is in front of the issuing bank's staff (R-PICK-3, R-PICK-4). */
  public static final Set<Channel> IN_PERSON_AT_A_BANK =
      setOf(BANK_OUTLET, BANK_OUTLET_INSTANT, BANK_DOOR_TO_DOOR);

  /** The channel of this name; empty for null or a name that is not a channel. */
  public static Optional<Channel> named(String name) {
    return Arrays.stream(values()).filter(channel -> channel.name().equals(name)).findFirst();
  }

  /** Whether {@code name} is this channel's name. */
  public boolean is(String name) {
    return name().equals(name);
  }

  /** An unmodifiable set of channels that answers {@code contains(null)} with false. */
  public static Set<Channel> setOf(Channel first, Channel... rest) {
    return Collections.unmodifiableSet(EnumSet.of(first, rest));
  }
}
