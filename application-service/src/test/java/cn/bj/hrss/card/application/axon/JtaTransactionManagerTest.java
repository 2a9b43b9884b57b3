package cn.bj.hrss.card.application.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.transaction.Status;
import org.axonframework.common.transaction.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On Narayana itself: a live outer transaction is joined; a finished one that is still associated
 * with the thread (a leak, here one the reaper rolled back after its timeout) is never joined,
 * since its "commit" would do nothing; nothing begun here stays on the thread.
 */
class JtaTransactionManagerTest {

  private final jakarta.transaction.TransactionManager jta =
      com.arjuna.ats.jta.TransactionManager.transactionManager();
  private final JtaTransactionManager transactions = new JtaTransactionManager(jta);

  @AfterEach
  void clean() throws Exception {
    if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
      jta.suspend();
    }
    jta.setTransactionTimeout(0);
  }

  @Test
  void a_live_outer_transaction_is_joined_and_only_its_owner_commits_it() throws Exception {
    jta.begin();
    jakarta.transaction.Transaction outer = jta.getTransaction();
    Transaction joined = transactions.startTransaction();
    joined.commit();
    assertEquals(Status.STATUS_ACTIVE, jta.getStatus());
    assertEquals(outer, jta.getTransaction());
    joined.rollback();
    assertEquals(Status.STATUS_MARKED_ROLLBACK, jta.getStatus());
    jta.rollback();
  }

  @Test
  void a_transaction_rolled_back_by_its_timeout_is_not_joined_but_replaced() throws Exception {
    jta.setTransactionTimeout(1);
    jta.begin();
    jakarta.transaction.Transaction leaked = jta.getTransaction();
    jta.setTransactionTimeout(0);
    long deadline = System.currentTimeMillis() + 10_000;
    while (jta.getStatus() == Status.STATUS_ACTIVE && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertNotEquals(Status.STATUS_ACTIVE, jta.getStatus(), "the reaper did not roll it back");
    assertNotEquals(Status.STATUS_NO_TRANSACTION, jta.getStatus(), "no longer on the thread");

    Transaction fresh = transactions.startTransaction();
    assertEquals(Status.STATUS_ACTIVE, jta.getStatus());
    assertNotEquals(leaked, jta.getTransaction());
    fresh.commit();
    assertEquals(Status.STATUS_NO_TRANSACTION, jta.getStatus());
  }

  @Test
  void a_begun_transaction_leaves_the_thread_when_it_ends() throws Exception {
    transactions.startTransaction().commit();
    assertEquals(Status.STATUS_NO_TRANSACTION, jta.getStatus());
    transactions.startTransaction().rollback();
    assertEquals(Status.STATUS_NO_TRANSACTION, jta.getStatus());
  }
}
