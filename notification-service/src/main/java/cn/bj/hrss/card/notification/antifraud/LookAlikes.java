package cn.bj.hrss.card.notification.antifraud;

import java.util.HashMap;
import java.util.Map;

/**
 * The characters that read as others, which {@link SmsText} replaces: the tables alone, so that the
 * views of a text stay readable beside them.
 */
final class LookAlikes {

  private LookAlikes() {}

  /**
   * Look-alikes, applied after NFKC and lower-casing (so an upper-case Cyrillic "С" is first "с",
   * then "c"): Cyrillic, Greek, Armenian letters and Latin small capitals that read as Latin ones,
   * and traditional forms of the characters the rules name.
   */
  static final Map<Integer, String> FOLDED = folded();

  private static Map<Integer, String> folded() {
    String pairs =
        // Cyrillic (lower case: upper case is folded to it first)
        "аa вb гr сc ԁd еe һh іi јj кk ӏl мm нh оo пn рp ԛq ѕs тt уy үy ѡw ԝw хx ьb "
            // Greek
            + "αa βb γy εe ζz ηh ιi κk μm νv οo ρp τt υu χx ωw ϲc ϳj "
            // Armenian
            + "օo սu հh ոn զq ցg "
            // Latin letters that are not a-z but read as them (IPA, small capitals)
            + "ɑa ɡg ıi ȷj ɩi ɪi ʋv ʀr ᴀa ʙb ᴄc ᴅd ᴇe ꜰf ɢg ʜh ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ꞯq ꜱs ᴛt ᴜu ᴠv "
            + "ᴡw ʏy ᴢz "
            // traditional characters of the words the rules look for
            + "驗验 證证 碼码 帳账 賬账 號号 戶户 請请 輸输 鏈链 網网 點点 擊击 銀银 轉转 匯汇 費费 訊讯 寫写 覆复 "
            + "複复 發发 囑嘱 掃扫 載载 覽览 額额 貼贴 補补 資资 訴诉 錄录 維维 眾众 關关 註注 應应 裝装 電电 話话 "
            + "撥拨 聯联 絡络 繫系 諮咨 詢询 熱热 線线 連连 結结 瀏浏 頁页 會会 議议 遠远 釘钉 寶宝 訂订 閱阅 頻频 "
            + "視视 務务 郵邮 圓圆 國国 認认 貸贷 凍冻 繳缴 納纳 續续 紅红 獎奖 現现 單单 動动 臉脸 識识 給给 問问 "
            + "開开 體体 區区";
    Map<Integer, String> map = new HashMap<>();
    for (String pair : pairs.split(" ")) {
      int from = pair.codePointAt(0);
      map.put(from, pair.substring(Character.charCount(from)));
    }
    return Map.copyOf(map);
  }

  /**
   * The look-alikes {@link SmsText#compact} has always replaced (before lower-casing), frozen: the
   * stored fingerprints and keyed hashes were computed with them.
   */
  static final Map<Integer, String> ORIGINAL =
      Map.ofEntries(
          // Cyrillic
          Map.entry((int) 'а', "a"),
          Map.entry((int) 'в', "b"),
          Map.entry((int) 'с', "c"),
          Map.entry((int) 'ԁ', "d"),
          Map.entry((int) 'е', "e"),
          Map.entry((int) 'һ', "h"),
          Map.entry((int) 'і', "i"),
          Map.entry((int) 'ј', "j"),
          Map.entry((int) 'к', "k"),
          Map.entry((int) 'ӏ', "l"),
          Map.entry((int) 'м', "m"),
          Map.entry((int) 'н', "h"),
          Map.entry((int) 'о', "o"),
          Map.entry((int) 'р', "p"),
          Map.entry((int) 'ԛ', "q"),
          Map.entry((int) 'ѕ', "s"),
          Map.entry((int) 'т', "t"),
          Map.entry((int) 'у', "y"),
          Map.entry((int) 'ѡ', "w"),
          Map.entry((int) 'х', "x"),
          // Greek
          Map.entry((int) 'α', "a"),
          Map.entry((int) 'ε', "e"),
          Map.entry((int) 'ι', "i"),
          Map.entry((int) 'κ', "k"),
          Map.entry((int) 'ν', "v"),
          Map.entry((int) 'ο', "o"),
          Map.entry((int) 'ρ', "p"),
          Map.entry((int) 'τ', "t"),
          Map.entry((int) 'υ', "u"),
          Map.entry((int) 'χ', "x"),
          Map.entry((int) 'ω', "w"),
          // traditional characters of the words the rules look for
          Map.entry((int) '驗', "验"),
          Map.entry((int) '證', "证"),
          Map.entry((int) '碼', "码"),
          Map.entry((int) '帳', "账"),
          Map.entry((int) '賬', "账"),
          Map.entry((int) '號', "号"),
          Map.entry((int) '戶', "户"),
          Map.entry((int) '請', "请"),
          Map.entry((int) '輸', "输"),
          Map.entry((int) '鏈', "链"),
          Map.entry((int) '網', "网"),
          Map.entry((int) '點', "点"),
          Map.entry((int) '擊', "击"),
          Map.entry((int) '銀', "银"),
          Map.entry((int) '轉', "转"),
          Map.entry((int) '匯', "汇"),
          Map.entry((int) '費', "费"),
          Map.entry((int) '訊', "讯"),
          Map.entry((int) '寫', "写"),
          Map.entry((int) '覆', "复"),
          Map.entry((int) '複', "复"),
          Map.entry((int) '發', "发"),
          Map.entry((int) '囑', "嘱"),
          Map.entry((int) '掃', "扫"),
          Map.entry((int) '載', "载"),
          Map.entry((int) '覽', "览"),
          Map.entry((int) '額', "额"),
          Map.entry((int) '貼', "贴"),
          Map.entry((int) '補', "补"),
          Map.entry((int) '資', "资"),
          Map.entry((int) '訴', "诉"),
          Map.entry((int) '錄', "录"));
}
