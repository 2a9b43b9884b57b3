package cn.bj.hrss.card.deadline;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The production deadlines are domain logic shared by two services: plain Java on the official
 * calendar. They use the JDK, tyme4j (the lunar calendar) and the contract's {@code Channel}, and
 * so no Quarkus, Kafka, database, REST, Jackson or Axon type.
 */
class DeadlinesImportNoFrameworkTest {

  @Test
  void the_deadlines_depend_only_on_the_jdk_tyme4j_and_the_contracts_vocabulary() {
    classes()
        .that()
        .resideInAPackage("cn.bj.hrss.card.deadline..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(
                    "java..",
                    "com.tyme..",
                    "cn.bj.hrss.card.deadline..",
                    "cn.bj.hrss.card.contract.event")
                .and(not(resideInAPackage("java.sql.."))))
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.bj.hrss.card.deadline"));
  }
}
