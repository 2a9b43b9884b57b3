package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;

import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.IdNumber;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Who may apply, when, through which channel, with which bank and how the card is collected: the
 * rules of the notice for an application (申领), each refusal naming its rule id.
 */
public final class ApplicationPolicy {

  private static final Pattern MOBILE = Pattern.compile("(\\+86|0086)?1[3-9]\\d{9}");

  /** Who applies, through which channel, on which day. */
  public record Caller(String role, String id, String channel, LocalDate date) {

    /** The channel named, or null when it is none of the suite's. */
    Channel via() {
      return Channel.named(channel).orElse(null);
    }
  }

  /** The application as submitted. */
  public record Request(
      Applicant applicant, Applicant guardian, String bankCode, Collection collection) {}

  private ApplicationPolicy() {}

  /**
   * Checks an application against every rule; returns the insured person it is for.
   *
   * @throws RuleViolation naming the first rule the application breaks
   */
  public static InsuredPerson check(Request request, Caller caller, ReferenceData data) {
    checkPerson("applicant", request.applicant());
    InsuredPerson person =
        data.insuredPerson(request.applicant().idNumber())
            .filter(insured -> sameName(request.applicant().name(), insured.name()))
            .orElseThrow(ApplicationPolicy::notInTheRegistry);
    checkNotEnded(person);
    checkPhase(person, caller.date());
    Organisation organisation = checkChannel(person, caller, data);
    checkGuardian(request, caller, data);
    checkBank(person, organisation, request.bankCode(), caller, data);
    checkCollection(request, organisation, caller, data);
    return person;
  }

  /**
   * R-ELIG-1: no insured person with this ID number and this name. One refusal for both (an unknown
   * ID number, a name that is not the registry's), so that it tells nothing of the registry: not
   * whether it knows the ID number, nor the name it holds.
   */
  private static RuleViolation notInTheRegistry() {
    return invalidInput(
            "R-ELIG-1",
            "未查询到与填写的姓名和身份证号码相符的本市参保信息，请核对姓名和身份证号码。第三代社保卡仅面向依法参加本市社会保险的人员。",
            "no insured person with this ID number and this name in the registry")
        .at("applicant");
  }

  /**
   * S-END-1: the registry says the person's insurance ended (died or emigrated): no application.
   * Checked beside the other person checks, once the ID number and the name are the registry's
   * (after R-ELIG-1): so it answers only a caller who passed the access checks
   * (security/CardAccess, rest/ApplicantAccess: a citizen for themself or a recorded guardian's
   * minor, an organisation for its members) and knows the name, the same whether the person has a
   * card or not (CardApplications); the message does not say which ending.
   */
  static void checkNotEnded(InsuredPerson person) {
    if (person.hasEnded()) {
      throw conflict(
              "S-END-1",
              "登记信息显示该人员的本市社会保险关系已终止（身故或出境定居等），不能申领社会保障卡。如信息有误，请携带相关证明到社保经办机构核实更正。",
              "the registry records the person's insurance as ended")
          .at("applicant");
    }
  }

  /**
   * Whether a name as typed is the registry's: the same characters once full-width forms are folded
   * (NFKC), spaces dropped and the middle dots of minority names (·, •, ・, ...) made one.
   */
  static boolean sameName(String typed, String registered) {
    return typed != null && registered != null && comparable(typed).equals(comparable(registered));
  }

  private static String comparable(String name) {
    return MIDDLE_DOTS
        .matcher(SPACES.matcher(Normalizer.normalize(name, Normalizer.Form.NFKC)).replaceAll(""))
        .replaceAll("\u00B7");
  }

  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
  private static final Pattern MIDDLE_DOTS =
      Pattern.compile("[\\u00B7\\u0387\\u2022\\u2027\\u2219\\u22C5\\u30FB\\uFF65]");

  /** R-PHASE-1 (the batches and the pilot), R-PHASE-2 (everyone from 2026-01-01). */
  static void checkPhase(InsuredPerson person, LocalDate date) {
    LocalDate opens = Phases.opensOn(person.category(), person.district());
    if (date.isBefore(opens)) {
      throw conflict(
          "R-PHASE-1",
          "您所属人群（" + person.category().chineseName() + "）的集中换发自" + opens + "起开放，请届时申领。",
          person.category() + " may apply from " + opens);
    }
  }

