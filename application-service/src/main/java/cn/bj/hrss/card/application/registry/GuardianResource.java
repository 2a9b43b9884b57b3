package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.card.domain.BusinessClock;
import cn.bj.hrss.card.application.card.domain.Guardianship;
import cn.bj.hrss.card.application.card.domain.Masking;
import cn.bj.hrss.card.application.card.domain.Outlet;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.IdNumber;
import cn.bj.hrss.card.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * R-BANK-4 (ADR 22): a guardian checked in person by the staff of an outlet, and the guardians
 * recorded for a minor. The staff who record a check are a bank at its own outlet (channel {@code
 * BANK_OUTLET} or {@code BANK_OUTLET_INSTANT}, an outlet of that bank) or an operator at a district
 * or street outlet (channel {@code DISTRICT_STREET_OUTLET}, an outlet of that kind): the guardian
 * stands before them with a document that proves the relation. Nobody records a relation online.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class GuardianResource {

  private static final Logger LOG = Logger.getLogger(GuardianResource.class);

  /** The documents that prove a guardianship, with their Chinese names. */
  static final Map<String, String> DOCUMENT_TYPES =
      Map.of(
          "HOUSEHOLD_REGISTER", "户口簿",
          "BIRTH_CERTIFICATE", "出生医学证明",
          "GUARDIANSHIP_CERTIFICATE", "监护关系证明（法院判决或居（村）委会、民政部门指定）");

  private static final Pattern DOCUMENT_NUMBER = Pattern.compile("[A-Za-z0-9-]{6,32}");
  private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Set<Channel> BANK_OUTLET_CHANNELS =
      Channel.setOf(Channel.BANK_OUTLET, Channel.BANK_OUTLET_INSTANT);

  /** A check of a guardian's documents, as the outlet's staff report it. */
  public record InPersonBody(
      String minorIdNumber,
      String guardianIdNumber,
      String documentType,
      String documentNumber,
      String outletName,
      String staffId) {}

  private final GuardianRelations relations;
  private final ReferenceData referenceData;
  private final BusinessClock clock;

  GuardianResource(GuardianRelations relations, ReferenceData referenceData, BusinessClock clock) {
    this.relations = relations;
    this.referenceData = referenceData;
    this.clock = clock;
  }

  /**
   * Records a guardian whose documents the outlet's staff checked in person; 201 with the record.
   */
  @RolesAllowed({Roles.BANK, Roles.OPERATOR})
  @POST
  @Path("/guardianships")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response recordInPerson(@BeanParam CallerHeaders headers, InPersonBody body)
      throws SQLException {
    CallerContext caller = headers.context().requireRole("BANK", "OPERATOR");
    if (body == null) {
      throw RuleViolation.invalidInput("INPUT-MISSING", "请求内容为空。", "the request has no body");
    }
    requireAtTheirOwnOutlet(caller, body.outletName());
    if (body.documentType() == null || !DOCUMENT_TYPES.containsKey(body.documentType())) {
      throw RuleViolation.invalidInput(
              "INPUT-MISSING",
              "请注明核验的证明材料：户口簿、出生医学证明或监护关系证明。",
              "documentType must be one of " + DOCUMENT_TYPES.keySet())
          .at("documentType");
    }
    if (body.documentNumber() == null
        || !DOCUMENT_NUMBER.matcher(body.documentNumber()).matches()) {
      throw RuleViolation.invalidInput(
              "INPUT-MISSING", "请填写证明材料的编号。", "documentNumber: 6 to 32 letters, digits or '-'")
          .at("documentNumber");
    }
    String staffId = caller.is("OPERATOR") ? caller.actorId() : body.staffId();
    if (staffId == null || !STAFF_ID.matcher(staffId).matches()) {
      throw RuleViolation.invalidInput(
              "INPUT-MISSING", "请填写核验的工作人员编号。", "staffId: the member of staff who checked, 1 to 64")
          .at("staffId");
    }
    requireMinorAndGuardian(body.minorIdNumber(), body.guardianIdNumber());
    GuardianRelations.View recorded =
        relations.recordInPerson(
            new GuardianRelations.InPersonCheck(
                body.minorIdNumber(),
                body.guardianIdNumber(),
                body.documentType(),
                body.documentNumber(),
                body.outletName(),
                staffId,
                caller.actorRole(),
                caller.actorId(),
                caller.correlationId()));
    LOG.infof(
        "R-BANK-4: guardian %s of minor %s checked in person (%s) by %s %s, staff %s, at %s",
        Masking.idNumber(body.guardianIdNumber()),
        Masking.idNumber(body.minorIdNumber()),
        body.documentType(),
        caller.actorRole(),
        caller.actorId(),
        staffId,
        body.outletName());
    return Response.status(201).entity(recorded).build();
  }

  /** Every guardian recorded for the minor (in force or withdrawn), with who and when; masked. */
  @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
  @GET
  @Path("/insured-persons/{idNumber}/guardians")
  public List<GuardianRelations.View> guardians(
      @BeanParam CallerHeaders headers, @PathParam("idNumber") String idNumber)
      throws SQLException {
    headers.readingContext().requireRole("OPERATOR", "AUDITOR");
    if (!IdNumber.isValid(idNumber)) {
      throw RuleViolation.invalidInput("INPUT-ID-NUMBER", "身份证号码有误。", "not a valid ID number")
          .at("idNumber");
    }
    return relations.of(idNumber);
  }

  /** A bank at one of its own outlets, an operator at a district or street outlet; in person. */
  private void requireAtTheirOwnOutlet(CallerContext caller, String outletName) {
    Outlet outlet = outletName == null ? null : referenceData.outlet(outletName).orElse(null);
    Channel via = Channel.named(caller.channel()).orElse(null);
    boolean inPerson =
        outlet != null
            && (caller.is("BANK")
                ? BANK_OUTLET_CHANNELS.contains(via)
                    && outlet.isBankOutlet()
                    && caller.actorId().equals(outlet.bankCode())
                : via == Channel.DISTRICT_STREET_OUTLET
                    && (outlet.kind() == Outlet.Kind.DISTRICT
                        || outlet.kind() == Outlet.Kind.STREET));
    if (!inPerson) {
      throw RuleViolation.conflict(
              "R-BANK-4",
              "监护关系须由网点工作人员在本网点现场核验登记：合作银行在本行网点，区、街社会保障卡服务网点在本网点。",
              "a guardianship is checked in person at the caller's own outlet")
          .at("outletName");
    }
  }

  /** The minor is insured (R-ELIG-1) and under 18; the guardian is another person, an adult. */
  private void requireMinorAndGuardian(String minor, String guardian) {
    if (!IdNumber.isValid(minor)) {
      throw RuleViolation.invalidInput(
              "INPUT-ID-NUMBER", "未成年人的身份证号码有误。", "not a valid GB 11643-1999 ID number")
          .at("minorIdNumber");
    }
    if (!IdNumber.isValid(guardian)) {
      throw RuleViolation.invalidInput(
              "INPUT-ID-NUMBER", "监护人的身份证号码有误。", "not a valid GB 11643-1999 ID number")
          .at("guardianIdNumber");
    }
    if (referenceData.insuredPerson(minor).isEmpty()) {
      throw RuleViolation.invalidInput(
              "R-ELIG-1", "未查询到该未成年人的本市参保信息。", "no insured person with this ID number")
          .at("minorIdNumber");
    }
    if (!Guardianship.isMinorOn(minor, clock.today())) {
      throw RuleViolation.conflict(
              "R-BANK-4", "被监护人已年满18周岁，由本人办理，无需登记监护关系。", "the person is an adult")
          .at("minorIdNumber");
    }
    if (guardian.equals(minor) || Guardianship.isMinorOn(guardian, clock.today())) {
      throw RuleViolation.conflict(
              "R-BANK-4", "监护人须为年满18周岁的他人。", "the guardian must be another adult")
          .at("guardianIdNumber");
    }
  }
}
