package cn.bj.hrss.card.notification.antifraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.notification.antifraud.OfficialNumbers.OfficialNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R-FRAUD-1 and R-FRAUD-2 on adversarial texts: every one is blocked, for the rule it breaks. The
 * legitimate texts below (every template of the catalogue rendered for every bank and outlet, the
 * official numbers in the messages that may carry them) all pass; CatalogueTest checks the
 * catalogue itself as the service loads it. Every bypass found is added here as a case.
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
        blocked(FORMAT, "【北京人社】" + "您的社会保障卡已制作完成。".repeat(30)),
        // ==== issue 16 item 5: the bypasses the review found ================================
        blocked(LINK, S + "如非本人操作请立即致电01065123456"),
        blocked(LINK, S + "如非本人操作请立即致电010-65123456"),
        blocked(LINK, S + "社保卡激活请访问社保卡服务.中国领取"),
        blocked(LINK, S + "社保卡激活请访问bjsb.政府"),
        blocked(LINK, S + "社保卡激活请访问北京社保.中文网"),
        blocked(LINK, S + "社保卡激活请访问社保卡.企业"),
        blocked(LINK, S + "社保卡激活请访问社保卡.信息"),
        blocked(LINK, S + "社保卡激活请访问bjsb.СN"),
        blocked(LINK, S + "社保卡激活请访问bjsb圆点cn"),
        blocked(LINK, S + "请扫描下方图片完成社保卡激活"),
        blocked(LINK, S + "请打开小程序完成社保卡激活"),
        blocked(LINK, S + "请关注公众号北京社保完成激活"),
        blocked(LINK, S + "请下载APP完成社保卡激活"),
        blocked(LINK, S + "请加微信bjsb2025办理激活"),
        blocked(LINK, S + "请扫二維碼完成激活"),
        blocked(LINK, S + "請掃描二維碼完成激活"),
        // ==== further bypasses found while attacking the policy (issue 16 item 5) ===========
        // -- phone numbers that are not official ones, however written --
        blocked(LINK, S + "您的社保卡异常，请联系客服13812345678"),
        blocked(LINK, S + "您的社保卡异常，请致电０１０－６５１２３４５６"),
        blocked(LINK, S + "您的社保卡异常，请致电零一零六五一二三四五六"),
        blocked(LINK, S + "您的社保卡异常，请致电〇一〇六五一二三四五六"),
        blocked(LINK, S + "您的社保卡异常，请致电壹叁捌壹贰叁肆伍陆柒捌"),
        blocked(LINK, S + "您的社保卡异常，请致电幺三八幺二三四五六七八"),
        blocked(LINK, S + "您的社保卡异常，请致电 138 1234 5678"),
        blocked(LINK, S + "您的社保卡异常，请致电138.1234.5678"),
        blocked(LINK, S + "您的社保卡异常，请致电138-1234-5678"),
        blocked(LINK, S + "您的社保卡异常，请致电(010)65123456"),
        blocked(LINK, S + "您的社保卡异常，请致电+86 138 1234 5678"),
        blocked(LINK, S + "您的社保卡异常，请致电0086-138-1234-5678"),
        blocked(LINK, S + "您的社保卡异常，请致电4008-123-456"),
        blocked(LINK, S + "您的社保卡异常，请致电138🔸1234🔸5678"),
        blocked(LINK, S + "您的社保卡异常，请致电138\u200B1234\u200B5678"),
        blocked(LINK, S + "您的社保卡异常，请致电1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣"),
        blocked(LINK, S + "您的社保卡异常，请致电①③⑧①②③④⑤⑥⑦⑧"),
        blocked(LINK, S + "您的社保卡异常，请致电❶❸❽❶❷❸❹❺❻❼❽"),
        blocked(LINK, S + "您的社保卡异常，请致电O1O-65123456"),
        blocked(LINK, S + "您的社保卡异常，请致电١٣٨١٢٣٤٥٦٧٨"),
        blocked(LINK, S + "call one three eight one two three four five six seven eight"),
        blocked(LINK, S + "您的社保卡异常，请致电65123456"),
        blocked(LINK, S + "您的社保卡异常，请拨打客服：前三位138，中间1234，后四位5678"),
        blocked(LINK, S + "您的社保卡异常，详询10086"),
        blocked(LINK, S + "您的社保卡异常，TEL:010-65123456"),
        blocked(LINK, S + "您的社保卡异常，tel13812345678"),
        blocked(LINK, S + "您的社保卡已制作完成，如有疑问请致电95588"),
        blocked(LINK, "【建设银行】您的第三代社会保障卡已制作完成，如有疑问请致电95588"),
        blocked(LINK, "【工商银行】您的第三代社会保障卡已制作完成，如有疑问请致电010-12333"),
        blocked(LINK, PICKUP + "工商银行朝阳门支行（咨询电话010-65123456）领取。"),
        blocked(LINK, "【北京人社】您的社会保障卡已交邮寄送，快递单号8613812345678，请注意查收。"),
        // -- domain names: any top-level domain of the Public Suffix List, IDN ones included --
        blocked(LINK, S + "社保卡激活请访问北京人社.com"),
        blocked(LINK, S + "社保卡激活请访问北京人社.cn领取"),
        blocked(LINK, S + "社保卡激活请访问社保卡服务.公司办理"),
        blocked(LINK, S + "社保卡激活请访问北京人社。cn领取"),
        blocked(LINK, S + "社保卡激活请访问社保卡服务·中国领取"),
        blocked(LINK, S + "社保卡激活请访问社保卡.中國"),
        blocked(LINK, S + "社保卡激活请访问社保卡.移动"),
        blocked(LINK, S + "社保卡激活请访问bjsb.中信"),
        blocked(LINK, S + "社保卡激活请访问bjsb.рф"),
        // Found by AntiFraudPropertiesTest once its cases were really random: й lost its breve.
        blocked(LINK, S + "社保卡激活请访问社保.онлайн"),
        blocked(LINK, S + "社保卡激活请访问激活中心圆点онлайн领取"),
        blocked(LINK, S + "社保卡激活请访问社保卡服务・онлайн"),
        blocked(LINK, S + "社保卡激活请访问bjsb.онлайн"),
        blocked(LINK, S + "社保卡激活请访问社保.닷컴"),
        blocked(LINK, S + "社保卡激活请访问社保.みんな"),
        blocked(LINK, S + "社保卡激活请访问北京社保点中国"),
        blocked(LINK, S + "社保卡激活请访问bjsb.ΝΕΤ"),
        blocked(LINK, S + "社保卡激活请访问ʙᴊsʙ.ᴄɴ"),
        blocked(LINK, S + "社保卡激活请访问ВJSВ.СОМ"),
        blocked(LINK, S + "社保卡激活请访问bjrs%2Ecn"),
        blocked(LINK, S + "社保卡激活请访问bjrs&#46;cn"),
        blocked(LINK, S + "社保卡激活请访问xn--4gq62f52gdss"),
        blocked(LINK, S + "社保卡激活请访问bjrs🔸cn"),
        blocked(LINK, S + "社保卡激活请访问bjrs●cn"),
        blocked(LINK, S + "社保卡激活请访问bjrs句号cn"),
        blocked(LINK, S + "社保卡激活请访问bjrs dian cn"),
        blocked(LINK, S + "社保卡激活请访问bjrs,cn"),
        blocked(LINK, S + "社保卡激活请访问bjrs*cn"),
        blocked(LINK, S + "有疑问请发邮件至kefu艾特bjrs"),
        blocked(LINK, S + "社保卡激活请访问一九二点一六八点一点一"),
        blocked(LINK, S + "社保卡激活请访问[2001:db8::1]"),
        // -- wording that sends the holder to an app, a QR code or a chat account --
        blocked(LINK, S + "請關注公眾號完成激活"),
        blocked(LINK, S + "请下載應用完成激活"),
        blocked(LINK, S + "请加薇信办理激活"),
        blocked(LINK, S + "请加vx办理激活"),
        blocked(LINK, S + "请加QQ群办理激活"),
        blocked(LINK, S + "請點開連結完成激活"),
        blocked(LINK, S + "请登入社保网完成激活"),
        blocked(LINK, S + "请开启屏幕共享完成激活"),
        blocked(LINK, S + "请安装客户端完成激活"),
        blocked(LINK, S + "please download the app to activate"),
        blocked(LINK, S + "add us on WeChat to activate"),
        // -- found attacking the new policy itself --
        blocked(LINK, S + "您的社保卡异常，请致电138 杠 1234 杠 5678"),
        blocked(LINK, S + "您的社保卡异常，客服：138，1234，5678"),
        blocked(LINK, S + "您的社保卡异常，请致电𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖"),
        blocked(LINK, S + "您的社保卡异常，请致电(+86)13812345678"),
        blocked(LINK, S + "您的社保卡异常，请致电 one-three-eight 1234 5678"),
        blocked(LINK, S + "您的社保卡异常，客服电话：一三八一二三四五六七八"),
        blocked(LINK, S + "社保卡激活请访问 bjsb 。 СОМ"),
        blocked(LINK, S + "社保卡激活请访问社保．在线办理"),
        blocked(LINK, S + "社保卡激活请访问bjsb.сom"),
        blocked(LINK, S + "社保卡激活请访问bjsb\u200D.\u200Dcn"),
        blocked(LINK, S + "社保卡激活请访问bjsb⁘cn"),
        blocked(LINK, S + "社保卡激活请访问bjsb%E3%80%82cn"),
        blocked(LINK, S + "社保卡激活请访问bjsb&period;cn"),
        blocked(LINK, S + "社保卡激活请访问bjsb\\x2ecn"),
        blocked(LINK, S + "社保卡激活请访问 ωωω bjsb"),
        blocked(LINK, S + "社保卡激活请访问 ①⑨②.①⑥⑧.①.①"),
        blocked(LINK, S + "社保卡激活请访问 0xC0A80101"),
        blocked(LINK, S + "请加V:bjsb2025办理激活"),
        blocked(LINK, S + "请下 载 APP完成激活"),
        blocked(LINK, S + "请开启共享屏幕完成激活"),
        blocked(LINK, S + "请扫瞄图片完成激活"),
        blocked(LINK, S + "請長按識別圖中二維碼完成激活"),
        blocked(LINK, S + "请视频通话核实身份"),
        blocked(LINK, S + "请打开云闪付完成激活"),
        blocked(LINK, S + "点此办理社保卡激活"),
        blocked(LINK, S + "please add wei xin bjsb2025"),
        // -- numbers that look like a bank card, joined by separators --
        blocked(ASK, S + "您的卡号6222-0212-3456-7890-123已开通"));
  }

  /**
   * An official number where it does not belong: a bank's hotline in another bank's message and in
   * the programme's own messages (issue 16: only the bank's own hotline).
   */
  static Stream<Arguments> officialNumbersInTheWrongMessage() {
    List<Arguments> cases = new ArrayList<>();
    List<OfficialNumber> hotlines = bankHotlines();
    for (int i = 0; i < hotlines.size(); i++) {
      OfficialNumber other = hotlines.get((i + 1) % hotlines.size());
      String signer = hotlines.get(i).signature();
      cases.add(blocked(LINK, "【" + signer + "】您的第三代社会保障卡已制作完成，如有疑问请致电" + other.number() + "。"));
      cases.add(blocked(LINK, S + "您的第三代社会保障卡已制作完成，如有疑问请致电" + hotlines.get(i).number() + "。"));
    }
    return cases.stream();
  }

  private static List<OfficialNumber> bankHotlines() {
    return OfficialNumbers.all().stream()
        .filter(n -> !n.signature().equals(OfficialNumbers.ANY_SIGNATURE))
        .toList();
  }

  private static Arguments blocked(String rule, String text) {
    return Arguments.of(rule, text);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("officialNumbersInTheWrongMessage")
  void an_official_number_in_a_message_it_does_not_belong_to_is_blocked(String rule, String text) {
    an_adversarial_text_is_blocked_for_the_rule_it_breaks(rule, text);
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
        "【北京人社】社保部门和合作银行不收取工本费和快递费。",
        // ---- the catalogue's templates added by issue 17 (V7) --------------------------------
        "【北京人社】您的第三代社会保障卡社保功能已启用。",
        "【北京人社】您的社会保障卡已交邮寄送，快递单号EMS1234567890，请注意查收。收到后可通过线上或线下渠道启用社保功能（含就医结算）；金融功能须本人持卡到发卡银行任一服务网点现场激活。",
        // ---- issue 16 item 5: official numbers, codes and numbers that are no phone numbers ---
        "【北京人社】您的第三代社会保障卡已制作完成，如有疑问请拨打12333。",
        "【北京人社】如有疑问，请致电１２３３３咨询。",
        "【工商银行】您的第三代社会保障卡金融功能已在工商银行北京朝阳门支行激活，如有疑问请致电95588或12333。",
        "【邮政储蓄银行】您的第三代社会保障卡已制作完成，详询95580。",
        "【北京人社】您的社会保障卡已交邮寄送，快递单号SIM0123456789，请注意查收。",
        "【北京人社】您的社会保障卡已交邮寄送，快递单号EMS0000000042，请注意查收。",
        "【北京人社】您的社会保障卡已交邮寄送，快递单号EA123456789CN，请注意查收。",
        "【北京人社】您的社会保障卡已交邮寄送，快递单号1100012345678，请注意查收。",
        "【北京人社】您的社会保障卡已交邮寄送，快递单号EMS99，请注意查收。",
        // digits glued to letters are a code, even shaped like a mobile (SF, JD numbers can be)
        "【北京人社】您的社会保障卡已交邮寄送，快递单号JDVA13812345678，请注意查收。",
        "【北京人社】您的第三代社会保障卡应于2026年12月31日前制作完成，目前已超期，我们正在督促加快制作，完成后将短信通知您。",
        "【工商银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到工商银行北京测试支行12345领取，领卡时可现场启用社保功能、激活金融功能。",
        "【中信银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到中信银行北京国贸支行（北京市朝阳区建国门外大街1号国贸大厦3层301-305室）领取，领卡时可现场启用社保功能、激活金融功能。",
        "【中国银行】您补领（换领）的第三代社会保障卡已在中国银行北京分行营业部（北京市西城区复兴门内大街1号）办理完成，原卡同时停止使用。",
        // a sentence or an item that begins with a top-level domain (中国, 中信) is no domain
        "【北京人社】您的第三代社会保障卡申领已受理。中国人民银行和社保部门不会索要您的密码。",
        "【北京人社】您的第三代社会保障卡可在工商银行、中信银行、中国银行等合作银行网点领取。",
        // ---- the catalogue's programme-signed templates added by issue 18 (V10) ---------------
        "【北京人社】您的第三代社会保障卡申领信息已变更：发卡银行为工商银行，领卡方式为到工商银行北京朝阳门支行（北京市东城区朝阳门北大街1号）领取。如非本人办理，请致电12333。",
        "【北京人社】您的第三代社会保障卡申领信息已变更：发卡银行为建设银行，领卡方式为邮寄至北京市海淀区****。如非本人办理，请致电12333。",
        "【北京人社】您的第三代社会保障卡申领信息已变更：发卡银行为北京农商银行，领卡方式为发卡银行上门送卡。如非本人办理，请致电12333。",
        "【北京人社】您的第三代社会保障卡申领已撤回，不会制卡。如需办理，可重新申领。",
        "【北京人社】您的第三代社会保障卡的短信通知今后将发送至新手机号139****5678，本号码不再接收。如非本人办理，请本人携带有效身份证件到社保经办机构核实。",
        "【北京人社】您的第三代社会保障卡已由王*明凭您的授权委托书（编号SQ2025031400012）代为领取。如非本人授权，请致电12333。",
        "【北京人社】您的第三代社会保障卡已由代领人凭您的授权委托书（编号以网点留存为准）代为领取。如非本人授权，请致电12333。"
      })
  void a_legitimate_text_passes(String text) {
    assertEquals(List.of(), AntiFraudPolicy.checkOutgoing(text).violations(), text);
  }

  /**
   * The bodies of the catalogue's bank-signed templates (V2, V3 for REPLACEMENT_READY, V10 for
   * issue 18's), a pickup period's last day filled in.
   */
  static final List<String> BANK_SIGNED_BODIES =
      List.of(
          "您的第三代社会保障卡已制作完成，请携带有效身份证件到{outlet}领取，领卡时可现场启用社保功能、激活金融功能。",
          "您的第三代社会保障卡金融功能已在{outlet}激活。",
          "您补领或换领的第三代社会保障卡已制作完成，请携带有效身份证件到{outlet}领取。",
          "您补领（换领）的第三代社会保障卡已在{outlet}办理完成，原卡同时停止使用。",
          // issue 18 (V10): MAIL_RETURNED, PICKUP_PERIOD_ENDING, UNCOLLECTED_CARD_RETURNED
          "您邮寄的第三代社会保障卡未能投递，已转至{outlet}，请携带本人有效身份证件到该网点领取。",
          "您的第三代社会保障卡在{outlet}待领取，领取期限至2025年6月9日，请携带有效身份证件及时领取。",
          "您的第三代社会保障卡超过领取期限未领取，已退回发卡银行统一保管。如需领取，请携带有效身份证件到发卡银行任一服务网点申请领取。");

  /** Outlets as pickup notices name them: the name, with the address when the table has it. */
  static final List<String> OUTLETS =
      List.of(
          "发卡银行网点",
          "工商银行北京朝阳门支行",
          "工商银行北京朝阳门支行（北京市东城区朝阳门内大街2号）",
          "中国邮政储蓄银行北京海淀区支行营业部",
          "北京农商银行朝阳支行（北京市朝阳区朝阳北路1号院2号楼）",
          "华夏银行北京三元桥支行（北京市朝阳区东三环北路甲19号）",
          "招商银行北京分行营业部（北京市西城区复兴门内大街156号招商国际金融中心D座）");

  /** The 15 cooperating banks of FACTS.md, by the name that signs their messages. */
  static final List<String> BANKS =
      List.of(
          "工商银行", "农业银行", "中国银行", "建设银行", "交通银行", "北京银行", "华夏银行", "北京农商银行", "中信银行", "光大银行", "民生银行",
          "广发银行", "招商银行", "浦发银行", "邮政储蓄银行");

  /**
   * Every bank-signed template of the catalogue, signed by each of the 15 banks, naming each
   * outlet; each bank's own hotline in a message it signs.
   */
  static Stream<String> catalogueTextsForEveryBank() {
    List<String> texts = new ArrayList<>();
    for (String bank : BANKS) {
      for (String body : BANK_SIGNED_BODIES) {
        for (String outlet : OUTLETS) {
          texts.add("【" + bank + "】" + body.replace("{outlet}", outlet));
        }
      }
    }
    for (OfficialNumber hotline : bankHotlines()) {
      texts.add(
          "【"
              + hotline.signature()
              + "】您的第三代社会保障卡金融功能已在"
              + hotline.signature()
              + "北京分行营业部激活，如有疑问请致电"
              + hotline.number()
              + "。");
    }
    return texts.stream();
  }

  @ParameterizedTest
  @MethodSource("catalogueTextsForEveryBank")
  void a_catalogue_message_of_any_bank_passes(String text) {
    a_legitimate_text_passes(text);
  }

  @org.junit.jupiter.api.Test
  void every_cooperating_bank_has_its_own_hotline_and_12333_is_everyones() {
    assertEquals(BANKS, bankHotlines().stream().map(OfficialNumber::signature).toList());
    assertEquals(
        15, bankHotlines().stream().map(OfficialNumber::number).distinct().count(), "distinct");
    assertTrue(OfficialNumbers.allowed("12333", null));
    assertTrue(OfficialNumbers.allowed("12333", "工商银行"));
    // the two hotlines FACTS.md names
    assertTrue(OfficialNumbers.allowed("95588", "工商银行"));
    assertTrue(OfficialNumbers.allowed("95580", "邮政储蓄银行"));
    assertFalse(OfficialNumbers.allowed("95588", "建设银行"));
    assertFalse(OfficialNumbers.allowed("95588", "北京人社"));
    assertFalse(OfficialNumbers.allowed("95588", null));
  }

  @org.junit.jupiter.api.Test
  void a_reason_shows_a_phone_number_masked() {
    assertEquals(
        "R-FRAUD-1: contains a phone number that is not an official one (\"138******78\")",
        AntiFraudPolicy.checkOutgoing(S + "请致电13812345678").reason());
  }

  @org.junit.jupiter.api.Test
  void the_suite_holds_at_least_two_hundred_adversarial_texts() {
    assertTrue(adversarial().count() + officialNumbersInTheWrongMessage().count() >= 200);
  }
}
