package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.notification.antifraud.SmsText;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256) of personal data the anti-fraud patterns only need to group by: the
 * same ID number or the same address gives the same key, and the key does not give the value back
 * without the secret ({@code notification.pseudonym-secret}).
 */
public final class Pseudonyms {

  private final byte[] secret;

  public Pseudonyms(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public String person(String idNumber) {
    return idNumber == null ? null : hmac("person|" + idNumber.trim().toUpperCase());
  }

  /** Spacing, full-width digits and letter case do not make two addresses different. */
  public String address(String address) {
    return address == null || address.isBlank()
        ? null
        : hmac("address|" + SmsText.compact(address));
  }

  private String hmac(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
