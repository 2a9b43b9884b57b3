package cn.bj.hrss.card.application.card.domain;

/** Who may apply (R-ELIG-2): employed staff, the four kinds of individual insured, retirees. */
public enum InsuredCategory {
  /** 参保单位在职职工: applies through the employer's collective application. */
  EMPLOYED_STAFF("参保单位在职职工", false),
  /** 18岁以下未成年人 (pupils and infants in residents' medical insurance): a guardian applies. */
  MINOR("18岁以下未成年人", true),
  /** 18岁及以上在校大学生. */
  COLLEGE_STUDENT("18岁及以上在校大学生", true),
  /** 以灵活就业方式参加城镇职工社会保险人员. */
  FLEXIBLE_WORKER("灵活就业参保人员", true),
  /** 以个人名义参加城乡居民社会保险人员. */
  URBAN_RURAL_RESIDENT("城乡居民参保人员", true),
  /** 离退休人员. */
  RETIREE("离退休人员", false);

  private final String chineseName;
  private final boolean individual;

  InsuredCategory(String chineseName, boolean individual) {
    this.chineseName = chineseName;
    this.individual = individual;
  }

  public String chineseName() {
    return chineseName;
  }

  /** One of the individual insured persons (个人参保人员) of R-ELIG-2, batch 4 of R-PHASE-1. */
  public boolean isIndividual() {
    return individual;
  }
}
