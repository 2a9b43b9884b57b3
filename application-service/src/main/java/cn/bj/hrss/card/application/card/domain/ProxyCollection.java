package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;

import cn.bj.hrss.card.application.card.command.RecordCardCollected;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.IdNumber;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * S-PROXY-1: who collects a card at the outlet (代领). The holder, or a proxy who shows their own ID
 * card and the holder's written authorisation (授权委托书), whose number the outlet keeps: both or
 * neither. The proxy is an adult (18 on the business date, from the ID number) other than the
 * holder. The event keeps the proxy only masked (name 王*明, ID number 110105********002X).
 */
final class ProxyCollection {

  static final String RULE = "S-PROXY-1";

  /**
   * The number of a written authorisation as the outlet registers it: capital letters, then digits
   * (SQ2025031400012). The holder's notice quotes it, and only in this shape can it carry nothing
   * else (notification-service's {@code Proxies}: digits alone would read as a phone number).
   */
  static final Pattern AUTHORISATION = Pattern.compile("[A-Z]{1,6}\\d{4,24}");

  /** The longest name a resident identity card carries, with room to spare. */
  static final int MAX_NAME_LENGTH = 50;

  private ProxyCollection() {}

  /**
   * The collection event at {@code outletName}: by the holder when the command names no proxy and
   * no authorisation, else by the proxy, masked, with the authorisation; refused (S-PROXY-1)
   * otherwise.
   */
  static CardCollected collected(
      CardState state, RecordCardCollected command, String outletName, LocalDate today) {
    RecordCardCollected.Proxy proxy = command.proxy();
    String authorisation = command.authorisation();
    if (proxy == null && authorisation == null) {
      return new CardCollected(outletName);
    }
    if (proxy == null) {
      throw invalidInput(RULE, "代领须同时登记代领人身份信息和持卡人的书面授权委托书。", "an authorisation without a proxy")
          .at("proxy");
    }
    if (authorisation == null) {
      throw invalidInput(RULE, "代领须同时登记代领人身份信息和持卡人的书面授权委托书。", "a proxy without an authorisation")
          .at("authorisation");
    }
    if (!AUTHORISATION.matcher(authorisation).matches()) {
      throw invalidInput(
              RULE,
              "授权委托书编号格式有误：应为1至6位大写字母后接4至24位数字，如SQ2025031400012。",
              "the authorisation number is 1 to 6 capital letters, then 4 to 24 digits")
          .at("authorisation");
    }
    if (!PlainText.isPlain(proxy.name(), MAX_NAME_LENGTH)) {
      throw invalidInput(RULE, "请填写代领人身份证上的姓名。", "the proxy's name is missing or not a name")
          .at("proxy.name");
    }
    if (!IdNumber.isValid(proxy.idNumber())) {
      throw invalidInput(RULE, "代领人身份证号码有误。", "not a valid GB 11643-1999 ID number")
          .at("proxy.idNumber");
    }
    if (proxy.idNumber().equals(state.holder().idNumber())) {
      throw conflict(RULE, "持卡人本人领卡无需登记代领。", "the proxy is the holder").at("proxy.idNumber");
    }
    if (Guardianship.isMinorOn(proxy.idNumber(), today)) {
      throw conflict(RULE, "代领人须年满18周岁。", "the proxy is under 18 on the business date")
          .at("proxy.idNumber");
    }
    return new CardCollected(
        outletName,
        CardCollected.PROXY,
        new CardCollected.MaskedPerson(
            Masking.name(proxy.name()), Masking.idNumber(proxy.idNumber())),
        authorisation);
  }
}
