package cn.bj.hrss.card.application.security;

import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Persons new to the registry for the attacker tests, each with their own ID number (no earlier
 * application), imported through the operator's registry import.
 */
public final class NewPersons {

  private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 700));

  private NewPersons() {}

  /** A person as the registry knows them. */
  public record Person(String idNumber, String name) {}

  /** A person born on that day, with a valid ID number of Shijingshan (110107). */
  public static Person born(int year, int month, int day, String name) {
    return new Person(
        SampleRegistry.id("110107", year, month, day, 100 + NEXT.incrementAndGet()), name);
  }

  /**
   * Imports {@code person} of {@code category}; {@code guardians} is the optional column of the
   * minor's guardians by ID number (separated by ';'), empty for none.
   */
  public static Person imported(
      Person person, String category, String pensionBank, String guardians) {
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code,"
                + "holds_old_card,away_from_school,guardian_id_numbers\n"
                + String.join(
                    ",",
                    person.idNumber(),
                    person.name(),
                    category,
                    "110107",
                    "",
                    pensionBank,
                    "",
                    "",
                    guardians)
                + "\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(1));
    return person;
  }

  /** An adult who applies on their own (a flexible worker). */
  public static Person adult(String name) {
    return imported(born(1980, 5, 6, name), "FLEXIBLE_WORKER", "", "");
  }

  /** An application of {@code applicant}, with {@code guardian} (or none), by mail. */
  public static String byMail(Person applicant, Person guardian, String bank, String address) {
    return application(
        applicant,
        guardian,
        bank,
        "{\"method\": \"MAIL\", \"address\": \"%s\"}".formatted(address));
  }

  /** An application of {@code applicant}, with {@code guardian} (or none). */
  public static String application(
      Person applicant, Person guardian, String bank, String collection) {
    String guardianJson =
        guardian == null
            ? ""
            : ", \"guardian\": {\"idNumber\": \"%s\", \"name\": \"%s\", \"mobile\": \"13600009999\"}"
                .formatted(guardian.idNumber(), guardian.name());
    return """
        {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "13911117777"}%s,
         "bankCode": "%s", "collection": %s}
        """
        .formatted(applicant.idNumber(), applicant.name(), guardianJson, bank, collection);
  }
}
