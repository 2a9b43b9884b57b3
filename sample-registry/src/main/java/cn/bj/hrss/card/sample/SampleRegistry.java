package cn.bj.hrss.card.sample;

import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.IdNumber;
import cn.bj.hrss.card.devidentity.DevTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * A small, realistic sample of Beijing's reference data, made by the project: insured persons with
 * valid ID numbers (GB 11643-1999 check characters), one employer and one university with their
 * chosen banks. Used by the tests, the end-to-end test and the demo, loaded through
 * application-service's own REST API as an operator would.
 */
public final class SampleRegistry {

  /** A person of the sample; {@code organisationId} and {@code pensionBank} may be empty. */
  public record Person(
      String idNumber,
      String name,
      String mobile,
      String category,
      String districtCode,
      String organisationId,
      String pensionBank) {

    String csv() {
      return String.join(",", idNumber, name, category, districtCode, organisationId, pensionBank);
    }
  }

  public static final String EMPLOYER = "EMP-110105-0001";
  public static final String UNIVERSITY = "UNI-110108-0001";

  /** A retiree of Dongcheng whose pension is paid by ICBC (R-BANK-6). */
  public static final Person RETIREE =
      new Person(
          id("110105", 1949, 12, 31, 2), "王小明", "13800138000", "RETIREE", "110101", "", "ICBC");

  /** An individual insured person in urban-rural residents' insurance (batch 4). */
  public static final Person RESIDENT =
      new Person(
          id("440524", 1970, 1, 1, 1),
          "陈小红",
          "13912345678",
          "URBAN_RURAL_RESIDENT",
          "110108",
          "",
          "");

  /** Employed staff of a Chaoyang employer (batch 3, from 2025-05-01). */
  public static final Person EMPLOYEE =
      new Person(
          id("110105", 1985, 6, 15, 3),
          "李建国",
          "13700001111",
          "EMPLOYED_STAFF",
          "110105",
          EMPLOYER,
          "");

  /** A pupil (under 18): a guardian applies (R-BANK-4). */
  public static final Person MINOR =
      new Person(id("110108", 2015, 3, 8, 4), "张小宝", "13600002222", "MINOR", "110108", "", "");

  /** The minor's parent, the minor's guardian in the registry (R-BANK-4). */
  public static final Person GUARDIAN =
      new Person(
          id("110108", 1986, 9, 20, 5), "张伟", "13600002222", "FLEXIBLE_WORKER", "110108", "", "");

  /** A student of a university insured en bloc (R-BANK-3). */
  public static final Person STUDENT =
      new Person(
          id("110108", 2005, 9, 1, 6),
          "刘思源",
          "13500003333",
          "COLLEGE_STUDENT",
          "110108",
          UNIVERSITY,
          "");

  public static final List<Person> NAMED =
      List.of(RETIREE, RESIDENT, EMPLOYEE, MINOR, GUARDIAN, STUDENT);

