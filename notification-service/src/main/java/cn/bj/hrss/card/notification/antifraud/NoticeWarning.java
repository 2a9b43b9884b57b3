package cn.bj.hrss.card.notification.antifraud;

/** The notice's own anti-fraud warning, quoted word for word, for citizens who check an SMS. */
public final class NoticeWarning {

  /** Where it comes from. */
  public static final String SOURCE = "京人社数据字【2024】133号（四）防范网络诈骗";

  /** R-FRAUD-1 and R-FRAUD-2 in the notice's words (notice-2024-133.zh.txt). */
  public static final String TEXT =
      "北京市人力资源社会保障部门和各社会保障卡合作银行不会发送含有网页链接的短信通知,"
          + "也不会通过发送短信或邮件的方式向单位或个人索要社保卡金融账号和支付密码等个人敏感信息,"
          + "请全市各参保单位、参保人充分做好网络诈骗防范工作。";

  private NoticeWarning() {}
}
