package cn.bj.hrss.card.application.lists;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.security.MovableBusinessDate;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * S-LIST-2 through the real REST API: an employer's list of its people's applications with status,
 * due date and overdue flag, filtered, paged and as CSV; the collective application as a file with
 * a result per row; and another organisation refused, learning and changing nothing.
 */
@QuarkusTest
@TestProfile(MovableBusinessDate.Profile.class)
@WithTestResource(SuiteInfrastructureTestResource.class)
class OrganisationApplicationsResourceTest {

  @Inject DataSource dataSource;

  @AfterEach
  void backToToday() {
    MovableBusinessDate.set(null);
  }

  /** An employer with three staff who applied on 2026-01-05: one card produced since. */
  private record Applied(String employer, List<String> cards, String produced) {}

  private static Applied threeApplications() {
    MovableBusinessDate.set(LocalDate.of(2026, 1, 5));
    String employer = ListPeople.newEmployer();
    String a = ListPeople.staff(employer, "周一");
    String b = ListPeople.staff(employer, "周二");
    String c = ListPeople.staff(employer, "周三");
    List<String> cards =
        List.of(
            ListPeople.applied(ListPeople.employer(employer), ListPeople.application(a, "周一")),
            ListPeople.applied(ListPeople.employer(employer), ListPeople.application(b, "周二")),
            ListPeople.applied(ListPeople.employer(employer), ListPeople.application(c, "周三")));
    ListPeople.produced(cards.get(0));
    return new Applied(employer, cards, cards.get(0));
  }

