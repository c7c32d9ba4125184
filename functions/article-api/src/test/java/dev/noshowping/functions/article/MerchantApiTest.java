package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TestDatabase;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith({PostgresExtension.class, S3Extension.class})
class MerchantApiTest {

    final ArticleApiHandler api = new ArticleApiHandler();

    static final String VALID = """
            {"merchantName":"제주여행샵","payoutBank":"088","payoutAccount":"110-123-456789"}""";
    static final String WITH_PHONE = """
            {"merchantName":"제주여행샵","payoutBank":"088","payoutAccount":"110-123-456789","phone":"+821012345678"}""";

    @Test
    void aUserBecomesAMerchantAndTheAccountIsNeverShownOrStoredInClear(DataSource ds) throws Exception {
        var reply = ApiCall.as("alice").verifiedPhone("+821012345678").post("/merchants", VALID).invoke(api);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("payoutAccountMasked").asText()).isEqualTo("********6789");
        assertThat(reply.raw()).doesNotContain("110123456789").doesNotContain("110-123-456789");
        try (var c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select payout_account_masked, payout_account_encrypted from merchant")) {
            rs.next();
            byte[] encrypted = rs.getBytes(2);
            assertThat(new String(encrypted, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("123456789");
            String key = TestDatabase.get().environment().get("DATA_ENCRYPTION_KEY");
            assertThat(new FieldCipher(key).decrypt(encrypted, "merchant.payout_account", "merchant of alice")).isEqualTo("110123456789");
        }
        var me = ApiCall.as("alice").get("/merchants/me").invoke(api);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("merchantName").asText()).isEqualTo("제주여행샵");
        assertThat(me.json().get("phone").asText()).isEqualTo("+821012345678");
    }

    @Test
    void aBodyPhoneWithoutAVerifiedOneInTheTokenIsRefusedAndNoPhoneIsStored(DataSource ds) throws Exception {
        var reply = ApiCall.as("mallory").post("/merchants", WITH_PHONE).invoke(api);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.firstErrorField()).isEqualTo("phone");
        assertThat(phones(ds)).isEmpty();
    }

    @Test
    void aBodyPhoneOtherThanTheVerifiedOneIsRefusedAndTheVerifiedOneStays(DataSource ds) throws Exception {
        try (var c = ds.getConnection()) {   // a known user: the verified number is on the row before the attempt
            c.createStatement().execute("insert into app_user (external_subject, phone) values ('mallory', '+821011112222')");
        }
        var reply = ApiCall.as("mallory").verifiedPhone("+821011112222").post("/merchants", WITH_PHONE).invoke(api);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo("phone");
        assertThat(phones(ds)).containsOnly("+821011112222");
    }

    @Test
    void theVerifiedPhoneMayBeRepeatedInTheBody(DataSource ds) throws Exception {
        var reply = ApiCall.as("alice").verifiedPhone("+821012345678").post("/merchants", WITH_PHONE).invoke(api);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.json().get("phone").asText()).isEqualTo("+821012345678");
        assertThat(phones(ds)).containsOnly("+821012345678");
    }

    @Test
    void withoutAVerifiedPhoneTheMerchantHasNone() {
        var reply = ApiCall.as("alice").post("/merchants", VALID).invoke(api);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.json().get("phone").isNull()).isTrue();
    }

    private static List<String> phones(DataSource ds) throws Exception {
        List<String> phones = new ArrayList<>();
        try (var c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select phone from app_user where phone is not null")) {
            while (rs.next()) {
                phones.add(rs.getString(1));
            }
        }
        return phones;
    }

    @Test
    void aUserIsAMerchantAtMostOnce() {
        assertThat(ApiCall.as("alice").post("/merchants", VALID).invoke(api).status()).isEqualTo(201);
        var again = ApiCall.as("alice").post("/merchants", VALID).invoke(api);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void concurrentRegistrationsOfOneUserMakeOneMerchant(DataSource ds) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> ApiCall.as("racer").post("/merchants", VALID).invoke(api).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(409);
        try (var c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select count(*) from merchant")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void notYetAMerchantIs404() {
        assertThat(ApiCall.as("bob").get("/merchants/me").invoke(api).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"payoutBank\":\"088\",\"payoutAccount\":\"110123456789\"}                          | merchantName",
        "{\"merchantName\":\" \",\"payoutBank\":\"088\",\"payoutAccount\":\"110123456789\"}   | merchantName",
        "{\"merchantName\":\"샵\",\"payoutBank\":\"88\",\"payoutAccount\":\"110123456789\"}    | payoutBank",
        "{\"merchantName\":\"샵\",\"payoutBank\":\"088\",\"payoutAccount\":\"11O-ABC\"}         | payoutAccount",
        "{\"merchantName\":\"샵\",\"payoutBank\":\"088\",\"payoutAccount\":\"12345\"}           | payoutAccount",
        "{\"merchantName\":\"샵\",\"payoutBank\":\"088\",\"payoutAccount\":\"110123456789\",\"phone\":\"010-1234\"} | phone",
        "{\"merchantName\":\"샵\",\"payoutBank\":88,\"payoutAccount\":\"110123456789\"}        | payoutBank",
        "{\"merchantName\":\"샵\",\"payoutBank\":\"088\",\"payoutAccount\":\"110123456789\",\"role\":\"ADMIN\"} | role",
    })
    void badInputIs400NamingTheFieldAndWritesNothing(String body, String field, DataSource ds) throws Exception {
        var reply = ApiCall.as("alice").post("/merchants", body).invoke(api);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo(field);
        try (var c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select count(*) from merchant")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() {
        var reply = ApiCall.as("alice").post("/merchants", "{}").invoke(api);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("merchantName", "payoutBank", "payoutAccount");
    }
}