  /** R-CHAN-1, R-CHAN-2, R-CHAN-3: which channel may carry this person's application. */
  static Organisation checkChannel(InsuredPerson person, Caller caller, ReferenceData data) {
    Channel channel = caller.via();
    boolean concentrated = !Phases.isNormalPhase(caller.date());
    Organisation organisation =
        person.organisationId() == null
            ? null
            : data.organisation(person.organisationId()).orElse(null);
    if (channel == Channel.EMPLOYER_COLLECTIVE || channel == Channel.UNIVERSITY_COLLECTIVE) {
      return checkCollective(person, organisation, caller);
    }
    if (channel == Channel.COMMUNITY_DOOR_TO_DOOR) {
      if (person.category() != InsuredCategory.RETIREE) {
        throw conflict(
            "R-CHAN-1", "社区（村）上门帮办仅为离退休人员办理。", "community door-to-door help is for retirees only");
      }
      return organisation;
    }
    if (Channel.OFFLINE.contains(channel)) {
      if (concentrated) {
        throw conflict(
            "R-CHAN-1",
            "集中换发阶段（至2025年12月31日）仅开放线上渠道，线下网点自2026年1月1日起办理。",
            "offline channels open with the normal phase on " + Phases.NORMAL_PHASE);
      }
      return organisation;
    }
    if (!Channel.ONLINE.contains(channel)) {
      throw invalidInput(
          "R-CHAN-2", "该渠道不受理社保卡申领。", caller.channel() + " is not an application channel");
    }
    if (concentrated && person.category() == InsuredCategory.EMPLOYED_STAFF) {
      throw employerMustApply(organisation);
    }
    return organisation;
  }

  private static RuleViolation employerMustApply(Organisation employer) {
    if (employer == null || !employer.hasOpenedCollectiveApplication()) {
      return conflict(
          "R-CHAN-3",
          "您的单位尚未开展集体申领。集中换发阶段，新参保在职职工可通过原渠道申领第一、二代社保卡。",
          "the employer has not opened a collective application; the old channel applies");
    }
    return conflict(
        "R-CHAN-1",
        "集中换发阶段，在职职工由参保单位组织集体申领，请联系单位经办人。",
        "employed staff apply through their employer's collective application");
  }

  private static Organisation checkCollective(
      InsuredPerson person, Organisation organisation, Caller caller) {
    boolean byEmployer = caller.via() == Channel.EMPLOYER_COLLECTIVE;
    Organisation.Kind kind = byEmployer ? Organisation.Kind.EMPLOYER : Organisation.Kind.UNIVERSITY;
    InsuredCategory category =
        byEmployer ? InsuredCategory.EMPLOYED_STAFF : InsuredCategory.COLLEGE_STUDENT;
    String rule = byEmployer ? "R-BANK-2" : "R-BANK-3";
    if (person.category() != category
        || organisation == null
        || organisation.kind() != kind
        || !organisation.id().equals(caller.id())) {
      throw conflict(
          rule,
          byEmployer ? "单位只能为本单位在职职工集体申领。" : "学校只能为本校整建制参保的在校生统一申领。",
          caller.id() + " may not apply collectively for this person");
    }
    if (!organisation.hasOpenedCollectiveApplication()) {
      throw conflict(
          byEmployer ? "R-CHAN-3" : rule,
          "单位（学校）尚未选择合作银行，请先开展集体申领。",
          "the organisation has chosen no banks yet");
    }
    return organisation;
  }

  /** The actor role of a citizen applying online as the recorded guardian of a minor. */
  public static final String GUARDIAN = "GUARDIAN";

  /**
   * Whether the guardian stands before the outlet's staff, who check the guardian's documents and
   * apply for the minor (R-CHAN-2): a bank at its outlet, an operator at a district or street
   * outlet.
   */
  static boolean guardianInPerson(Caller caller) {
    return Channel.OFFLINE.contains(caller.via())
        && ("BANK".equals(caller.role()) || "OPERATOR".equals(caller.role()));
  }

