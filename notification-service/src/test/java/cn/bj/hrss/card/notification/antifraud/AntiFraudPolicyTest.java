package cn.bj.hrss.card.notification.antifraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R-FRAUD-1 and R-FRAUD-2 on adversarial texts: every one is blocked, for the rule it breaks. The
 * legitimate texts below (the catalogue's, rendered) all pass; CatalogueTest checks the catalogue
 * itself as the service loads it.
 */
class AntiFraudPolicyTest {

  private static final String S = "【北京人社】";
  private static final String PICKUP = "【工商银行】您的社会保障卡已制作完成，请携带有效身份证件到";
  private static final String LINK = AntiFraudPolicy.LINK_RULE;
  private static final String ASK = AntiFraudPolicy.SENSITIVE_RULE;
  private static final String FORMAT = AntiFraudPolicy.FORMAT_RULE;

  static Stream<Arguments> adversarial() {
    return Stream.of(
        // ---- links, plain and disguised (R-FRAUD-1) ---------------------------------------
        blocked(LINK, S + "您的社保卡已制作完成，详情见http://bjrs.cn/card"),
        blocked(LINK, S + "请访问https://www.bjrs-card.com办理激活"),
        blocked(LINK, S + "激活请访问HTTPS://BJRS.CN"),
        blocked(LINK, S + "激活地址：www.bjrs.gov.cn.card-active.top"),
        blocked(LINK, S + "激活地址：WWW.BJRS.COM"),
        blocked(LINK, S + "激活地址ｈｔｔｐ：／／ｂｊｒｓ．ｃｎ"),
        blocked(LINK, S + "激活地址ｗｗｗ．ｂｊｒｓ．ｃｎ"),
        blocked(LINK, S + "激活地址 h t t p : / / b j r s . c n"),
        blocked(LINK, S + "激活地址 w w w . b j r s . c n"),
        blocked(LINK, S + "激活地址ht\u200Btp://bjrs\u200B.cn"),
        blocked(LINK, S + "激活地址w\u200Cw\u200Dw.bjrs.cn"),
        blocked(LINK, S + "激活地址h\u00ADt\u00ADt\u00ADp://bjrs.cn"),
        blocked(LINK, S + "激活地址\uFEFFwww.bjrs.cn"),
        blocked(LINK, S + "激活地址bjrs。cn"),
        blocked(LINK, S + "激活地址bjrs．cn"),
        blocked(LINK, S + "激活地址bjrs｡cn"),
        blocked(LINK, S + "激活地址bjrs点cn"),
        blocked(LINK, S + "激活地址bjrs點com"),
        blocked(LINK, S + "激活地址bjrs dot cn"),
        blocked(LINK, S + "激活地址bjrs(dot)cn"),
        blocked(LINK, S + "激活地址bjrs[.]cn"),
        blocked(LINK, S + "激活地址bjrs(.)cn"),
        blocked(LINK, S + "激活地址bjrs{.}com"),
        blocked(LINK, S + "激活地址bjrs丶cn"),
        blocked(LINK, S + "激活地址bjrs·cn"),
        blocked(LINK, S + "激活地址bjrs・cn"),
        blocked(LINK, S + "激活地址bjrs•cn"),
        blocked(LINK, S + "激活地址bjrs、cn"),
        blocked(LINK, S + "激活地址bjrs﹒cn"),
        blocked(LINK, S + "激活地址bjrs . c n"),
        blocked(LINK, S + "激活地址bjrs.\ncn"),
        blocked(LINK, S + "激活地址bjrs.\tcn"),
        blocked(LINK, S + "激活地址bjrs\u00A0.\u00A0cn"),
        blocked(LINK, S + "激活地址bjrs\u3000.\u3000cn"),
        blocked(LINK, S + "社保卡激活：t.cn/A6xYz9"),
        blocked(LINK, S + "社保卡激活：dwz.cn/abc123"),
        blocked(LINK, S + "社保卡激活：url.cn/5aBcD"),
        blocked(LINK, S + "社保卡激活：bit.ly/3xYz"),
        blocked(LINK, S + "社保卡激活：suo.im/6kLm"),
        blocked(LINK, S + "社保卡激活：tinyurl.com/bjrs"),
        blocked(LINK, S + "社保卡激活：j.mp/abc"),
        blocked(LINK, S + "社保卡激活：tcn/A6xYz9"),
        blocked(LINK, S + "社保卡激活：http://10.12.8.3:8080/a"),
        blocked(LINK, S + "社保卡激活：10.12.8.3"),
        blocked(LINK, S + "社保卡激活：１０．１２．８．３"),
        blocked(LINK, S + "社保卡激活：hxxp://bjrs.cn"),
        blocked(LINK, S + "社保卡激活：ftp://bjrs.cn"),
        blocked(LINK, S + "社保卡激活请访问北京人社.中国"),
        blocked(LINK, S + "社保卡激活请访问北京人社。中国"),
        blocked(LINK, S + "社保卡激活请访问社保卡.公司/jh"),
        blocked(LINK, S + "社保卡激活：xn--fiqs8s.cn"),
        blocked(LINK, S + "有疑问请发邮件至kefu@bjrs.cn"),
        blocked(LINK, S + "有疑问请发邮件至kefu@bjrs"),
        blocked(LINK, S + "激活地址：bjrs.xyz"),
        blocked(LINK, S + "激活地址：bj-rs.top"),
        blocked(LINK, S + "激活地址：bjrs.vip"),
        blocked(LINK, S + "激活地址：card.bjrs.gov.cn"),
        blocked(LINK, S + "激活地址：𝐰𝐰𝐰.𝐛𝐣𝐫𝐬.𝐜𝐧"),
        blocked(LINK, S + "激活地址：ⓦⓦⓦ.ⓑⓙⓡⓢ.ⓒⓝ"),
        blocked(LINK, S + "激活地址：һttр://bjrs.cn"),
        blocked(LINK, S + "激活地址：www.bjrs.сn"),
        blocked(LINK, S + "激活地址：w-w-w-bjrs"),
        blocked(LINK, S + "激活地址：w_w_w_bjrs"),
        blocked(LINK, S + "激活地址：h.t.t.p.s bjrs"),
        blocked(LINK, S + "激活地址：bjrs.c\u0332n\u0332"),
        blocked(LINK, S + "请点击链接完成社保卡激活"),
        blocked(LINK, S + "请复制网址到浏览器打开"),
        blocked(LINK, S + "请扫描二维码领取社保卡"),
        blocked(LINK, S + "请登录官网完成激活"),
        blocked(LINK, S + "请點擊鏈接完成激活"),
        blocked(LINK, S + "click here to activate your card"),
        blocked(LINK, S + "社保卡激活 短链见后"),
        blocked(LINK, S + "社保卡待激活，戳这里"),
        // ---- a link slipped in through a value (an outlet name, an address) ---------------
        blocked(LINK, PICKUP + "工商银行http://t.cn/abc支行领取。"),
        blocked(LINK, PICKUP + "工商银行朝阳门支行（详见bjrs.cn）领取。"),
        blocked(LINK, PICKUP + "工商银行朝阳门支行，网点导航t。cn/x9领取。"),
        blocked(LINK, PICKUP + "ｗｗｗ．ｉｃｂｃ－ｃａｒｄ．ｔｏｐ领取。"),
        blocked(LINK, PICKUP + "工商银行(北京市东城区朝阳门内大街1号,地图:map.icbc.xyz)领取。"),
        blocked(LINK, "【北京人社】您的社会保障卡已交邮寄送，快递单号EMS123 www.kuaidi.top，请注意查收。"),
        blocked(LINK, "【北京人社】您的社会保障卡已交邮寄送，快递单号http://ems.cn/q?n=1，请注意查收。"),
        // ---- requests for sensitive data (R-FRAUD-2) --------------------------------------
        blocked(ASK, S + "您的社保卡需要激活，请回复验证码"),
        blocked(ASK, S + "请提供您的银行卡号和密码以完成激活"),
        blocked(ASK, S + "请输入支付密码确认领卡"),
        blocked(ASK, S + "请将短信验证码发给客服完成换卡"),
        blocked(ASK, S + "您的验证码为385210，五分钟内有效"),
        blocked(ASK, S + "请告知身份证号码以核实身份"),
        blocked(ASK, S + "请核对您的金融账号"),
        blocked(ASK, S + "请回复密 码"),
        blocked(ASK, S + "请回复密\u200B码"),
        blocked(ASK, S + "请回复驗證碼"),
        blocked(ASK, S + "請輸入帳號"),
        blocked(ASK, S + "请回复yanzhengma"),
        blocked(ASK, S + "Please reply with your PIN"),
        blocked(ASK, S + "please send your password"),
        blocked(ASK, S + "Reply with the verification code"),
        blocked(ASK, S + "请提供卡背面CVV码"),
        blocked(ASK, S + "请提供银行卡有效期"),
        blocked(ASK, S + "请上传身份证正反面照片"),
        blocked(ASK, S + "请完成人脸识别"),
        blocked(ASK, S + "请回复U盾口令"),
        blocked(ASK, S + "请确认个人信息"),
        blocked(ASK, S + "银行不会索要密码，只需回复验证码即可"),
        blocked(ASK, S + "银行不会索要密码只需回复验证码即可"),
        blocked(ASK, S + "切勿错过请回复卡号"),
        blocked(ASK, S + "不要错过提供银行卡号的机会"),
        blocked(ASK, S + "社保部门不会索要密码，但激活需提供验证码"),
        blocked(ASK, S + "您的卡号6222021234567890123已开通"),
        blocked(ASK, S + "持卡人11010519491231002X的社保卡已制作完成"),
        // ---- requests for money (R-FRAUD-2; the programme is free, R-CARD-2) --------------
        blocked(ASK, S + "您的社保卡需缴纳工本费20元"),
        blocked(ASK, S + "快递费10元，请付款后寄出"),
        blocked(ASK, S + "激活需支付手续费"),
        blocked(ASK, S + "请转账至安全账户"),
        blocked(ASK, S + "您有一笔社保补贴待领取"),
        blocked(ASK, S + "请汇款激活金融功能"),
        blocked(ASK, S + "您的社保卡已冻结，解冻请联系客服"),
        blocked(ASK, S + "不收费，但需先转账激活"),
        // ---- format (FACTS.md SMS conventions) ---------------------------------------------
        blocked(FORMAT, "您的社会保障卡已制作完成，请到网点领取。"),
        blocked(FORMAT, "【北京人社】【工商银行】您的社会保障卡已制作完成。"),
        blocked(FORMAT, "【北京人社】您的社会保障卡已制作完成〖工商银行〗"),
        blocked(FORMAT, "[北京人社]您的社会保障卡已制作完成。"),
        blocked(FORMAT, "【北京人社】您的社会保障卡已制作完成\u202E。"),
        blocked(FORMAT, "【北京人社】" + "您的社会保障卡已制作完成。".repeat(30)));
  }

  private static Arguments blocked(String rule, String text) {
    return Arguments.of(rule, text);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("adversarial")
  void an_adversarial_text_is_blocked_for_the_rule_it_breaks(String rule, String text) {
    AntiFraudPolicy.Verdict verdict = AntiFraudPolicy.checkOutgoing(text);

    assertFalse(verdict.allowed(), text);
    assertTrue(
        verdict.violations().stream().anyMatch(v -> v.rule().equals(rule)),
        () -> text + " broke " + verdict.violations() + ", expected " + rule);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "【北京人社】您的第三代社会保障卡申领已受理，制卡完成后将短信通知您。社保部门和银行不会索要您的银行卡号、密码或验证码。",
        "【工商银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到工商银行北京朝阳门支行（北京市东城区朝阳门内大街2号）领取，" + "领卡时可现场启用社保功能、激活金融功能。",
        "【邮政储蓄银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到中国邮政储蓄银行北京海淀区支行营业部领取，领卡时可现场启用社保功能、激活金融功能。",
        "【北京人社】您的社会保障卡已交邮寄送，快递单号EMS1234567890，请注意查收。",
        "【北京人社】您的社会保障卡已交邮寄送，快递单号SF1234567890123，请注意查收。",
        "【北京人社】您的社会保障卡已制作完成，发卡银行将上门送卡，请留意单位经办人通知。",
        "【北京人社】您的社会保障卡应于2025年4月2日前制作完成，目前已超期，我们正在督促加快制作，完成后将短信通知您。",
        "【北京人社】您的第三代社会保障卡社保功能已启用，原社会保障卡同时失效。",
        "【工商银行】您的第三代社会保障卡金融功能已在工商银行北京朝阳门支行激活。",
        "【北京人社】请勿向他人透露验证码。",
        "【北京人社】社保部门和合作银行不收取工本费和快递费。"
      })
  void a_legitimate_text_passes(String text) {
    assertEquals(List.of(), AntiFraudPolicy.checkOutgoing(text).violations(), text);
  }

  @org.junit.jupiter.api.Test
  void the_suite_holds_at_least_a_hundred_adversarial_texts() {
    assertTrue(adversarial().count() >= 100);
  }
}