  private static final String[] DISTRICTS = {
    "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111", "110112",
    "110113", "110114", "110115", "110116", "110117", "110118", "110119"
  };
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  private static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"
  };
  private static final String[] BANKS = {"ICBC", "ABC", "BOC", "CCB", "BOB", "PSBC", "BJRCB"};

  private SampleRegistry() {}

  /** A valid 18-character ID number. */
  public static String id(String region, int year, int month, int day, int sequence) {
    return IdNumber.withCheckCharacter(
        region + String.format("%04d%02d%02d%03d", year, month, day, sequence % 1000));
  }

  /**
   * The named persons, then {@code generated} more, deterministic for a seed, as import CSV. The
   * minor's row names the parent in the optional column {@code guardian_id_numbers}: a guardian
   * acts for a minor only where the registry (or a check in person at an outlet) records it.
   */
  public static String csv(int generated, long seed) {
    StringBuilder out =
        new StringBuilder(
            "id_number,name,category,district_code,organisation_id,pension_bank_code,"
                + "holds_old_card,away_from_school,guardian_id_numbers\n");
    NAMED.forEach(
        p ->
            out.append(p.csv()).append(p == MINOR ? ",,," + GUARDIAN.idNumber() : "").append('\n'));
    generated(generated, seed).forEach(p -> out.append(p.csv()).append('\n'));
    return out.toString();
  }

  /** The generated persons of {@link #csv}: deterministic for a seed. */
  public static List<Person> generated(int count, long seed) {
    Random random = new Random(seed);
    List<Person> persons = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      persons.add(generate(random, i));
    }
    return persons;
  }

  /** The seed {@link #loadInto} uses. */
  public static final long SEED = 20241030L;

  private static Person generate(Random random, int i) {
    String district = DISTRICTS[random.nextInt(DISTRICTS.length)];
    String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    int kind = random.nextInt(5);
    int year =
        switch (kind) {
          case 0 -> 1940 + random.nextInt(20); // retiree
          case 1 -> 2008 + random.nextInt(16); // minor
          case 2 -> 2000 + random.nextInt(6); // student
          default -> 1965 + random.nextInt(35);
        };
    String id = id(district, year, 1 + random.nextInt(12), 1 + random.nextInt(28), 100 + i);
    return switch (kind) {
      case 0 ->
          new Person(id, name, "", "RETIREE", district, "", BANKS[random.nextInt(BANKS.length)]);
      case 1 -> new Person(id, name, "", "MINOR", district, "", "");
      case 2 -> new Person(id, name, "", "COLLEGE_STUDENT", district, "", "");
      case 3 -> new Person(id, name, "", "FLEXIBLE_WORKER", district, "", "");
      default -> new Person(id, name, "", "EMPLOYED_STAFF", "110105", EMPLOYER, "");
    };
  }

  /**
   * Loads the sample into a running application-service as its operator would: the employer
   * (Chaoyang, banks ICBC, CCB, BOB, asks for door-to-door delivery), the university (Haidian,
   * banks BOC, PSBC), then the registry import.
   */
  public static void loadInto(String applicationServiceUrl, int generated) {
    loadInto(applicationServiceUrl, generated, DevTokens.shared());
  }

  /** As {@link #loadInto(String, int)}, as an operator with a token of {@code issuer}. */
  public static void loadInto(String applicationServiceUrl, int generated, DevTokens issuer) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String operator = "Bearer " + issuer.token("operator", "operator-sample-loader");
    put(
        http,
        operator,
        applicationServiceUrl + "/organisations/" + EMPLOYER,
        "{\"kind\":\"EMPLOYER\",\"name\":\"北京朝阳示例科技有限公司\",\"districtCode\":\"110105\",\"doorToDoorDelivery\":true}");
    put(
        http,
        operator,
        applicationServiceUrl + "/organisations/" + EMPLOYER + "/banks",
        "{\"banks\":[\"ICBC\",\"CCB\",\"BOB\"]}");
    put(
        http,
        operator,
        applicationServiceUrl + "/organisations/" + UNIVERSITY,
        "{\"kind\":\"UNIVERSITY\",\"name\":\"北京示例大学\",\"districtCode\":\"110108\",\"doorToDoorDelivery\":false}");
    put(
        http,
        operator,
        applicationServiceUrl + "/organisations/" + UNIVERSITY + "/banks",
        "{\"banks\":[\"BOC\",\"PSBC\"]}");
    send(
        http,
        operator,
        HttpRequest.newBuilder(URI.create(applicationServiceUrl + "/insured-persons/import"))
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv(generated, SEED))));
  }

  private static void put(HttpClient http, String authorization, String url, String json) {
    send(
        http,
        authorization,
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static void send(HttpClient http, String authorization, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request
                  .header("Authorization", authorization)
                  .header("X-Channel", Channel.OPERATOR_CONSOLE.name())
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            response.request().uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not load the sample registry", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
