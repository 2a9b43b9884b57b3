package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.sample.SampleRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The project's sample reference data, in memory, for aggregate tests. */
final class SampleReferenceData implements ReferenceData {

  static final Organisation EMPLOYER =
      new Organisation(
          SampleRegistry.EMPLOYER,
          Organisation.Kind.EMPLOYER,
          "北京朝阳示例科技有限公司",
          District.CHAOYANG,
          Set.of("ICBC", "CCB", "BOB"),
          true);
  static final Organisation UNIVERSITY =
      new Organisation(
          SampleRegistry.UNIVERSITY,
          Organisation.Kind.UNIVERSITY,
          "北京示例大学",
          District.HAIDIAN,
          Set.of("BOC", "PSBC"),
          false);
  static final Organisation EMPLOYER_WITHOUT_BANKS =
      new Organisation(
          "EMP-110105-0002",
          Organisation.Kind.EMPLOYER,
          "未开展单位",
          District.CHAOYANG,
          Set.of(),
          false);

  private final Map<String, InsuredPerson> persons =
      SampleRegistry.NAMED.stream()
          .map(
              p ->
                  new InsuredPerson(
                      p.idNumber(),
                      p.name(),
                      InsuredCategory.valueOf(p.category()),
                      District.byCode(p.districtCode()).orElseThrow(),
                      p.organisationId().isEmpty() ? null : p.organisationId(),
                      p.pensionBank().isEmpty() ? null : p.pensionBank()))
          .collect(Collectors.toMap(InsuredPerson::idNumber, Function.identity()));

  private final Map<String, Outlet> outlets =
      Map.of(
          "工商银行北京朝阳门支行",
          new Outlet("工商银行北京朝阳门支行", Outlet.Kind.BANK, "ICBC", "北京市东城区朝阳门北大街1号"),
          "工商银行北京西单支行",
          new Outlet("工商银行北京西单支行", Outlet.Kind.BANK_INSTANT, "ICBC", "北京市西城区西单北大街120号"),
          "邮储银行北京海淀支行",
          new Outlet("邮储银行北京海淀支行", Outlet.Kind.BANK, "PSBC", "北京市海淀区中关村大街28号"),
          "建设银行北京通州支行",
          new Outlet("建设银行北京通州支行", Outlet.Kind.BANK_INSTANT, "CCB", "北京市通州区新华西街58号"));

  /** R-BANK-4: the recorded guardianships, "minor guardian": the sample's parent and pupil. */
  private final Set<String> guardianships =
      new java.util.HashSet<>(
          Set.of(SampleRegistry.MINOR.idNumber() + " " + SampleRegistry.GUARDIAN.idNumber()));

  /** Adds a person (for example an employee of another employer). */
  SampleReferenceData with(InsuredPerson person) {
    persons.put(person.idNumber(), person);
    return this;
  }

  @Override
  public Set<String> codes() {
    return Set.of(
        "ICBC", "ABC", "BOC", "CCB", "BOCOM", "BOB", "HXB", "BJRCB", "CITIC", "CEB", "CMBC", "CGB",
        "CMB", "SPDB", "PSBC");
  }

  @Override
  public Optional<InsuredPerson> insuredPerson(String idNumber) {
    return idNumber == null ? Optional.empty() : Optional.ofNullable(persons.get(idNumber));
  }

  @Override
  public Optional<Organisation> organisation(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        Map.of(
                EMPLOYER.id(), EMPLOYER,
                UNIVERSITY.id(), UNIVERSITY,
                EMPLOYER_WITHOUT_BANKS.id(), EMPLOYER_WITHOUT_BANKS)
            .get(id));
  }

  @Override
  public boolean isRecordedGuardian(String minorIdNumber, String guardianIdNumber) {
    return guardianships.contains(minorIdNumber + " " + guardianIdNumber);
  }

  @Override
  public Optional<Outlet> outlet(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(outlets.get(name));
  }
}
