package cn.bj.hrss.card.notification.antifraud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The views of a text the policy reads, and the fingerprint form that must never change. */
class SmsTextTest {

  /**
   * The citizen check compares fingerprints stored when a message went out, and suspicious patterns
   * compare address keys stored when an application was read: both use {@link SmsText#compact}, so
   * it must give what it gave before the policy's folding grew (values computed with the code
   * before issue 16).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "【北京人社】您的第三代社会保障卡申领已受理，制卡完成后将短信通知您。社保部门和银行不会索要您的银行卡号、密码或验证码。"
            + "|3a3dbd94ebdf6edbd001e10161d2ecd5b73479e9a4088582f8bf6bdb82f4b93e",
        "' 【工商银行】您的社会保障卡 已制作完成，ＥＭＳ１２３ 請點擊 СN bjsb.сn\u200B'"
            + "|2273d51dcbe089d5c217a8468b2e1776246472fa6a90e4713db084ff1177a6cd",
        "北京市海淀区中关村大街1号|2419fd5982116ae88e59e47e845a8e76d68c225632ca4b129a72e238c123f1c3"
      })
  void the_fingerprint_of_a_text_is_the_one_stored_before(String text, String fingerprint) {
    assertEquals(fingerprint, SmsText.fingerprint(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // look-alikes are folded after case folding: upper-case Cyrillic and Greek too
        "bjsb.СN|bjsb.cn",
        "ВJSВ.СОМ|bjsb.com",
        "ΗΤΤΡ|http",
        "ʙᴊsʙ.ᴄɴ|bjsb.cn",
        "ｗｗｗ．ＢＪＳＢ．ＣＮ|www.bjsb.cn",
        "請掃描二維碼|请扫描二维码",
        "١٣٨|138",
        "h\u200Bt t\u00ADp|http"
      })
  void the_policy_folds_case_then_look_alikes(String text, String folded) {
    assertEquals(folded, SmsText.fold(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "致电 138 1234 5678|致电13812345678",
        "致电０１０－６５１２３４５６|致电01065123456",
        "致电零一零六五一二三四五六|致电01065123456",
        "致电幺叁捌杠1234杠5678|致电13812345678",
        "致电138🔸1234🔸5678|致电13812345678",
        "致电❶❸❽|致电138",
        "O1O-65123456|01065123456",
        "call one three eight|call138",
        "快递单号EMS1234567890，请注意查收|快递单号ems1234567890,请注意查收",
        "2025年4月2日|2025年4月2日",
        "第三代|第3代"
      })
  void the_number_view_writes_every_digit_as_a_digit_and_joins_the_groups(
      String text, String view) {
    assertEquals(view, SmsText.numberView(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bjsb圆点cn|bjsb.cn",
        "bjsb dot cn|bjsb.cn",
        "bjsb[.]cn|bjsb.cn",
        "bjsb🔸cn|bjsb.cn",
        "bjsb%2Ecn|bjsb.cn",
        "bjsb%E3%80%82cn|bjsb.cn",
        "bjsb&#46;cn|bjsb.cn",
        "bjsb,cn|bjsb.cn",
        "kefu艾特bjsb|kefu@bjsb"
      })
  void the_link_view_reads_every_dot_as_a_dot(String text, String view) {
    assertEquals(view, SmsText.linkView(text));
  }

  @Test
  void the_public_suffix_list_knows_the_idn_top_level_domains() {
    for (String tld : new String[] {"中国", "中國", "政府", "中文网", "企业", "信息", "公司", "рф", "みんな", "cn"}) {
      assertEquals(true, AntiFraudPolicy.topLevelDomain(tld), tld);
    }
    for (String word : new String[] {"领取", "社保", "北京", "ems"}) {
      assertEquals(false, AntiFraudPolicy.topLevelDomain(word), word);
    }
  }
}
