package cn.bj.hrss.card.notification.antifraud;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The anti-fraud policy reads a text and nothing else (R-FRAUD-1, R-FRAUD-2): the JDK and Guava's
 * Public Suffix List only, so no Quarkus, Kafka, database, REST, Jackson or Axon type, and it is
 * tested, and trusted, as pure logic.
 */
class AntiFraudImportsNoFrameworkTest {

  @Test
  void the_anti_fraud_policy_depends_only_on_the_jdk_and_guava() {
    classes()
        .that()
        .resideInAPackage("cn.bj.hrss.card.notification.antifraud..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(
                    "java..", "com.google.common..", "cn.bj.hrss.card.notification.antifraud..")
                .and(not(resideInAPackage("java.sql.."))))
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.bj.hrss.card.notification.antifraud"));
  }
}
