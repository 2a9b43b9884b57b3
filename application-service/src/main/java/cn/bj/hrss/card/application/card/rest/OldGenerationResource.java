package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.domain.BusinessClock;
import cn.bj.hrss.card.application.card.domain.IdNumber;
import cn.bj.hrss.card.application.card.domain.Phases;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Someone who lost or damaged a first- or second-generation card asks for a replacement. This
 * system does not issue old cards: the answer says where to go (R-LOSS-2, R-PHASE-2, R-LOSS-1).
 */
@Path("/old-generation-cards/replacement")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OldGenerationResource {

  private final DataSource dataSource;
  private final BusinessClock clock;

  OldGenerationResource(DataSource dataSource, BusinessClock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @POST
  public void askForReplacement(
      @BeanParam CallerHeaders headers, CardRequests.OldGenerationReplacement body)
      throws SQLException {
    headers.context();
    if (body == null || !IdNumber.isValid(body.idNumber())) {
      throw RuleViolation.invalidInput("INPUT-ID-NUMBER", "身份证号码有误。", "not a valid ID number")
          .at("idNumber");
    }
    if (hasThirdGenerationApplication(body.idNumber())) {
      throw RuleViolation.conflict(
          "R-LOSS-1",
          "您已申领第三代社保卡。如卡片丢失或损坏，请携带本人有效身份证件到发卡银行即时制卡服务网点现场补领或换领。",
          "the person has a third-generation card: replace it at an instant outlet");
    }
    if (!Phases.isNormalPhase(clock.today())) {
      throw RuleViolation.conflict(
          "R-LOSS-2",
          "集中换发阶段，尚未开始办理第三代社保卡的人员，仍通过原方式补领或换领第一、二代社保卡。",
          "in the concentrated phase old cards are replaced the old way, outside this system");
    }
    throw RuleViolation.conflict(
        "R-PHASE-2",
        "自2026年1月1日起，补领、换领均为第三代社保卡，请直接申领第三代社保卡。",
        "from 2026-01-01 every replacement is a third-generation card: apply for one");
  }

  private boolean hasThirdGenerationApplication(String idNumber) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT 1 FROM application_claim WHERE id_number = ?")) {
      select.setString(1, idNumber);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }
}
