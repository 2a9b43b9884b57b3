package cn.bj.hrss.card.application.card.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applications over REST: one per person, idempotency keys, problem documents, the registry. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class CardApplicationResourceTest {

  @TestHTTPResource("/")
  URL root;

  @BeforeEach
  void loadTheSampleRegistry() {
    SampleRegistryLoader.loadOnce(root);
  }

  /** A citizen applying through the WeChat channel, by the ID number their token verified. */
  private static RequestSpecification citizen(String idNumber) {
    return Callers.as("CITIZEN", idNumber, "BEIJING_HRSS_WECHAT");
  }

  private static RequestSpecification operator() {
    return Callers.operator();
  }

  private static String byMail(SampleRegistry.Person person, String idNumber, String bank) {
    return """
        {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "13912345678"},
         "bankCode": "%s", "collection": {"method": "MAIL", "address": "北京市海淀区中关村1号"}}
        """
        .formatted(idNumber, person.name(), bank);
  }

  /** A generated adult of the sample who applies on their own (flexible worker). */
  private static SampleRegistry.Person generatedWorker(int skip) {
    return SampleRegistry.generated(200, SampleRegistry.SEED).stream()
        .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
        .skip(skip)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void R_ELIG_3_a_repeated_submission_is_answered_with_the_existing_application() {
    String body = byMail(SampleRegistry.RESIDENT, SampleRegistry.RESIDENT.idNumber(), "CMB");
    String first =
        citizen(SampleRegistry.RESIDENT.idNumber())
            .body(body)
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");

    citizen(SampleRegistry.RESIDENT.idNumber())
        .body(body)
        .post("/cards")
        .then()
        .statusCode(200)
        .body("cardId", equalTo(first))
        .body("existing", equalTo(true));
  }

  @Test
  void R_ELIG_3_simultaneous_submissions_for_one_person_give_one_application() throws Exception {
    SampleRegistry.Person worker = generatedWorker(0);
    String body = byMail(worker, worker.idNumber(), "ICBC");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(
          pool.submit(
              (Callable<Response>) () -> citizen(worker.idNumber()).body(body).post("/cards")));
    }
    List<String> cardIds = new ArrayList<>();
    int created = 0;
    for (Future<Response> answer : answers) {
      Response response = answer.get();
      created += response.statusCode() == 201 ? 1 : 0;
      cardIds.add(response.path("cardId"));
    }
    pool.shutdown();

    assertEquals(1, created, "exactly one submission creates the application");
    assertEquals(1, cardIds.stream().distinct().count(), "all are answered with it: " + cardIds);
    operator().get("/cards/{id}", cardIds.get(0)).then().body("history", hasSize(1));
  }

  @Test
  void an_idempotency_key_gives_the_first_answer_again_and_refuses_another_request() {
    SampleRegistry.Person worker = generatedWorker(1);
    String body = byMail(worker, worker.idNumber(), "BOB");
    String first =
        citizen(worker.idNumber())
            .header("Idempotency-Key", "key-" + worker.idNumber())
            .body(body)
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");

    citizen(worker.idNumber())
        .header("Idempotency-Key", "key-" + worker.idNumber())
        .body(body)
        .post("/cards")
        .then()
        .statusCode(201)
        .body("cardId", equalTo(first));
    citizen(worker.idNumber())
        .header("Idempotency-Key", "key-" + worker.idNumber())
        .body(body.replace("BOB", "CMB"))
        .post("/cards")
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-IDEMPOTENCY-KEY"));
  }

  @Test
  void a_refusal_is_a_problem_document_with_rule_messages_and_field() {
    String wrongCheck = SampleRegistry.RESIDENT.idNumber().substring(0, 17) + "0";
    citizen(SampleRegistry.RESIDENT.idNumber())
        .body(byMail(SampleRegistry.RESIDENT, wrongCheck, "CMB"))
        .post("/cards")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:bj-hrss-card:rule:INPUT-ID-NUMBER"))
        .body("status", equalTo(400))
        .body("rule", equalTo("INPUT-ID-NUMBER"))
        .body("message", equalTo("身份证号码有误，请核对18位号码及最后一位校验码。"))
        .body("detail", equalTo("not a valid GB 11643-1999 ID number"))
        .body("field", equalTo("applicant.idNumber"));
  }

  @Test
  void malformed_json_is_a_400_problem_never_a_500() {
    citizen(SampleRegistry.RESIDENT.idNumber())
        .body("{\"applicant\": {\"idNumber\": ")
        .post("/cards")
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-MALFORMED"));
    citizen(SampleRegistry.RESIDENT.idNumber())
        .body("{\"collection\": {\"method\": \"BY_PIGEON\"}}")
        .post("/cards")
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-MALFORMED"));
  }

  @Test
  void an_oversized_application_is_a_400_problem() {
    citizen(SampleRegistry.RESIDENT.idNumber())
        .body("{\"applicant\": {\"name\": \"" + "长".repeat(20_000) + "\"}}")
        .post("/cards")
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-TOO-LARGE"));
  }

  @Test
  void an_employer_applies_for_its_staff_with_one_of_its_banks_and_door_to_door_delivery() {
    Callers.as("EMPLOYER", SampleRegistry.EMPLOYER, "EMPLOYER_COLLECTIVE")
        .body(
            """
            {"applicant": {"idNumber": "%s", "name": "李建国", "mobile": "13700001111"},
             "bankCode": "CCB",
             "collection": {"method": "DOOR_TO_DOOR", "address": "北京市朝阳区建国路1号"}}
            """
                .formatted(SampleRegistry.EMPLOYEE.idNumber()))
        .post("/cards")
        .then()
        .statusCode(201);
  }

  @Test
  void the_registry_import_applies_good_rows_and_reports_each_bad_one() {
    String csv =
        "id_number,name,category,district_code,organisation_id,pension_bank_code\n"
            + SampleRegistry.id("110106", 1990, 4, 1, 801)
            + ",孙一,FLEXIBLE_WORKER,110106,,\n"
            + "110106199004010810,孙二,FLEXIBLE_WORKER,110106,,\n"
            + SampleRegistry.id("110106", 1950, 4, 1, 802)
            + ",孙三,RETIREE,110106,,HSBC\n"
            + SampleRegistry.id("110106", 1991, 4, 1, 803)
            + ",孙四,ASTRONAUT,110106,,\n"
            + SampleRegistry.id("110106", 1992, 4, 1, 804)
            + ",孙五,URBAN_RURAL_RESIDENT,110199,,\n"
            + SampleRegistry.id("110106", 1950, 4, 1, 805)
            + ",孙六,RETIREE,110106,,ABC\n";

    String importId =
        operator()
            .contentType("text/csv; charset=UTF-8")
            .body(csv)
            .post("/insured-persons/import")
            .then()
            .statusCode(200)
            .body("rowsRead", equalTo(6))
            .body("rowsApplied", equalTo(2))
            .body("rowsRejected", equalTo(4))
            .body("firstErrors.line", equalTo(List.of(3, 4, 5, 6)))
            .body(
                "firstErrors.rule",
                equalTo(List.of("INPUT-ID-NUMBER", "R-BANK-6", "R-ELIG-2", "INPUT-DISTRICT")))
            .extract()
            .path("importId");

    operator().get("/imports/{id}", importId).then().body("status", equalTo("DONE"));
  }

  @Test
  void a_large_import_applies_every_row_in_batches_and_again_as_an_update() {
    // Persons the other tests use keep their categories: rows that would overwrite them go.
    java.util.Set<String> inUse =
        SampleRegistry.generated(200, SampleRegistry.SEED).stream()
            .map(SampleRegistry.Person::idNumber)
            .collect(java.util.stream.Collectors.toSet());
    List<String> lines =
        SampleRegistry.csv(20_000, 7L)
            .lines()
            .filter(line -> !inUse.contains(line.split(",")[0]))
            .toList();
    String csv = String.join("\n", lines);
    for (int run = 0; run < 2; run++) {
      operator()
          .contentType("text/csv; charset=UTF-8")
          .body(csv)
          .post("/insured-persons/import")
          .then()
          .statusCode(200)
          .body("rowsRead", equalTo(lines.size() - 1))
          .body("rowsApplied", equalTo(lines.size() - 1))
          .body("rowsRejected", equalTo(0));
    }
  }

  @Test
  void only_an_operator_imports_the_registry() {
    citizen(SampleRegistry.RESIDENT.idNumber())
        .contentType("text/csv; charset=UTF-8")
        .body("id_number,name\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(403)
        .body("rule", equalTo("ACCESS-DENIED"));
  }
}
