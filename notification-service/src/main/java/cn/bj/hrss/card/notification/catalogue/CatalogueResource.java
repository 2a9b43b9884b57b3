package cn.bj.hrss.card.notification.catalogue;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.catalogue.ReferenceData.Bank;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The catalogue and its reference data, for operators: every template with an example and the
 * anti-fraud policy's verdict on it; the banks, which operators can add to. (Outlets come with the
 * events, from application-service's reference data: ADR 23.)
 */
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogueResource {

  /** A template as operators read it, with an example text and the policy's verdict on it. */
  public record CatalogueEntry(
      String code,
      String trigger,
      String signer,
      String body,
      String description,
      String example,
      String policy) {}

  /** The name that signs a bank's notices. */
  public record BankName(String name) {}

  private static final Pattern BANK_CODE = Pattern.compile("[A-Z0-9]{2,16}");
  private static final Pattern BANK_NAME = Pattern.compile("\\p{IsHan}{2,16}");

  private final ReferenceData data;

  CatalogueResource(ReferenceData data) {
    this.data = data;
  }

  @GET
  @Path("/catalogue")
  public List<CatalogueEntry> catalogue() throws SQLException {
    List<CatalogueEntry> entries = new ArrayList<>();
    for (MessageTemplate template : data.templates()) {
      String signature =
          MessageTemplate.SIGNED_BY_HRSS.equals(template.signer())
              ? MessageTemplate.HRSS_SIGNATURE
              : "工商银行";
      String example = template.render(signature, template.exampleValues());
      AntiFraudPolicy.Verdict verdict = AntiFraudPolicy.checkOutgoing(example);
      entries.add(
          new CatalogueEntry(
              template.code(),
              template.trigger(),
              template.signer(),
              template.body(),
              template.description(),
              example,
              verdict.allowed() ? "ALLOWED" : "BLOCKED: " + verdict.reason()));
    }
    return entries;
  }

  @GET
  @Path("/banks")
  public List<Bank> banks() throws SQLException {
    return data.banks();
  }

  /** Adds a bank (or renames one); its name must be usable as a signature. */
  @RolesAllowed({Roles.OPERATOR})
  @PUT
  @Path("/banks/{code}")
  public Bank putBank(@PathParam("code") String code, BankName body) throws SQLException {
    if (!BANK_CODE.matcher(code).matches()) {
      throw invalid("银行代码有误，应为2至16位大写字母或数字。", "the bank code is 2 to 16 capital letters or digits");
    }
    if (body == null || body.name() == null || !BANK_NAME.matcher(body.name()).matches()) {
      throw invalid(
          "银行名称有误，应为2至16个汉字，如：工商银行。", "the bank name is 2 to 16 Chinese characters, e.g. 工商银行");
    }
    AntiFraudPolicy.Verdict verdict =
        AntiFraudPolicy.checkOutgoing("【" + body.name() + "】您的社会保障卡已制作完成。");
    if (!verdict.allowed()) {
      throw invalid("该银行名称不能用于短信。", verdict.reason());
    }
    Bank bank = new Bank(code, body.name());
    data.putBank(bank);
    return bank;
  }

  /** An operator's bad input: the reason in Chinese, and in English for the log and the console. */
  private static Refusal invalid(String message, String detail) {
    return Refusal.badRequest("INPUT-INVALID", message, detail);
  }
}