  /**
   * R-BANK-4: a parent or other guardian applies on a minor's behalf, online with their own account
   * (recorded as GUARDIAN) or in person at an outlet (the staff apply), and only a guardian whose
   * relation to the minor is recorded ({@link Guardianship}). An adult applies for themself: nobody
   * applies for them as guardian.
   */
  static void checkGuardian(Request request, Caller caller, ReferenceData data) {
    String applicant = request.applicant().idNumber();
    if (!Guardianship.isMinorOn(applicant, caller.date())) {
      if (request.guardian() != null || GUARDIAN.equals(caller.role())) {
        throw conflict(
                "R-BANK-4",
                "申领人已年满18周岁，须由本人申领，不能由监护人代为申领。",
                "the applicant is an adult: nobody applies for them as guardian")
            .at("guardian");
      }
      return;
    }
    if (request.guardian() == null
        || !(GUARDIAN.equals(caller.role()) || guardianInPerson(caller))) {
      throw conflict(
          "R-BANK-4",
          "未满18周岁的申领人须由家长或其他监护人代为申领，请填写监护人信息。",
          "the applicant is a minor: a guardian must apply");
    }
    checkPerson("guardian", request.guardian());
    if (Guardianship.isMinorOn(request.guardian().idNumber(), caller.date())) {
      throw invalidInput("R-BANK-4", "监护人须年满18周岁。", "the guardian is a minor")
          .at("guardian.idNumber");
    }
    if (!data.isRecordedGuardian(applicant, request.guardian().idNumber())) {
      throw notARecordedGuardian();
    }
  }

  /**
   * R-BANK-4: the guardian named is not a recorded guardian of a minor applicant. The same refusal
   * whatever the registry knows of the applicant.
   */
  public static RuleViolation notARecordedGuardian() {
    return conflict(
            "R-BANK-4",
            "未查询到申领人与监护人之间已登记的监护关系（或申领人已年满18周岁）。请监护人携带户口簿或出生医学证明等证明监护关系的材料，"
                + "到合作银行网点或区、街社会保障卡服务网点，由工作人员现场核验登记后代为申领。",
            "no recorded guardianship of a minor between the guardian and the applicant")
        .at("guardian.idNumber");
  }

  /** R-BANK-1 .. R-BANK-6: which banks this applicant may choose. */
  static void checkBank(
      InsuredPerson person,
      Organisation organisation,
      String bankCode,
      Caller caller,
      ReferenceData data) {
    if (!data.isCooperating(bankCode)) {
      throw invalidInput(
              "R-BANK-1",
              "所选银行不是社保卡合作银行，请从合作银行中选择。",
              "bank '" + bankCode + "' is not a cooperating bank")
          .at("bankCode");
    }
    if (person.category() == InsuredCategory.RETIREE
        && !bankCode.equals(person.pensionBankCode())) {
      throw conflict(
              "R-BANK-6",
              "离退休人员首次换发以本人养老待遇代发行为发卡银行；领卡后如需更换银行可自行办理。",
              "a retiree's first issuing bank is the pension bank " + person.pensionBankCode())
          .at("bankCode");
    }
    if (person.category() == InsuredCategory.COLLEGE_STUDENT
        && organisation != null
        && organisation.kind() == Organisation.Kind.UNIVERSITY
        && !person.awayFromSchool()
        && !organisation.banks().contains(bankCode)) {
      // R-BANK-3: insured en bloc through the university, the student chooses among its banks;
      // only a self-insured student (no university in the registry) or one away from school for a
      // special reason chooses any bank.
      throw conflict(
              "R-BANK-3",
              organisation.banks().isEmpty()
                  ? "您通过学校整建制参保，由学校统一组织申领，学校尚未确定合作银行，请留意学校通知。"
                  : "您通过学校整建制参保，请在学校确定的合作银行中选择其一："
                      + String.join("、", organisation.banks().stream().sorted().toList()),
              bankCode + " is not one of the university's banks " + organisation.banks())
          .at("bankCode");
    }
    boolean collective =
        caller.via() == Channel.EMPLOYER_COLLECTIVE
            || caller.via() == Channel.UNIVERSITY_COLLECTIVE;
    if (collective && !organisation.banks().contains(bankCode)) {
      boolean byEmployer = caller.via() == Channel.EMPLOYER_COLLECTIVE;
      throw conflict(
              byEmployer ? "R-BANK-2" : "R-BANK-3",
              (byEmployer ? "请在单位确定的合作银行中选择其一：" : "请在学校确定的合作银行中选择其一：")
                  + String.join("、", organisation.banks().stream().sorted().toList()),
              bankCode + " is not one of the organisation's banks " + organisation.banks())
          .at("bankCode");
    }
  }

