package cn.bj.hrss.card.application.lists;

import cn.bj.hrss.card.application.card.CardApplications;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.application.security.CardAccess;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;

/**
 * S-LIST-2, the collective application as a file: an employer's or a university's CSV (columns
 * {@value #HEADER}), each row submitted exactly as {@code POST /cards} submits one application
 * (card/CardApplications, then the card aggregate's rules; the organisation's own channel, and only
 * for its own staff or students), each in its own transaction, with one result per row: the card
 * id, or the rule, the Chinese message and the field. At most {@value #MAX_ROWS} rows.
 */
@ApplicationScoped
public class CollectiveImport {

  private static final Logger LOG = Logger.getLogger(CollectiveImport.class);

  static final String HEADER = "idNumber,name,mobile,bankCode,collectionMethod,outletName,address";
  static final int MAX_ROWS = 5_000;
  private static final String[] COLUMNS = HEADER.split(",");

  /**
   * One row's outcome: a card id (new, or the one the person had: {@code existing}) or a refusal.
   */
  public record RowResult(
      long line, String cardId, boolean existing, String rule, String message, String field) {}

  /** The outcome of a file. */
  public record Report(
      String organisationId, int rowsRead, int accepted, int rejected, List<RowResult> rows) {}

  private final CardApplications applications;
  private final CardAccess access;

  CollectiveImport(CardApplications applications, CardAccess access) {
    this.applications = applications;
    this.access = access;
  }

  /**
   * Reads the whole file first: refused with nothing submitted if it is not UTF-8 (once, S-LIST-2),
   * not CSV or too long. A leading byte-order mark (Excel's "CSV UTF-8") is not part of the first
   * cell, with or without the header line.
   */
  public Report run(CallerContext organisation, byte[] file) {
    List<CSVRecord> records = read(new StringReader(stripBom(utf8(file))));
    List<RowResult> results = new ArrayList<>();
    int accepted = 0;
    for (CSVRecord record : records) {
      RowResult result = submit(organisation, record);
      results.add(result);
      if (result.cardId() != null) {
        accepted++;
      }
    }
    return new Report(
        organisation.actorId(), records.size(), accepted, records.size() - accepted, results);
  }

  private static List<CSVRecord> read(Reader csv) {
    List<CSVRecord> records = new ArrayList<>();
    try (CSVParser parser =
        CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build().parse(csv)) {
      for (CSVRecord record : parser) {
        if (record.getRecordNumber() == 1 && "idNumber".equals(record.get(0))) {
          continue; // the header
        }
        if (records.size() == MAX_ROWS) {
          throw RuleViolation.invalidInput(
              "S-LIST-2",
              "一次最多导入5000条申领，请分批导入。",
              "a collective application file has at most " + MAX_ROWS + " rows");
        }
        records.add(record);
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw RuleViolation.invalidInput(
          "INPUT-MALFORMED", "文件格式有误，请使用CSV模板。", "the body is not CSV: " + HEADER);
    }
    return records;
  }

  private RowResult submit(CallerContext organisation, CSVRecord record) {
    long line = record.getRecordNumber();
    try {
      if (record.size() != COLUMNS.length) {
        throw RuleViolation.invalidInput(
            "INPUT-MALFORMED",
            "该行应有7列：身份证号、姓名、手机号、银行代码、领卡方式、网点名称、地址。",
            "a row has the columns " + HEADER);
      }
      Applicant applicant = new Applicant(cell(record, 0), cell(record, 1), cell(record, 2));
      Collection collection =
          new Collection(method(cell(record, 4)), cell(record, 5), cell(record, 6));
      access.requireOwnMember(organisation, applicant.idNumber());
      CardApplications.Submitted submitted =
          applications.submit(organisation, applicant, null, cell(record, 3), collection);
      return new RowResult(line, submitted.cardId(), !submitted.isNew(), null, null, null);
    } catch (RuleViolation refused) {
      return new RowResult(
          line, null, false, refused.ruleId(), refused.citizenMessage(), column(refused.field()));
    } catch (Exception e) {
      LOG.errorf("collective application row %d failed: %s", line, e.getClass().getName());
      return new RowResult(line, null, false, "INTERNAL", "该行暂时无法办理，请稍后重试。", null);
    }
  }

  private static CollectionMethod method(String value) {
    try {
      return value == null ? null : CollectionMethod.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw RuleViolation.invalidInput(
              "INPUT-MALFORMED",
              "领卡方式应为 OUTLET_PICKUP、MAIL 或 DOOR_TO_DOOR。",
              "collectionMethod: OUTLET_PICKUP, MAIL or DOOR_TO_DOOR")
          .at("collectionMethod");
    }
  }

  /**
   * The file's column of a refusal's request field: {@code applicant.idNumber} is {@code idNumber};
   * {@code applicant} (R-ELIG-1: no insured person with this ID number and name) is {@code
   * idNumber}, the row's key.
   */
  private static String column(String field) {
    if (field == null) {
      return null;
    }
    return switch (field) {
      case "applicant" -> "idNumber";
      case "collection.method" -> "collectionMethod";
      default -> field.substring(field.lastIndexOf('.') + 1);
    };
  }

  private static String cell(CSVRecord record, int index) {
    String value = record.get(index).strip();
    return value.isEmpty() ? null : value;
  }

  /**
   * The file as strict UTF-8: a file saved in another encoding (GBK, as Excel saves "CSV" on a
   * Chinese Windows) is refused once, not as a failure of every row with a Chinese name.
   */
  private static String utf8(byte[] file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(file))
          .toString();
    } catch (CharacterCodingException e) {
      throw RuleViolation.invalidInput(
              "S-LIST-2", "请将文件另存为UTF-8编码的CSV后再上传。", "the file is not UTF-8")
          .at("file");
    }
  }

  private static String stripBom(String value) {
    return value.startsWith("\uFEFF") ? value.substring(1) : value;
  }
}
