package cn.bj.hrss.card.application.card.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Beijing's districts (FACTS.md), by GB/T 2260 code. The Economic-Technological Development Area
 * has no GB/T 2260 code; it gets the project-internal code BJ-ETDZ, never an invented 1101xx.
 */
public enum District {
  DONGCHENG("110101", "东城区"),
  XICHENG("110102", "西城区"),
  CHAOYANG("110105", "朝阳区"),
  FENGTAI("110106", "丰台区"),
  SHIJINGSHAN("110107", "石景山区"),
  HAIDIAN("110108", "海淀区"),
  MENTOUGOU("110109", "门头沟区"),
  FANGSHAN("110111", "房山区"),
  TONGZHOU("110112", "通州区"),
  SHUNYI("110113", "顺义区"),
  CHANGPING("110114", "昌平区"),
  DAXING("110115", "大兴区"),
  HUAIROU("110116", "怀柔区"),
  PINGGU("110117", "平谷区"),
  MIYUN("110118", "密云区"),
  YANQING("110119", "延庆区"),
  ECONOMIC_DEVELOPMENT_AREA("BJ-ETDZ", "北京经济技术开发区");

  private final String code;
  private final String chineseName;

  District(String code, String chineseName) {
    this.code = code;
    this.chineseName = chineseName;
  }

  public String code() {
    return code;
  }

  public String chineseName() {
    return chineseName;
  }

  public static Optional<District> byCode(String code) {
    return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
  }
}
