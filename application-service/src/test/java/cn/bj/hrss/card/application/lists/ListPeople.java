package cn.bj.hrss.card.application.lists;

import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The people of the list tests (S-LIST-1, S-LIST-2, S-PICKUP-1), new to the registry each time:
 * employers with their banks, their staff, adults and minors with a recorded guardian, all set up
 * through the operator's API.
 */
public final class ListPeople {

  private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 900));
  public static final String ICBC_OUTLET = "工商银行北京朝阳门支行";

  private ListPeople() {}

  /** A new employer of Chaoyang (110105) that chose ICBC and CCB; returns its id. */
  public static String newEmployer() {
    String id = "EMP-LIST-" + System.nanoTime();
    Callers.operator()
        .body(
            "{\"kind\":\"EMPLOYER\",\"name\":\"列表测试单位\",\"districtCode\":\"110105\","
                + "\"doorToDoorDelivery\":false}")
        .put("/organisations/{id}", id)
        .then()
        .statusCode(200);
    Callers.operator()
        .body("{\"banks\":[\"ICBC\",\"CCB\"]}")
        .put("/organisations/{id}/banks", id)
        .then()
        .statusCode(200);
    return id;
  }

  /** The employer as its own token calls, through its collective channel. */
  public static RequestSpecification employer(String organisationId) {
    return Callers.as("EMPLOYER", organisationId, "EMPLOYER_COLLECTIVE");
  }

  /** A new person in the registry; returns the ID number. */
  public static String person(
      String name, String category, int birthYear, String organisationId, String guardian) {
    String idNumber = SampleRegistry.id("110105", birthYear, 7, 7, NEXT.incrementAndGet());
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code,"
                + "holds_old_card,away_from_school,guardian_id_numbers\n"
                + String.join(
                    ",", idNumber, name, category, "110105", organisationId, "", "", "", guardian)
                + "\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(1));
    return idNumber;
  }

  /** A member of staff of {@code organisationId}. */
  public static String staff(String organisationId, String name) {
    return person(name, "EMPLOYED_STAFF", 1988, organisationId, "");
  }

  /** An application body for pickup at ICBC's Chaoyangmen outlet. */
  public static String application(String idNumber, String name) {
    return """
        {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "13911117777"},
         "bankCode": "ICBC",
         "collection": {"method": "OUTLET_PICKUP", "outletName": "%s"}}
        """
        .formatted(idNumber, name, ICBC_OUTLET);
  }

  /** {@code caller} applies with {@code body}; returns the new card's id. */
  public static String applied(RequestSpecification caller, String body) {
    return caller.body(body).post("/cards").then().statusCode(201).extract().path("cardId");
  }

  /** The factory produces the card and dispatches it to ICBC's Chaoyangmen outlet. */
  public static void producedAndAtTheOutlet(String cardId) {
    produced(cardId);
    dispatchedToTheOutlet(cardId);
  }

  /** The factory dispatches the produced card to ICBC's Chaoyangmen outlet. */
  public static void dispatchedToTheOutlet(String cardId) {
    Callers.factory("ICBC-card-bureau")
        .body("{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"%s\"}".formatted(ICBC_OUTLET))
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200);
  }

  /** The factory produces the card. */
  public static void produced(String cardId) {
    Callers.factory("ICBC-card-bureau")
        .body("{\"cardNumber\": \"P12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200);
  }
}
