package cn.bj.hrss.card.application.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.security.NewPersons;
import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.MalformedInputSweep;
import cn.bj.hrss.card.testsupport.MalformedInputSweep.Caller;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document (none skipped: this service has no rebuild), sent
 * malformed bodies and odd parameters by a caller it lets in: never a 500, every refusal the
 * suite's one refusal document (ADR 27) with a rule and a citizen's message, and no operation left
 * out.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class MalformedInputSweepTest {

  @TestHTTPResource("/")
  URL root;

  private static Caller caller(String role, String id, String channel) {
    return new Caller(
        role, Map.of("Authorization", "Bearer " + Callers.token(role, id), "X-Channel", channel));
  }

  @Test
  void every_operation_answers_malformed_input_with_the_one_refusal_document() throws Exception {
    // A citizen with a card of their own, so that what only a holder may do (S-MAIL-1's receipt)
    // lets the sweep's citizen in: the card is the value of every {cardId}.
    NewPersons.Person holder = NewPersons.adult("扫描者");
    String citizen = holder.idNumber();
    String cardId =
        Callers.citizen(citizen)
            .body(NewPersons.byMail(holder, null, "ICBC", "北京市石景山区扫描路1号"))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    List<Caller> callers =
        List.of(
            caller("CITIZEN", citizen, "BUREAU_WEBSITE"),
            caller("BANK", "ICBC", "BANK_OUTLET"),
            // A factory reaches application-service only as card-production-service relays it.
            new Caller(
                "CARD_FACTORY",
                Map.of(
                    "Authorization",
                    "Bearer "
                        + DevTokens.shared()
                            .token(Roles.CARD_PRODUCTION_SERVICE, "card-production-service"),
                    "X-Channel",
                    "CARD_FACTORY_API",
                    "X-Actor-Role",
                    "CARD_FACTORY",
                    "X-Actor-Id",
                    "factory-1")),
            caller("EMPLOYER", SampleRegistry.EMPLOYER, "EMPLOYER_COLLECTIVE"),
            caller("OPERATOR", "op-1", "OPERATOR_CONSOLE"),
            caller("AUDITOR", "auditor-1", "OPERATOR_CONSOLE"));
    MalformedInputSweep.Result result =
        new MalformedInputSweep(
                root.toURI().resolve("/"), callers, Set.of(), Map.of("cardId", cardId))
            .runAndPrint();
    assertEquals(List.of(), result.findings());
  }
}
