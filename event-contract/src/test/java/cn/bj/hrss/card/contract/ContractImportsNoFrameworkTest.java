package cn.bj.hrss.card.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The contract's classes (events, alerts, calendar, {@code Channel}, {@code IdNumber}) use no
 * framework at all: not even Jackson, which only the codec package uses. Beside {@link
 * ContractIsFrameworkFreeTest}, which walks the records' types, this reads every class's byte code.
 */
class ContractImportsNoFrameworkTest {

  private static final JavaClasses CONTRACT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("cn.bj.hrss.card.contract");

  @Test
  void the_contract_outside_the_codec_depends_on_no_framework() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "cn.bj.hrss.card.contract.event..",
            "cn.bj.hrss.card.contract.alert..",
            "cn.bj.hrss.card.contract.calendar..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.fasterxml..",
            "io.quarkus..",
            "org.apache.kafka..",
            "org.axonframework..",
            "java.sql..",
            "javax.sql..",
            "jakarta..",
            "javax.ws..")
        .check(CONTRACT);
  }
}
