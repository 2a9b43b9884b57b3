package cn.bj.hrss.card.application.lists;

import cn.bj.hrss.card.application.calendar.CalendarStore;
import cn.bj.hrss.card.application.card.domain.BusinessClock;
import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.application.card.domain.Masking;
import cn.bj.hrss.card.application.index.CardIndexRow;
import cn.bj.hrss.card.application.index.CardIndexStore;
import cn.bj.hrss.card.deadline.NoProductionPeriodException;
import cn.bj.hrss.card.deadline.ProductionDeadline;
import cn.bj.hrss.card.deadline.ProductionDeadlines;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * S-LIST-2: the applications of an organisation's people (the persons the registry lists with it,
 * as security/CardAccess decides its reach), each with its legal due date (card-deadlines, on the
 * calendar in force, as {@code GET /cards/{id}/progress}) and whether it is overdue: due before the
 * business date and not produced yet. Personal data masked.
 */
@ApplicationScoped
public class OrganisationApplications {

  /**
   * One application in the list. {@code collective}: applied through the organisation's channel.
   */
  public record Item(
      String cardId,
      String holderName,
      String holderIdNumber,
      String status,
      String statusName,
      String bankCode,
      String collectionMethod,
      String outletName,
      LocalDate applicationDate,
      LocalDate dueDate,
      String dueRule,
      boolean overdue,
      boolean collective) {}

  /** One page of the list; {@code total} counts every matching application. */
  public record Page(
      String organisationId,
      LocalDate businessDate,
      int page,
      int size,
      int total,
      List<Item> items) {}

  private final CardIndexStore index;
  private final CalendarStore calendars;
  private final BusinessClock clock;

  OrganisationApplications(CardIndexStore index, CalendarStore calendars, BusinessClock clock) {
    this.index = index;
    this.calendars = calendars;
    this.clock = clock;
  }

  /** Every matching application, newest first. */
  public List<Item> all(String organisationId, CardStatus status, Boolean overdue) {
    LocalDate today = clock.today();
    ProductionDeadlines deadlines = new ProductionDeadlines(calendars.current());
    List<Item> items = new ArrayList<>();
    for (CardIndexRow row : index.ofOrganisation(organisationId, status)) {
      Item item = item(row, organisationId, deadlines, today);
      if (overdue == null || overdue == item.overdue()) {
        items.add(item);
      }
    }
    return items;
  }

  /** The page {@code page} (from 0) of {@code size} applications. */
  public Page page(String organisationId, CardStatus status, Boolean overdue, int page, int size) {
    List<Item> all = all(organisationId, status, overdue);
    int from = (int) Math.min((long) page * size, all.size());
    int to = Math.min(from + size, all.size());
    return new Page(
        organisationId, clock.today(), page, size, all.size(), List.copyOf(all.subList(from, to)));
  }

  private static Item item(
      CardIndexRow row, String organisationId, ProductionDeadlines deadlines, LocalDate today) {
    ProductionDeadline deadline = null;
    if (row.channel() != null && row.applicationDate() != null) {
      try {
        deadline = deadlines.forApplication(row.channel(), row.applicationDate());
      } catch (NoProductionPeriodException e) {
        deadline = null; // a channel without a legal production period
      }
    }
    LocalDate due = deadline == null ? null : deadline.dueDate();
    boolean notProduced =
        row.status() == CardStatus.REQUESTED || row.status() == CardStatus.PRODUCTION_FAILED;
    return new Item(
        row.cardId(),
        Masking.name(row.holderName()),
        Masking.idNumber(row.holderIdNumber()),
        row.status().name(),
        row.status().chineseName(),
        row.bankCode(),
        row.collectionMethod() == null ? null : row.collectionMethod().name(),
        row.outletName(),
        row.applicationDate(),
        due,
        deadline == null ? null : deadline.rule(),
        due != null && due.isBefore(today) && notProduced,
        organisationId.equals(row.organisationId()));
  }
}