  @Test
  void an_employer_lists_its_peoples_applications_filtered_and_paged_with_the_overdue_flag() {
    Applied applied = threeApplications();
    MovableBusinessDate.set(LocalDate.of(2026, 6, 1)); // long after every due date

    ListPeople.employer(applied.employer())
        .get("/organisations/{id}/applications", applied.employer())
        .then()
        .statusCode(200)
        .body("total", equalTo(3))
        .body("items.cardId", containsInAnyOrder(applied.cards().toArray()))
        .body("items.collective", everyItem(equalTo(true)))
        .body("items.dueDate", everyItem(org.hamcrest.Matchers.notNullValue()))
        .body("items.holderName", everyItem(org.hamcrest.Matchers.startsWith("周")))
        .body("items.holderIdNumber", everyItem(org.hamcrest.Matchers.containsString("****")));
    ListPeople.employer(applied.employer())
        .queryParam("overdue", "true")
        .get("/organisations/{id}/applications", applied.employer())
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.status", everyItem(equalTo("REQUESTED")))
        .body("items.overdue", everyItem(equalTo(true)));
    ListPeople.employer(applied.employer())
        .queryParam("status", "PRODUCED")
        .get("/organisations/{id}/applications", applied.employer())
        .then()
        .statusCode(200)
        .body("items.cardId", containsInAnyOrder(applied.produced()))
        .body("items[0].overdue", equalTo(false));
    Response first =
        ListPeople.employer(applied.employer())
            .queryParam("size", "2")
            .get("/organisations/{id}/applications", applied.employer());
    first.then().statusCode(200).body("total", equalTo(3)).body("items", hasSize(2));
    Response second =
        ListPeople.employer(applied.employer())
            .queryParam("size", "2")
            .queryParam("page", "1")
            .get("/organisations/{id}/applications", applied.employer());
    second.then().statusCode(200).body("items", hasSize(1));
    List<String> paged = new java.util.ArrayList<>(first.path("items.cardId"));
    paged.addAll(second.path("items.cardId"));
    assertEquals(
        new java.util.HashSet<>(applied.cards()),
        new java.util.HashSet<>(paged),
        "pages cover all");
    ListPeople.employer(applied.employer())
        .queryParam("size", "201")
        .get("/organisations/{id}/applications", applied.employer())
        .then()
        .statusCode(400)
        .body("rule", equalTo("S-LIST-2"))
        .body("field", equalTo("size"));
    // Not produced before its due date: not overdue yet on the day of application.
    MovableBusinessDate.set(LocalDate.of(2026, 1, 5));
    ListPeople.employer(applied.employer())
        .queryParam("overdue", "true")
        .get("/organisations/{id}/applications", applied.employer())
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void the_list_exports_as_csv_with_a_bom_and_every_matching_row_masked() {
    Applied applied = threeApplications();
    MovableBusinessDate.set(LocalDate.of(2026, 6, 1));

    byte[] csv =
        ListPeople.employer(applied.employer())
            .accept("text/csv")
            .queryParam("size", "1")
            .get("/organisations/{id}/applications", applied.employer())
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asByteArray();
    String text = new String(csv, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFFcardId,holderName,holderIdNumber,status"), text);
    String[] lines = text.strip().split("\r\n");
    assertEquals(4, lines.length, "a header and every matching row, whatever the page size");
    for (String card : applied.cards()) {
      assertTrue(text.contains(card), "row of " + card);
    }
    assertTrue(text.contains(",已制卡,"), text);
    assertFalse(text.matches("(?s).*\\d{17}[0-9X].*"), "no ID number unmasked");
    // An operator exports it too.
    Callers.operator()
        .accept("text/csv")
        .get("/organisations/{id}/applications", applied.employer())
        .then()
        .statusCode(200);
  }

  @Test
  void another_organisation_is_refused_the_list_and_the_import_learning_and_changing_nothing() {
    Applied applied = threeApplications();
    String other = ListPeople.newEmployer();
    long events = events();

    Response refused =
        ListPeople.employer(other).get("/organisations/{id}/applications", applied.employer());
    Response unknown =
        ListPeople.employer(other).get("/organisations/{id}/applications", "EMP-NOT-THERE");
    refused.then().statusCode(403).body("rule", equalTo("ACCESS-DENIED"));
    assertEquals(unknown.asString(), refused.asString(), "the same answer as for no organisation");
    for (var caller :
        List.of(
            Callers.citizen(ListPeople.staff(applied.employer(), "周四")),
            Callers.as("BANK", "ICBC", "BANK_OUTLET"),
            Callers.auditor())) {
      caller
          .get("/organisations/{id}/applications", applied.employer())
          .then()
          .statusCode(403)
          .body("rule", equalTo("ACCESS-DENIED"));
    }
    String stranger = ListPeople.staff(applied.employer(), "周五");
    ListPeople.employer(other)
        .contentType("text/csv; charset=UTF-8")
        .body(CollectiveRows.header() + CollectiveRows.row(stranger, "周五"))
        .post("/organisations/{id}/applications/import", applied.employer())
        .then()
        .statusCode(403)
        .body("rule", equalTo("ACCESS-DENIED"));
    assertEquals(events, events(), "no event");
  }

  @Test
  void a_collective_application_file_gives_a_result_per_row_good_and_bad() {
    MovableBusinessDate.set(LocalDate.of(2026, 3, 2));
    String employer = ListPeople.newEmployer();
    String good = ListPeople.staff(employer, "吴一");
    String alsoGood = ListPeople.staff(employer, "吴二");
    String notStaff = ListPeople.person("郑外人", "FLEXIBLE_WORKER", 1983, "", "");
    String wrongName = ListPeople.staff(employer, "吴三");
    String file =
        CollectiveRows.header()
            + CollectiveRows.row(good, "吴一")
            + String.join(
                ",",
                wrongName,
                "吴错名",
                "13911117777",
                "ICBC",
                "OUTLET_PICKUP",
                ListPeople.ICBC_OUTLET,
                "")
            + "\n"
            + CollectiveRows.row(notStaff, "郑外人")
            + String.join(
                ",",
                alsoGood,
                "吴二",
                "13911117777",
                "HSBC",
                "OUTLET_PICKUP",
                ListPeople.ICBC_OUTLET,
                "")
            + "\n"
            + "not,a,row\n"
            + String.join(",", alsoGood, "吴二", "13911117777", "ICBC", "BY_PIGEON", "", "")
            + "\n"
            + CollectiveRows.row(alsoGood, "吴二");

    Response report =
        ListPeople.employer(employer)
            .contentType("text/csv; charset=UTF-8")
            .body(file)
            .post("/organisations/{id}/applications/import", employer);

    report
        .then()
        .statusCode(200)
        .body("rowsRead", equalTo(7))
        .body("accepted", equalTo(2))
        .body("rejected", equalTo(5))
        .body("rows[0].line", equalTo(2))
        .body("rows[0].rule", nullValue())
        .body("rows[1].rule", equalTo("R-ELIG-1"))
        .body("rows[1].field", equalTo("idNumber"))
        .body("rows[2].rule", equalTo("ACCESS-DENIED"))
        .body("rows[3].rule", equalTo("R-BANK-1"))
        .body("rows[3].field", equalTo("bankCode"))
        .body("rows[3].message", org.hamcrest.Matchers.not(nullValue()))
        .body("rows[4].rule", equalTo("INPUT-MALFORMED"))
        .body("rows[5].rule", equalTo("INPUT-MALFORMED"))
        .body("rows[5].field", equalTo("collectionMethod"))
        .body("rows[6].line", equalTo(8));
    String card = report.path("rows[0].cardId");
    Callers.operator()
        .get("/cards/{id}", card)
        .then()
        .statusCode(200)
        .body("history[0].channel", equalTo("EMPLOYER_COLLECTIVE"))
        .body("history[0].actorId", equalTo(employer));
    ListPeople.employer(employer)
        .get("/organisations/{id}/applications", employer)
        .then()
        .body("items.cardId", containsInAnyOrder(card, report.path("rows[6].cardId")));
  }

  @Test
  void a_file_over_5000_rows_is_refused_before_any_row_is_submitted() {
    String employer = ListPeople.newEmployer();
    StringBuilder file = new StringBuilder(CollectiveRows.header());
    for (int i = 0; i <= 5000; i++) {
      file.append(CollectiveRows.row("110105198807070001", "某某"));
    }
    long events = events();
    ListPeople.employer(employer)
        .contentType("text/csv; charset=UTF-8")
        .body(file.toString())
        .post("/organisations/{id}/applications/import", employer)
        .then()
        .statusCode(400)
        .body("rule", equalTo("S-LIST-2"));
    assertEquals(events, events(), "no event");
  }

  @Test
  void S_LIST_2_a_file_not_in_utf8_is_refused_once_and_nothing_is_submitted() {
    String employer = ListPeople.newEmployer();
    String staff = ListPeople.staff(employer, "孔编码");
    byte[] gbk =
        (CollectiveRows.header() + CollectiveRows.row(staff, "孔编码"))
            .getBytes(java.nio.charset.Charset.forName("GBK"));
    long events = events();
    ListPeople.employer(employer)
        .contentType("text/csv")
        .body(gbk)
        .post("/organisations/{id}/applications/import", employer)
        .then()
        .statusCode(400)
        .body("rule", equalTo("S-LIST-2"))
        .body("message", equalTo("请将文件另存为UTF-8编码的CSV后再上传。"))
        .body("field", equalTo("file"));
    assertEquals(events, events(), "no event");
  }

  @Test
  void S_LIST_2_a_byte_order_mark_is_not_part_of_the_first_id_number_with_or_without_header() {
    String employer = ListPeople.newEmployer();
    String first = ListPeople.staff(employer, "曹甲");
    String second = ListPeople.staff(employer, "曹乙");
    for (String file :
        List.of(
            "\uFEFF" + CollectiveRows.row(first, "曹甲"),
            "\uFEFF" + CollectiveRows.header() + CollectiveRows.row(second, "曹乙"))) {
      ListPeople.employer(employer)
          .contentType("text/csv")
          .body(file.getBytes(StandardCharsets.UTF_8))
          .post("/organisations/{id}/applications/import", employer)
          .then()
          .statusCode(200)
          .body("rowsRead", equalTo(1))
          .body("accepted", equalTo(1))
          .body("rows[0].rule", nullValue());
    }
  }

  private long events() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of the collective application file. */
  static final class CollectiveRows {
    static String header() {
      return "idNumber,name,mobile,bankCode,collectionMethod,outletName,address\n";
    }

    static String row(String idNumber, String name) {
      return String.join(
              ",",
              idNumber,
              name,
              "13911117777",
              "ICBC",
              "OUTLET_PICKUP",
              ListPeople.ICBC_OUTLET,
              "")
          + "\n";
    }
  }
}
