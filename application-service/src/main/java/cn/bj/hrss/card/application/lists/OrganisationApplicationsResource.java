package cn.bj.hrss.card.application.lists;

import cn.bj.hrss.card.application.audit.CsvCells;
import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.application.card.domain.Organisation;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * S-LIST-2 for an employer or a university (its own id only: the token's subject) and operators:
 * its people's applications, filtered and paged, or all of them as CSV; and the collective
 * application as a CSV file with a result per row. Anyone else, or another organisation's id, is
 * refused (403 ACCESS-DENIED) before anything is read.
 */
@Path("/organisations/{id}/applications")
public class OrganisationApplicationsResource {

  /** The largest page. */
  static final int MAX_PAGE_SIZE = 200;

  /** The largest collective application file (5,000 rows of about 200 bytes, with room). */
  static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

  private final OrganisationApplications applications;
  private final CollectiveImport collectiveImport;
  private final ReferenceData referenceData;

  OrganisationApplicationsResource(
      OrganisationApplications applications,
      CollectiveImport collectiveImport,
      ReferenceData referenceData) {
    this.applications = applications;
    this.collectiveImport = collectiveImport;
    this.referenceData = referenceData;
  }

  /**
   * JSON: one page ({@code page} from 0, {@code size} 1..200, default 50). {@code Accept:
   * text/csv}: every matching application, UTF-8 with a byte-order mark (so that Excel reads the
   * Chinese names), formula-like cells neutralised (audit/CsvCells).
   */
  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response list(
      @BeanParam CallerHeaders headers,
      @PathParam("id") String id,
      @QueryParam("status") String status,
      @QueryParam("overdue") String overdue,
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @HeaderParam("Accept") String accept) {
    CallerContext caller = headers.readingContext();
    requireOwnOrOperator(caller, id);
    CardStatus wanted = status(status);
    Boolean late = overdue(overdue);
    if (accept != null && accept.contains("text/csv")) {
      return Response.ok(csv(applications.all(id, wanted, late)), "text/csv; charset=UTF-8")
          .header("Content-Disposition", "attachment; filename=\"applications.csv\"")
          .build();
    }
    int pageNumber = number(page, "page", 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
    int pageSize = number(size, "size", 50, 1, MAX_PAGE_SIZE);
    return Response.ok(
            applications.page(id, wanted, late, pageNumber, pageSize), MediaType.APPLICATION_JSON)
        .build();
  }

  /** The collective application as a file (columns {@value CollectiveImport#HEADER}). */
  @POST
  @Path("/import")
  @Consumes("text/csv")
  @Produces(MediaType.APPLICATION_JSON)
  public CollectiveImport.Report importApplications(
      @BeanParam CallerHeaders headers, @PathParam("id") String id, InputStream body)
      throws IOException {
    CallerContext caller = headers.context().requireRole("EMPLOYER", "UNIVERSITY");
    Organisation organisation =
        referenceData.organisation(id).filter(o -> id.equals(caller.actorId())).orElse(null);
    if (organisation == null || !organisation.kind().name().equals(caller.actorRole())) {
      throw CallerContext.denied("a collective application only for the caller's own organisation");
    }
    byte[] file = body == null ? new byte[0] : body.readNBytes(MAX_FILE_BYTES + 1);
    if (file.length > MAX_FILE_BYTES) {
      throw RuleViolation.invalidInput(
          "INPUT-TOO-LARGE", "文件过大，请分批导入（每批不超过5000条）。", "the file is over 2 MiB");
    }
    return collectiveImport.run(caller, file);
  }

  private static void requireOwnOrOperator(CallerContext caller, String id) {
    boolean own = (caller.is("EMPLOYER") || caller.is("UNIVERSITY")) && id.equals(caller.actorId());
    if (!own && !caller.is("OPERATOR")) {
      throw CallerContext.denied("an organisation's list only for itself and operators");
    }
  }

  private static CardStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return CardStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw RuleViolation.invalidInput("INPUT-MALFORMED", "状态有误。", "unknown status").at("status");
    }
  }

  private static Boolean overdue(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw RuleViolation.invalidInput("INPUT-MALFORMED", "逾期筛选应为 true 或 false。", "overdue")
          .at("overdue");
    }
    return Boolean.valueOf(value);
  }

  private static int number(String value, String field, int absent, int min, int max) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw RuleViolation.invalidInput(
            "S-LIST-2", "分页参数有误：每页1至200条，页码从0开始。", field + " must be " + min + ".." + max)
        .at(field);
  }

  private static String csv(java.util.List<OrganisationApplications.Item> items) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    try (CSVPrinter out = new CSVPrinter(csv, CSVFormat.RFC4180)) {
      out.printRecord(
          "cardId",
          "holderName",
          "holderIdNumber",
          "status",
          "statusName",
          "bankCode",
          "collectionMethod",
          "outletName",
          "applicationDate",
          "dueDate",
          "overdue",
          "collective");
      for (OrganisationApplications.Item i : items) {
        out.printRecord(
            i.cardId(),
            CsvCells.safe(i.holderName()),
            i.holderIdNumber(),
            i.status(),
            i.statusName(),
            i.bankCode(),
            i.collectionMethod(),
            CsvCells.safe(i.outletName()),
            i.applicationDate(),
            i.dueDate(),
            i.overdue(),
            i.collective());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return csv.toString();
  }
}
