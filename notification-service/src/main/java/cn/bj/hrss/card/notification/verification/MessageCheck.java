package cn.bj.hrss.card.notification.verification;

import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.antifraud.NoticeWarning;
import cn.bj.hrss.card.notification.antifraud.SmsText;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sql.DataSource;

/**
 * Anti-fraud for citizens: did the programme really send this text to this number? Only messages
 * the gateway accepted for exactly that mobile count, compared after normalisation (white space,
 * full-width characters, invisible characters). The answer is the same for a text never sent and
 * for a text sent to another number, so it reveals nothing about other numbers.
 */
@ApplicationScoped
public class MessageCheck {

  private static final DateTimeFormatter BEIJING_TIME =
      DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

  /**
   * The answer to a citizen.
   *
   * @param sentByProgramme whether this text went to this mobile
   * @param sentAt when the gateway accepted it; null when not sent
   * @param answer what to do, in Chinese
   * @param noticeWarning the notice's own warning, word for word; null when sent
   * @param fraudSigns the signs of fraud in the text itself (R-FRAUD-1, R-FRAUD-2)
   */
  public record Answer(
      boolean sentByProgramme,
      Instant sentAt,
      String answer,
      String noticeWarning,
      String noticeSource,
      List<String> fraudSigns) {}

  private final DataSource dataSource;

  MessageCheck(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @param mobile the citizen's 11-digit mobile
   */
  public Answer check(String mobile, String text) throws SQLException {
    List<String> signs =
        AntiFraudPolicy.fraudSigns(text).stream().map(AntiFraudPolicy.Violation::toString).toList();
    Instant sentAt = sentAt(mobile, SmsText.fingerprint(text));
    if (sentAt != null) {
      return new Answer(
          true,
          sentAt,
          "这条短信确由北京市第三代社会保障卡服务于"
              + BEIJING_TIME.format(sentAt)
              + "（北京时间）发送至您的手机号码。短信不含任何链接，也不会索要您的账号、密码或验证码。",
          null,
          null,
          signs);
    }
    return new Answer(
        false,
        null,
        "我们没有向您的手机号码发送过这条短信，请按诈骗短信处理：不要点击其中的任何链接，不要回复，"
            + "不要向任何人提供银行卡号、密码或验证码，也不要转账。如有疑问，请拨打12333咨询或向公安机关报案。",
        NoticeWarning.TEXT,
        NoticeWarning.SOURCE,
        signs);
  }

  private Instant sentAt(String mobile, String fingerprint) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT min(sent_at) FROM sms_outbox WHERE recipient_mobile = ?"
                    + " AND text_fingerprint = ? AND sent_at IS NOT NULL")) {
      statement.setString(1, mobile);
      statement.setString(2, fingerprint);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getTimestamp(1) != null ? row.getTimestamp(1).toInstant() : null;
      }
    }
  }
}