  /**
   * R-PICK-1, R-PICK-2, R-PICK-3, R-PICK-4, R-PICK-5 and R-SLA-2: how the card may be collected.
   */
  static void checkCollection(
      Request request, Organisation organisation, Caller caller, ReferenceData data) {
    Collection collection = request.collection();
    if (collection == null || collection.method() == null) {
      throw invalidInput("R-PICK-1", "请选择领卡方式：网点领卡、邮寄或银行上门送卡。", "no collection method chosen")
          .at("collection.method");
    }
    CollectionMethod method = collection.method();
    Channel channel = caller.via();
    if ((channel == Channel.BANK_OUTLET || channel == Channel.DISTRICT_STREET_OUTLET)
        && method == CollectionMethod.DOOR_TO_DOOR) {
      throw conflict("R-PICK-5", "线下网点申领可选择网点领卡或邮寄。", "offline: pickup or mail only")
          .at("collection.method");
    }
    if (method == CollectionMethod.DOOR_TO_DOOR
        && !(channel == Channel.EMPLOYER_COLLECTIVE
            && organisation != null
            && organisation.doorToDoorDelivery())) {
      throw conflict(
              "R-PICK-4",
              "银行上门送卡仅面向提出需求的单位集体申领。",
              "door-to-door delivery is for employers that asked for it")
          .at("collection.method");
    }
    if (channel == Channel.BANK_OUTLET_INSTANT) {
      checkInstantOutlet(request, data);
      return;
    }
    if (method == CollectionMethod.OUTLET_PICKUP) {
      Outlet outlet = data.outlet(collection.outletName()).orElse(null);
      if (outlet == null
          || !outlet.isBankOutlet()
          || !request.bankCode().equals(outlet.bankCode())) {
        throw invalidInput(
                "R-PICK-2",
                "请选择发卡银行的服务网点领卡。",
                "the pickup outlet must be a known outlet of the issuing bank")
            .at("collection.outletName");
      }
    } else if (isBlank(collection.address())) {
      throw invalidInput("R-PICK-3", "选择邮寄或上门送卡时请填写地址。", method + " without an address")
          .at("collection.address");
    }
  }

  /** R-SLA-2: at an instant-issuance outlet the card is made and handed over on the spot. */
  private static void checkInstantOutlet(Request request, ReferenceData data) {
    Collection collection = request.collection();
    Outlet outlet = data.outlet(collection.outletName()).orElse(null);
    if (collection.method() != CollectionMethod.OUTLET_PICKUP
        || outlet == null
        || outlet.kind() != Outlet.Kind.BANK_INSTANT
        || !request.bankCode().equals(outlet.bankCode())) {
      throw conflict(
              "R-SLA-2",
              "即时制卡网点现场制卡、现场领卡，请选择本网点领卡。",
              "an instant-issuance application is collected on the spot at an instant outlet of the bank")
          .at("collection.outletName");
    }
  }

  /** The format checks of a person's identity and contact (FACTS.md). */
  static void checkPerson(String field, Applicant person) {
    if (person == null || isBlank(person.name())) {
      throw invalidInput("INPUT-MISSING", "请填写姓名。", field + ".name is missing").at(field + ".name");
    }
    if (!IdNumber.isValid(person.idNumber())) {
      throw invalidInput(
              "INPUT-ID-NUMBER", "身份证号码有误，请核对18位号码及最后一位校验码。", "not a valid GB 11643-1999 ID number")
          .at(field + ".idNumber");
    }
    checkMobile(field + ".mobile", person.mobile());
  }

  /** INPUT-MOBILE: a mainland mobile number (11 digits, optionally prefixed +86 or 0086). */
  static void checkMobile(String field, String mobile) {
    if (mobile == null || !MOBILE.matcher(mobile).matches()) {
      throw invalidInput("INPUT-MOBILE", "手机号码有误，请填写11位大陆手机号。", "not a mainland mobile number")
          .at(field);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
