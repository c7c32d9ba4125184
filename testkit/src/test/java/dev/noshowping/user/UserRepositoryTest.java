package dev.noshowping.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.db.Transaction;
import dev.noshowping.http.Caller;
import dev.noshowping.http.Role;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The caller's user row: made on first sight, its phone only a verified one, written only when it changed. */
@ExtendWith(PostgresExtension.class)
class UserRepositoryTest {

    private DataSource app;
    private DataSource owner;

    @BeforeEach
    void database(TestDatabase db) {
        this.app = db.dataSource();
        this.owner = db.ownerDataSource();
    }

    private long ensure(Caller caller) {
        return Transaction.run(app, c -> UserRepository.ensure(c, caller));
    }

    @Test
    void aFirstSightMakesTheRowWithTheRoleAndTheVerifiedPhone() throws SQLException {
        long id = ensure(new Caller("alice", Role.ADMIN, "+821012345678"));
        assertThat(Rows.text(app, "select external_subject || ' ' || role || ' ' || phone from app_user where id = " + id))
                .isEqualTo("alice ADMIN +821012345678");
    }

    @Test
    void aKnownUserIsFoundWithoutAWriteAndBurnsNoIdentityValue() throws SQLException {
        long id = ensure(new Caller("alice", Role.USER, "+821012345678"));
        String version = Rows.text(app, "select xmin::text from app_user where id = " + id);
        String lastId = Rows.text(owner, "select last_value from app_user_id_seq");

        assertThat(ensure(new Caller("alice", Role.USER, "+821012345678"))).isEqualTo(id);
        assertThat(ensure(new Caller("alice", Role.USER))).isEqualTo(id);
        assertThat(Rows.text(app, "select xmin::text from app_user where id = " + id))
                .as("the same number, or none, is not written").isEqualTo(version);
        assertThat(Rows.text(owner, "select last_value from app_user_id_seq")).isEqualTo(lastId);
        assertThat(Rows.text(app, "select phone from app_user where id = " + id))
                .as("a token without a phone leaves the kept one").isEqualTo("+821012345678");
    }

    @Test
    void aNewVerifiedPhoneReplacesTheKeptOne() throws SQLException {
        long id = ensure(new Caller("alice", Role.USER, "+821012345678"));
        assertThat(ensure(new Caller("alice", Role.USER, "+821033334444"))).isEqualTo(id);
        assertThat(Rows.text(app, "select phone from app_user where id = " + id)).isEqualTo("+821033334444");
    }

    @Test
    void anUnverifiedPhoneIsNeverKept() throws SQLException {
        Caller unverified = Caller.fromClaims(Map.of("sub", "mallory", "phone_number", "+821099998888",
                "phone_number_verified", "false"));
        long id = ensure(unverified);
        assertThat(Rows.text(app, "select coalesce(phone, 'none') from app_user where id = " + id)).isEqualTo("none");
    }

    @Test
    void racingFirstSightingsMakeOneRowAndAllGetItsId() throws Exception {
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Long>> calls = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            calls.add(() -> {
                start.await();
                return ensure(new Caller("newcomer", Role.USER, "+821055556666"));
            });
        }
        List<Long> ids = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            var futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (var f : futures) {
                ids.add(f.get());
            }
        }
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(Rows.text(app, "select count(*) from app_user where external_subject = 'newcomer'")).isEqualTo("1");
        assertThat(Rows.text(app, "select phone from app_user where external_subject = 'newcomer'")).isEqualTo("+821055556666");
    }
}
