package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.card.domain.District;
import cn.bj.hrss.card.application.card.domain.Organisation;
import cn.bj.hrss.card.application.card.domain.Outlet;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The reference data the rules need, kept by operators (and, for their own banks, by employers and
 * universities): the registry of insured persons (bulk import), organisations with their banks,
 * outlets, and the cooperating banks.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceDataResource {

  private final RegistryImport registryImport;
  private final ReferenceData referenceData;
  private final DataSource dataSource;

  ReferenceDataResource(
      RegistryImport registryImport, ReferenceData referenceData, DataSource dataSource) {
    this.registryImport = registryImport;
    this.referenceData = referenceData;
    this.dataSource = dataSource;
  }

  /** R-ELIG-1: loads or updates insured persons; bad rows are reported, never applied. */
  @POST
  @Path("/insured-persons/import")
  @Consumes({"text/csv", "application/x-ndjson"})
  public RegistryImport.Report importRegistry(
      @BeanParam CallerHeaders headers,
      @jakarta.ws.rs.HeaderParam("Content-Type") String contentType,
      InputStream body) {
    CallerContext operator = headers.context().requireRole("OPERATOR");
    RegistryImport.Format format =
        contentType != null && contentType.startsWith("application/x-ndjson")
            ? RegistryImport.Format.JSON_LINES
            : RegistryImport.Format.CSV;
    return registryImport.run(
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)),
        format,
        operator.actorId());
  }

  @GET
  @Path("/imports/{id}")
  public RegistryImport.Report importProgress(
      @BeanParam CallerHeaders headers, @PathParam("id") String id) {
    headers.readingContext().requireRole("OPERATOR", "AUDITOR");
    return registryImport
        .find(id)
        .orElseThrow(() -> RuleViolation.invalidInput("NOT-FOUND", "未找到该导入任务。", "no import " + id));
  }

  /** An employer or university. */
  public record OrganisationBody(
      String kind, String name, String districtCode, boolean doorToDoorDelivery) {}

  @PUT
  @Path("/organisations/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Organisation putOrganisation(
      @BeanParam CallerHeaders headers, @PathParam("id") String id, OrganisationBody body)
      throws SQLException {
    headers.context().requireRole("OPERATOR");
    Organisation.Kind kind = parseKind(body);
    if (District.byCode(String.valueOf(body.districtCode())).isEmpty()) {
      throw RuleViolation.invalidInput("INPUT-DISTRICT", "区划代码有误。", "unknown district")
          .at("districtCode");
    }
    update(
        "INSERT INTO organisation (id, kind, name, district_code, door_to_door_delivery)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind,"
            + " name = EXCLUDED.name, district_code = EXCLUDED.district_code,"
            + " door_to_door_delivery = EXCLUDED.door_to_door_delivery",
        id,
        kind.name(),
        body.name(),
        body.districtCode(),
        body.doorToDoorDelivery());
    return referenceData.organisation(id).orElseThrow();
  }

  private static Organisation.Kind parseKind(OrganisationBody body) {
    try {
      return Organisation.Kind.valueOf(String.valueOf(body.kind()));
    } catch (IllegalArgumentException e) {
      throw RuleViolation.invalidInput(
              "INPUT-MISSING",
              "请注明单位类型（EMPLOYER 或 UNIVERSITY）。",
              "kind must be EMPLOYER or UNIVERSITY")
          .at("kind");
    }
  }

  /** The banks an organisation offers its staff or students. */
  public record BanksBody(List<String> banks) {}

  /** R-BANK-2, R-BANK-3: an employer or university picks at most 3 cooperating banks. */
  @PUT
  @Path("/organisations/{id}/banks")
  @Consumes(MediaType.APPLICATION_JSON)
  @Transactional(rollbackOn = Exception.class)
  public Organisation chooseBanks(
      @BeanParam CallerHeaders headers, @PathParam("id") String id, BanksBody body)
      throws SQLException {
    CallerContext caller = headers.context().requireRole("OPERATOR", "EMPLOYER", "UNIVERSITY");
    if (!"OPERATOR".equals(caller.actorRole()) && !id.equals(caller.actorId())) {
      throw RuleViolation.forbidden("ACCESS-ROLE", "您无权办理此项业务。", "only for its own organisation");
    }
    Organisation organisation =
        referenceData
            .organisation(id)
            .orElseThrow(
                () -> RuleViolation.invalidInput("NOT-FOUND", "未找到该单位。", "no organisation " + id));
    Set<String> banks = body == null || body.banks() == null ? Set.of() : Set.copyOf(body.banks());
    String rule = organisation.kind() == Organisation.Kind.EMPLOYER ? "R-BANK-2" : "R-BANK-3";
    if (banks.isEmpty() || banks.size() > Organisation.MAX_BANKS) {
      throw RuleViolation.invalidInput(rule, "请选择1至3家合作银行。", "choose 1 to 3 banks").at("banks");
    }
    for (String bank : banks) {
      if (!referenceData.isCooperating(bank)) {
        throw RuleViolation.invalidInput("R-BANK-1", "所选银行不是社保卡合作银行。", bank + " is not cooperating")
            .at("banks");
      }
    }
    update("DELETE FROM organisation_bank WHERE organisation_id = ?", id);
    for (String bank : banks) {
      update("INSERT INTO organisation_bank (organisation_id, bank_code) VALUES (?, ?)", id, bank);
    }
    return referenceData.organisation(id).orElseThrow();
  }

  /** An outlet where cards are applied for or collected. */
  public record OutletBody(
      String name, String kind, String bankCode, String districtCode, String address) {}

  @PUT
  @Path("/outlets")
  @Consumes(MediaType.APPLICATION_JSON)
  public Outlet putOutlet(@BeanParam CallerHeaders headers, OutletBody body) throws SQLException {
    headers.context().requireRole("OPERATOR");
    Outlet.Kind kind;
    try {
      kind = Outlet.Kind.valueOf(String.valueOf(body.kind()));
    } catch (IllegalArgumentException e) {
      throw RuleViolation.invalidInput("INPUT-MISSING", "网点类型有误。", "unknown outlet kind")
          .at("kind");
    }
    boolean bankOutlet = kind == Outlet.Kind.BANK || kind == Outlet.Kind.BANK_INSTANT;
    if (bankOutlet != referenceData.isCooperating(body.bankCode())) {
      throw RuleViolation.invalidInput(
              "R-BANK-1", "银行网点须属于合作银行；区、街网点不属于银行。", "bank outlets need a cooperating bank")
          .at("bankCode");
    }
    update(
        "INSERT INTO outlet (name, kind, bank_code, district_code, address) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind,"
            + " bank_code = EXCLUDED.bank_code, district_code = EXCLUDED.district_code,"
            + " address = EXCLUDED.address",
        body.name(),
        kind.name(),
        bankOutlet ? body.bankCode() : null,
        body.districtCode(),
        body.address());
    return referenceData.outlet(body.name()).orElseThrow();
  }

  /** A cooperating bank (FACTS.md: a 16th was reported in 2026). */
  public record BankBody(String nameZh, String nameEn, String cnapsCode, String swiftCode) {}

  @PUT
  @Path("/banks/{code}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Set<String> putBank(
      @BeanParam CallerHeaders headers, @PathParam("code") String code, BankBody body)
      throws SQLException {
    headers.context().requireRole("OPERATOR");
    if (body == null || body.cnapsCode() == null || !body.cnapsCode().matches("\\d{12}")) {
      throw RuleViolation.invalidInput("R-BANK-1", "请填写12位联行号。", "a 12-digit CNAPS code is needed")
          .at("cnapsCode");
    }
    update(
        "INSERT INTO cooperating_bank (code, name_zh, name_en, cnaps_code, swift_code)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh,"
            + " name_en = EXCLUDED.name_en, cnaps_code = EXCLUDED.cnaps_code,"
            + " swift_code = EXCLUDED.swift_code",
        code,
        body.nameZh(),
        body.nameEn(),
        body.cnapsCode(),
        body.swiftCode());
    return referenceData.codes();
  }

  private void update(String sql, Object... values) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }
}
