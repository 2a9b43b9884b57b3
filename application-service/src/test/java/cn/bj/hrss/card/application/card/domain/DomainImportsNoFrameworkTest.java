package cn.bj.hrss.card.application.card.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The card domain (the Axon aggregate, its state and its policies) decides on commands and
 * reference data only: no Quarkus, Kafka, database, REST or Jackson type. Axon is allowed: the
 * aggregate is Axon's. The reference data reaches it through {@link ReferenceData}, whose JDBC
 * implementation lives in the registry package.
 */
class DomainImportsNoFrameworkTest {

  @Test
  void the_card_domain_depends_on_no_framework_but_axon() {
    noClasses()
        .that()
        .resideInAPackage("cn.bj.hrss.card.application.card.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "org.apache.kafka..",
            "java.sql..",
            "javax.sql..",
            "jakarta.ws.rs..",
            "com.fasterxml.jackson.databind..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.bj.hrss.card.application.card.domain"));
  }
}
